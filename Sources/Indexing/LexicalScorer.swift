public import EvidenceCore
public import Analysis
public import Store

/// A record's lexical score for a query, with the explanation when asked for.
public struct ScoredRecord: Sendable, Equatable {
    public var recordId: String
    public var score: Double
    public var explanation: Explanation?
}

/// Scores queries against the index in one consistent snapshot: an exact term-at-a-time accumulation
/// over the postings of the query's terms.
///
/// Created from a `StoreReader`; loads the per-record table once (O(N)), then each query costs
/// O(Σ postings of its terms). Refuses an index that is missing, stale or built by another analyzer.
public struct LexicalScorer {
    public let analyzer: Analyzer
    public let scheme: WeightingScheme
    public let statistics: CollectionStatistics
    private let reader: StoreReader
    /// Indexed by document number (slot 0 unused).
    private let recordIds: [String]
    private let lengths: [Int]
    private let norms: [Double]
    private let docNumber: [String: Int]

    public init(reader: StoreReader, scheme: WeightingScheme = .standardBM25, analyzer: Analyzer = .standard) throws {
        let status = try IndexStatus.read(reader, analyzer: analyzer)
        if let problem = status.problem { throw problem }
        self.reader = reader
        self.scheme = scheme
        self.analyzer = analyzer
        let documents = try reader.indexDocuments()
        let size = (documents.last?.docNumber ?? 0) + 1
        var ids = [String](repeating: "", count: size), lengths = [Int](repeating: 0, count: size), norms = [Double](repeating: 0, count: size)
        for row in documents {
            ids[row.docNumber] = row.recordId
            lengths[row.docNumber] = IndexFormat.combinedLength(title: row.titleLength, body: row.bodyLength)
            norms[row.docNumber] = row.norm
        }
        recordIds = ids
        docNumber = Dictionary(uniqueKeysWithValues: documents.map { ($0.recordId, $0.docNumber) })
        self.lengths = lengths
        self.norms = norms
        let totals = IndexTotals(meta: try reader.indexMeta())
        let count = max(totals.documents, 1)
        statistics = CollectionStatistics(
            documentCount: totals.documents,
            averageLength: Double(IndexFormat.combinedLength(title: totals.titleLength, body: totals.bodyLength)) / Double(count),
            averageNorm: totals.norm / Double(count))
    }

    /// Slots of the per-document score vectors: document numbers run from 1 to `slots` − 1.
    public var slots: Int { recordIds.count }

    /// The record id of a document number ("" for a number no longer in use).
    public func recordId(ofDocument docNumber: Int) -> String { recordIds[docNumber] }

    /// Scores of every document number (0 for records that match no term), for fusion with other lists.
    public func scoreVector(terms: [String]) throws -> [Double] {
        var vector = [Double](repeating: 0, count: slots)
        for scored in try score(terms: terms) { if let doc = docNumber[scored.recordId] { vector[doc] = scored.score } }
        return vector
    }

    /// Every record matching at least one query term, best first; ties by record id.
    public func score(_ text: String, explain: Bool = false) throws -> [ScoredRecord] {
        try score(terms: analyzer.terms(text), explain: explain)
    }

    /// Scores already-analysed query terms (repeats count as query term frequency).
    public func score(terms: [String], explain: Bool = false) throws -> [ScoredRecord] {
        var queryFrequency: [String: Int] = [:]
        for term in terms { queryFrequency[term, default: 0] += 1 }
        let rows = try reader.indexTerms(queryFrequency.keys.sorted())

        var weights: [(row: IndexTermRow, weight: Double)] = rows.map { row in
            (row, scheme.queryWeight(queryFrequency: queryFrequency[row.term]!, documentFrequency: row.documentFrequency, statistics: statistics))
        }
        if case .tfidf = scheme {  // ltc: cosine-normalise the query vector
            let norm = weights.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { weights = weights.map { ($0.row, $0.weight / norm) } }
        }

        var scores: [Int: Double] = [:]
        var details: [Int: [Explanation]] = [:]
        for (row, weight) in weights where weight != 0 {
            do {
                try PostingsCodec.forEach(row.postings) { posting in
                    let doc = posting.docNumber
                    let tf = IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
                    let documentWeight = scheme.documentWeight(frequency: tf, length: lengths[doc], norm: norms[doc], statistics: statistics)
                    let contribution = weight * documentWeight
                    scores[doc, default: 0] += contribution
                    if explain {
                        details[doc, default: []].append(Explanation(contribution, "match on '\(row.term)': query weight × record weight", [
                            scheme.explainQueryWeight(weight, term: row.term, queryFrequency: queryFrequency[row.term]!, documentFrequency: row.documentFrequency, statistics: statistics),
                            scheme.explainDocumentWeight(documentWeight, posting: posting, length: lengths[doc], norm: norms[doc], statistics: statistics),
                        ]))
                    }
                }
            } catch {
                throw IndexError.damaged("the postings of '\(row.term)' cannot be read")
            }
        }
        return scores.map { doc, score in
            ScoredRecord(recordId: recordIds[doc], score: score,
                         explanation: explain ? Explanation(score, "\(scheme.name): sum of \(details[doc]!.count) matching terms", details[doc]!) : nil)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.recordId < $1.recordId }
    }
}
