internal import Foundation
public import EvidenceCore
public import Analysis
public import Store
internal import Indexing
internal import Ranking

/// One record as a search returns it.
public struct ScoredRecord: Sendable, Equatable {
    public var recordId: String
    public var docNumber: Int
    public var score: Double
    /// The query terms the record contains, when the search was asked for them (empty otherwise).
    public var matchedTerms: Set<String> = []
    public var explanation: Explanation?
}

/// Scores queries against the index in one consistent snapshot: an exact term-at-a-time accumulation
/// over the postings of the query's terms into a dense array, the best k kept by a bounded heap.
///
/// Made by a `Searcher` (which holds the per-record table of its index version) or, for one-off use, from
/// a `StoreReader` alone (reading that table, O(N)). Each query costs O(Σ postings of its terms), plus
/// O(N) when it asks which terms each record matched (one bit per term and record, set while accumulating).
public struct LexicalScorer {
    public let analyzer: Analyzer
    public let scheme: WeightingScheme
    let table: DocumentTable
    private let reader: StoreReader
    private let termRows: TermRowCache
    /// Per record, the scheme's record-only factor (`WeightingScheme.documentNormaliser`).
    private let normalisers: [Double]

    init(reader: StoreReader, table: DocumentTable, termRows: TermRowCache, scheme: WeightingScheme, analyzer: Analyzer)
    {
        self.reader = reader
        self.table = table
        self.termRows = termRows
        self.scheme = scheme
        self.analyzer = analyzer
        normalisers = table.normalisers(for: scheme)
    }

    /// A scorer over `reader`'s snapshot alone, reading the per-record table now (O(N)). Refuses an index
    /// that is missing, stale or built by another analyzer. Repeated searches go through an `IndexReader`.
    public init(reader: StoreReader, scheme: WeightingScheme = .standardBM25, analyzer: Analyzer = .standard) throws {
        let status = try IndexStatus.read(reader, analyzer: analyzer)
        if let problem = status.problem { throw problem }
        self.init(
            reader: reader, table: try DocumentTable.load(reader), termRows: TermRowCache(), scheme: scheme,
            analyzer: analyzer)
    }

    public var statistics: CollectionStatistics { table.statistics }

    /// Slots of the per-document score vectors: document numbers run from 1 to `slots` − 1.
    public var slots: Int { table.recordIds.count }

    /// The slots with no record (slot 0 and numbers no longer in use), ascending.
    public var vacantSlots: [Int] { table.vacantSlots }

    /// The record id of a document number ("" for a number no longer in use).
    public func recordId(ofDocument docNumber: Int) -> String { table.recordIds[docNumber] }

    /// Document number of a record id, if it is indexed.
    public func docNumber(of recordId: String) -> Int? { table.docNumbers[recordId] }

    /// Scores of every document number (0 for records that match no term), for fusion with other lists.
    public func scoreVector(terms: [String]) throws -> [Double] {
        try accumulate(weightedTerms(terms), tracking: []).scores
    }

    /// Every record matching at least one query term, best first; ties by record id.
    public func score(_ text: String, explain: Bool = false) throws -> [ScoredRecord] {
        try top(terms: analyzer.terms(text), k: Int.max, explain: explain)
    }

    /// The best `k` records that match a term and that `allowed` allows, exactly (every posting is scored;
    /// a bounded heap keeps the best), best first, ties by record id; with `explain`, each with its
    /// explanation tree; with `matches`, each with the query terms it contains.
    public func top(
        terms: [String], k: Int, allowed: DocumentMask? = nil, explain: Bool = false, matches: Bool = false
    ) throws -> [ScoredRecord] {
        let weighted = try weightedTerms(terms)
        let result = try accumulate(weighted, tracking: matches ? [.touched, .matches] : [.touched])
        let candidates = allowed.map { mask in result.touched.filter(mask.allows) } ?? result.touched
        let ids = table.recordIds
        let picked: [(index: Int, score: Double)]
        if k >= candidates.count {
            picked = candidates.map { ($0, result.scores[$0]) }.sorted {
                $0.score != $1.score ? $0.score > $1.score : ids[$0.index] < ids[$1.index]
            }
        } else {
            picked = TopK.select(candidates.map { result.scores[$0] }, k: k) { ids[candidates[$0]] }.map {
                (candidates[$0.index], $0.score)
            }
        }
        let trees = explain ? try explanations(weighted, documents: Set(picked.map(\.index))) : [:]
        return picked.map { doc, score in
            ScoredRecord(
                recordId: ids[doc], docNumber: doc, score: score,
                matchedTerms: result.matchedTerms(of: doc),
                explanation: trees[doc].map {
                    Explanation(score, "\(scheme.name): sum of \($0.count) matching terms", $0)
                })
        }
    }

    /// The explanation tree of each given document's lexical score (documents that match no term have none).
    public func explanations(terms: [String], documents: Set<Int>) throws -> [Int: Explanation] {
        try explanations(weightedTerms(terms), documents: documents).mapValues { details in
            Explanation(
                details.reduce(0) { $0 + $1.value }, "\(scheme.name): sum of \(details.count) matching terms", details)
        }
    }

    // MARK: - Accumulation

    /// Every document's score for `terms` and, with `matches`, which of the terms each contains.
    func accumulation(terms: [String], matches: Bool) throws -> Accumulation {
        try accumulate(weightedTerms(terms), tracking: matches ? [.matches] : [])
    }

    /// A query term found in the index, with its query-side weight.
    struct WeightedTerm {
        var row: IndexTermRow
        var queryFrequency: Int
        var weight: Double
    }

    /// The query's index rows (sorted by term) with their query-side weights (ltc-normalised for TF-IDF).
    private func weightedTerms(_ terms: [String]) throws -> [WeightedTerm] {
        var queryFrequency: [String: Int] = [:]
        for term in terms { queryFrequency[term, default: 0] += 1 }
        var weighted = try termRows.rows(queryFrequency.keys.sorted(), reader: reader).map { row in
            let qtf = queryFrequency[row.term]!
            return WeightedTerm(
                row: row, queryFrequency: qtf,
                weight: scheme.queryWeight(
                    queryFrequency: qtf, documentFrequency: row.documentFrequency, statistics: statistics))
        }
        if case .tfidf = scheme {  // ltc: cosine-normalise the query vector
            let norm = weighted.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 {
                weighted = weighted.map {
                    WeightedTerm(row: $0.row, queryFrequency: $0.queryFrequency, weight: $0.weight / norm)
                }
            }
        }
        return weighted
    }

    /// What an accumulation can keep besides the scores.
    struct Tracking: OptionSet {
        let rawValue: Int
        /// The documents touched, in the order first met.
        static let touched = Tracking(rawValue: 1)
        /// Which query terms each document contains: bit i of a document's words for `weighted[i]`.
        static let matches = Tracking(rawValue: 2)
    }

    struct Accumulation {
        var scores: [Double]
        var touched: [Int] = []
        /// The query terms found in the index, in bit order.
        var terms: [String] = []
        var matchBits: [UInt64] = []
        var wordsPerDocument = 0

        /// The query terms `doc` contains (empty unless matches were tracked). O(query terms).
        func matchedTerms(of doc: Int) -> Set<String> {
            guard wordsPerDocument > 0 else { return [] }
            var found = Set<String>()
            for (index, term) in terms.enumerated()
            where matchBits[doc * wordsPerDocument + index / 64] & (1 << UInt64(index % 64)) != 0 {
                found.insert(term)
            }
            return found
        }
    }

    /// Term-at-a-time accumulation into a dense array over document numbers. O(Σ postings), plus O(N)
    /// to clear the arrays that `tracking` asks for.
    private func accumulate(_ weighted: [WeightedTerm], tracking: Tracking) throws -> Accumulation {
        let slots = slots, scheme = scheme
        var result = Accumulation(scores: [Double](repeating: 0, count: slots), terms: weighted.map(\.row.term))
        let tracksTouched = tracking.contains(.touched)
        var seen = [Bool](repeating: false, count: tracksTouched ? slots : 0)
        let words = tracking.contains(.matches) ? (weighted.count + 63) / 64 : 0
        result.wordsPerDocument = words
        result.matchBits = [UInt64](repeating: 0, count: slots * words)
        var touched: [Int] = []
        try result.scores.withUnsafeMutableBufferPointer { scores in
            try result.matchBits.withUnsafeMutableBufferPointer { bits in
                try normalisers.withUnsafeBufferPointer { normalisers in
                    for (index, term) in weighted.enumerated() where term.weight != 0 {
                        let word = index / 64, bit: UInt64 = 1 << UInt64(index % 64)
                        do {
                            try PostingsCodec.forEach(term.row.postings) { posting in
                                let doc = posting.docNumber
                                guard doc < slots else { return }
                                let tf = IndexFormat.combinedFrequency(
                                    title: posting.titleFrequency, body: posting.bodyFrequency)
                                scores[doc] +=
                                    term.weight * scheme.documentWeight(frequency: tf, normaliser: normalisers[doc])
                                if words > 0 { bits[doc * words + word] |= bit }
                                if tracksTouched, !seen[doc] { seen[doc] = true; touched.append(doc) }
                            }
                        } catch {
                            throw IndexError.damaged("the postings of '\(term.row.term)' cannot be read")
                        }
                    }
                }
            }
        }
        result.touched = touched
        return result
    }

    /// Each term's contribution to each of `documents`, as explanation trees. O(Σ postings).
    private func explanations(_ weighted: [WeightedTerm], documents: Set<Int>) throws -> [Int: [Explanation]] {
        var details: [Int: [Explanation]] = [:]
        let lengths = table.lengths, norms = table.norms
        for term in weighted where term.weight != 0 {
            try? PostingsCodec.forEach(term.row.postings) { posting in
                let doc = posting.docNumber
                guard documents.contains(doc) else { return }
                let tf = IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
                let documentWeight = scheme.documentWeight(
                    frequency: tf, length: lengths[doc], norm: norms[doc], statistics: statistics)
                details[doc, default: []].append(
                    Explanation(
                        term.weight * documentWeight, "match on '\(term.row.term)': query weight × record weight",
                        [
                            scheme.explainQueryWeight(
                                term.weight, term: term.row.term, queryFrequency: term.queryFrequency,
                                documentFrequency: term.row.documentFrequency, statistics: statistics),
                            scheme.explainDocumentWeight(
                                documentWeight, posting: posting, length: lengths[doc], norm: norms[doc],
                                statistics: statistics),
                        ]))
            }
        }
        return details
    }
}
