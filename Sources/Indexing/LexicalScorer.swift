internal import Foundation
public import EvidenceCore
public import Analysis
public import Store
internal import Ranking

/// A record's lexical score for a query, with the explanation when asked for.
public struct ScoredRecord: Sendable, Equatable {
    public var recordId: String
    public var score: Double
    public var explanation: Explanation?
}

/// Scores queries against the index in one consistent snapshot: an exact term-at-a-time accumulation
/// over the postings of the query's terms into a dense array, the best k kept by a bounded heap.
///
/// Created from a `StoreReader`; loads the per-record table once (O(N)), then each query costs
/// O(Σ postings of its terms). Refuses an index that is missing, stale or built by another analyzer.
public struct LexicalScorer {
    public let analyzer: Analyzer
    public let scheme: WeightingScheme
    public let statistics: CollectionStatistics
    private let reader: StoreReader
    /// Record ids indexed by document number ("" for slot 0 and numbers no longer in use).
    let recordIds: [String]
    /// The slots with no record (slot 0 and numbers no longer in use), ascending.
    public let vacantSlots: [Int]
    private let lengths: [Int]
    private let norms: [Double]
    /// Per record, the scheme's record-only factor (`WeightingScheme.documentNormaliser`).
    private let normalisers: [Double]
    private let docNumbers: [String: Int]
    /// Term rows read so far: the snapshot does not change, so each is read from SQLite once.
    private let termRows = TermRowCache()

    /// A scorer over `reader`'s snapshot. `documents`, when given, is the per-record table already read
    /// for this index version (see `ScorerCache`); otherwise it is read now (O(N)).
    public init(reader: StoreReader, scheme: WeightingScheme = .standardBM25, analyzer: Analyzer = .standard, documents: DocumentTable? = nil) throws {
        let status = try IndexStatus.read(reader, analyzer: analyzer)
        if let problem = status.problem { throw problem }
        self.reader = reader
        self.scheme = scheme
        self.analyzer = analyzer
        let table = try documents ?? DocumentTable.load(reader)
        recordIds = table.recordIds
        vacantSlots = table.vacantSlots
        docNumbers = table.docNumbers
        lengths = table.lengths
        norms = table.norms
        statistics = table.statistics
        normalisers = table.normalisers(for: scheme)
    }

    /// Slots of the per-document score vectors: document numbers run from 1 to `slots` − 1.
    public var slots: Int { recordIds.count }

    /// The record id of a document number ("" for a number no longer in use).
    public func recordId(ofDocument docNumber: Int) -> String { recordIds[docNumber] }

    /// Scores of every document number (0 for records that match no term), for fusion with other lists.
    public func scoreVector(terms: [String]) throws -> [Double] {
        try accumulate(weightedRows(terms), tracksTouched: false).scores
    }

    /// Every record matching at least one query term, best first; ties by record id.
    public func score(_ text: String, explain: Bool = false) throws -> [ScoredRecord] {
        try score(terms: analyzer.terms(text), explain: explain)
    }

    /// Scores already-analysed query terms (repeats count as query term frequency): every matching record.
    public func score(terms: [String], explain: Bool = false) throws -> [ScoredRecord] {
        try top(terms: terms, k: Int.max, explain: explain)
    }

    /// The best `k` matching records, exactly (every posting is scored; a bounded heap keeps the best),
    /// best first, ties by record id; with `explain`, each with its explanation tree.
    public func top(terms: [String], k: Int, explain: Bool = false) throws -> [ScoredRecord] {
        let rows = try weightedRows(terms)
        let (scores, touched) = try accumulate(rows)
        let picked: [(index: Int, score: Double)]
        if k >= touched.count {
            picked = touched.map { ($0, scores[$0]) }.sorted { $0.score != $1.score ? $0.score > $1.score : recordIds[$0.index] < recordIds[$1.index] }
        } else {
            picked = TopK.select(touched.map { scores[$0] }, k: k) { recordIds[touched[$0]] }.map { (touched[$0.index], $0.score) }
        }
        let explanations = explain ? try self.explanations(rows, documents: Set(picked.map(\.index))) : [:]
        return picked.map { doc, score in
            ScoredRecord(recordId: recordIds[doc], score: score,
                         explanation: explanations[doc].map { Explanation(score, "\(scheme.name): sum of \($0.count) matching terms", $0) })
        }
    }

    /// Document number of a record id, if it is indexed.
    public func docNumber(of recordId: String) -> Int? { docNumbers[recordId] }

    /// Which of the query's terms each given document contains.
    public func matchingTerms(terms: [String], documents: Set<Int>) throws -> [Int: Set<String>] {
        var result: [Int: Set<String>] = [:]
        for row in try termRows.rows(Array(Set(terms)).sorted(), reader: reader) {
            try? PostingsCodec.forEach(row.postings) { posting in
                if documents.contains(posting.docNumber) { result[posting.docNumber, default: []].insert(row.term) }
            }
        }
        return result
    }

    /// The explanation tree of each given document's lexical score (documents that match no term have none).
    public func explanations(terms: [String], documents: Set<Int>) throws -> [Int: Explanation] {
        let rows = try weightedRows(terms)
        return try explanations(rows, documents: documents).mapValues { details in
            Explanation(details.reduce(0) { $0 + $1.value }, "\(scheme.name): sum of \(details.count) matching terms", details)
        }
    }

    /// The query's index rows with their query-side weights (ltc-normalised for TF-IDF).
    private func weightedRows(_ terms: [String]) throws -> [(row: IndexTermRow, queryFrequency: Int, weight: Double)] {
        var queryFrequency: [String: Int] = [:]
        for term in terms { queryFrequency[term, default: 0] += 1 }
        var rows = try termRows.rows(queryFrequency.keys.sorted(), reader: reader).map { row in
            let qtf = queryFrequency[row.term]!
            return (row: row, queryFrequency: qtf, weight: scheme.queryWeight(queryFrequency: qtf, documentFrequency: row.documentFrequency, statistics: statistics))
        }
        if case .tfidf = scheme {  // ltc: cosine-normalise the query vector
            let norm = rows.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { rows = rows.map { ($0.row, $0.queryFrequency, $0.weight / norm) } }
        }
        return rows
    }

    /// Term-at-a-time accumulation into a dense array over document numbers, with the documents touched
    /// in the order first met when `tracksTouched`. O(Σ postings).
    private func accumulate(_ rows: [(row: IndexTermRow, queryFrequency: Int, weight: Double)],
                            tracksTouched: Bool = true) throws -> (scores: [Double], touched: [Int]) {
        var scores = [Double](repeating: 0, count: slots)
        var touched: [Int] = []
        var seen = [Bool](repeating: false, count: tracksTouched ? slots : 0)
        let slots = slots, scheme = scheme
        try scores.withUnsafeMutableBufferPointer { scores in
            try normalisers.withUnsafeBufferPointer { normalisers in
                for (row, _, weight) in rows where weight != 0 {
                    do {
                        try PostingsCodec.forEach(row.postings) { posting in
                            let doc = posting.docNumber
                            guard doc < slots else { return }
                            let tf = IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
                            scores[doc] += weight * scheme.documentWeight(frequency: tf, normaliser: normalisers[doc])
                            if tracksTouched, !seen[doc] { seen[doc] = true; touched.append(doc) }
                        }
                    } catch {
                        throw IndexError.damaged("the postings of '\(row.term)' cannot be read")
                    }
                }
            }
        }
        return (scores, touched)
    }

    /// Each term's contribution to each of `documents`, as explanation trees.
    private func explanations(_ rows: [(row: IndexTermRow, queryFrequency: Int, weight: Double)], documents: Set<Int>) throws -> [Int: [Explanation]] {
        var details: [Int: [Explanation]] = [:]
        for (row, qtf, weight) in rows where weight != 0 {
            try? PostingsCodec.forEach(row.postings) { posting in
                let doc = posting.docNumber
                guard documents.contains(doc) else { return }
                let tf = IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
                let documentWeight = scheme.documentWeight(frequency: tf, length: lengths[doc], norm: norms[doc], statistics: statistics)
                details[doc, default: []].append(Explanation(weight * documentWeight, "match on '\(row.term)': query weight × record weight", [
                    scheme.explainQueryWeight(weight, term: row.term, queryFrequency: qtf, documentFrequency: row.documentFrequency, statistics: statistics),
                    scheme.explainDocumentWeight(documentWeight, posting: posting, length: lengths[doc], norm: norms[doc], statistics: statistics),
                ]))
            }
        }
        return details
    }
}

/// Index term rows by term, filled on first use. Not shared between threads.
final class TermRowCache {
    private var rows: [String: IndexTermRow?] = [:]

    func rows(_ terms: [String], reader: StoreReader) throws -> [IndexTermRow] {
        let missing = terms.filter { rows[$0] == nil }
        if !missing.isEmpty {
            let found = Dictionary(uniqueKeysWithValues: try reader.indexTerms(missing).map { ($0.term, $0) })
            for term in missing { rows[term] = .some(found[term]) }
        }
        return terms.compactMap { rows[$0] ?? nil }
    }
}

/// What a lexical scorer needs of every record, indexed by document number (slot 0 unused): its id,
/// combined length and norm, and the collection statistics. Read once per index version.
public struct DocumentTable: Sendable {
    let recordIds: [String]
    /// Slots with no record ("" in `recordIds`), ascending: slot 0 and numbers no longer in use.
    let vacantSlots: [Int]
    let lengths: [Int]
    let norms: [Double]
    let docNumbers: [String: Int]
    let statistics: CollectionStatistics
    private let normaliserCache = NormaliserCache()

    /// Each record's `scheme.documentNormaliser`, computed once per scheme for this table. O(N) the first time.
    func normalisers(for scheme: WeightingScheme) -> [Double] {
        normaliserCache.values(for: scheme) {
            zip(lengths, norms).map { scheme.documentNormaliser(length: $0, norm: $1, statistics: statistics) }
        }
    }

    public static func load(_ reader: StoreReader) throws -> DocumentTable {
        let documents = try reader.indexDocuments()
        let size = (documents.last?.docNumber ?? 0) + 1
        var ids = [String](repeating: "", count: size), lengths = [Int](repeating: 0, count: size), norms = [Double](repeating: 0, count: size)
        for row in documents {
            ids[row.docNumber] = row.recordId
            lengths[row.docNumber] = IndexFormat.combinedLength(title: row.titleLength, body: row.bodyLength)
            norms[row.docNumber] = row.norm
        }
        let totals = IndexTotals(meta: try reader.indexMeta())
        let count = max(totals.documents, 1)
        return DocumentTable(
            recordIds: ids, vacantSlots: ids.indices.filter { ids[$0].isEmpty }, lengths: lengths, norms: norms,
            docNumbers: Dictionary(uniqueKeysWithValues: documents.map { ($0.recordId, $0.docNumber) }),
            statistics: CollectionStatistics(
                documentCount: totals.documents,
                averageLength: Double(IndexFormat.combinedLength(title: totals.titleLength, body: totals.bodyLength)) / Double(count),
                averageNorm: totals.norm / Double(count)))
    }
}

/// The per-record normalisers of one `DocumentTable`, by scheme, shared by every scorer made from it.
private final class NormaliserCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [WeightingScheme: [Double]] = [:]

    func values(for scheme: WeightingScheme, compute: () -> [Double]) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        if let cached = values[scheme] { return cached }
        let computed = compute()
        values[scheme] = computed
        return computed
    }
}
