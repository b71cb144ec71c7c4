internal import Foundation
public import EvidenceCore
public import Store
internal import Analysis
public import Indexing

/// The facade both front ends use: a case description in, ranked evidence with reasons out.
///
/// Ranks with the default configuration (`HybridScorer`), keeps the records that pass the filter, and
/// for each of the best `k` says which concepts of the description it shares, picks the sentence that
/// shows it best, and lists its related records. The description is held in memory for the call only:
/// it is never written anywhere. Cost: one ranking pass plus O(k) record reads.
public struct Recommender: Sendable {
    public let store: EvidenceStore
    public let configuration: RankingConfiguration
    /// Shared by every copy of this recommender: what searches read whole, kept per index version.
    private let cache = ScorerCache()

    public init(store: EvidenceStore, configuration: RankingConfiguration = RankingConfiguration()) {
        self.store = store
        self.configuration = configuration
    }

    public func recommend(_ caseDescription: String, filter: RecordFilter = RecordFilter(), k: Int = 10, explain: Bool = false) throws -> [Recommendation] {
        try store.read { reader in
            let scorer = try cache.scorer(reader, configuration: configuration)
            let analyzer = scorer.lexical.analyzer
            let tokens = analyzer.analyze(caseDescription)
            let terms = tokens.map(\.term)
            let candidates = try scorer.rank(caseDescription, k: max(k * 20, 200), explain: explain)

            var picked: [(scored: ScoredRecord, record: EvidenceRecord)] = []
            for scored in candidates where picked.count < k {
                guard let record = try reader.record(id: scored.recordId), filter.matches(record) else { continue }
                picked.append((scored, record))
            }
            let docs = Dictionary(uniqueKeysWithValues: picked.compactMap { entry in scorer.lexical.docNumber(of: entry.record.id).map { ($0, entry.record.id) } })
            let matching = try scorer.lexical.matchingTerms(terms: terms, documents: Set(docs.keys))

            return try picked.enumerated().map { index, entry in
                let doc = scorer.lexical.docNumber(of: entry.record.id)
                let shared = doc.flatMap { matching[$0] } ?? []
                let concepts = Self.concepts(tokens, shared: shared, in: caseDescription)
                let related = try doc.map { number in
                    try reader.related(docNumber: number).compactMap { neighbour -> Recommendation.RelatedRecord? in
                        let id = scorer.lexical.recordId(ofDocument: neighbour.docNumber)
                        guard !id.isEmpty, let title = try reader.record(id: id)?.title else { return nil }
                        return Recommendation.RelatedRecord(id: id, title: title)
                    }
                } ?? []
                return Recommendation(
                    rank: index + 1, record: entry.record, score: entry.scored.score, matchedConcepts: concepts,
                    reasons: Self.reasons(concepts, record: entry.record),
                    snippet: Self.snippet(entry.record, shared: shared, analyzer: analyzer),
                    related: related, explanation: entry.scored.explanation)
            }
        }
    }

    /// The words of the description whose terms the record shares, once each, in written order.
    static func concepts(_ tokens: [AnalyzedToken], shared: Set<String>, in text: String) -> [Recommendation.MatchedConcept] {
        var seen = Set<String>()
        var result: [Recommendation.MatchedConcept] = []
        let bytes = Array(text.utf8)
        for token in tokens where shared.contains(token.term) {
            let written = String(decoding: bytes[token.startOffset..<token.endOffset], as: UTF8.self)
            let concept = Recommendation.MatchedConcept(written: written, expandedTo: token.expansion?.canonical)
            if seen.insert(concept.label.lowercased()).inserted { result.append(concept) }
        }
        return result
    }

    static func reasons(_ concepts: [Recommendation.MatchedConcept], record: EvidenceRecord) -> [String] {
        var reasons: [String] = []
        if concepts.isEmpty {
            reasons.append("Close in meaning to your description, though it shares none of its words.")
        } else {
            reasons.append("Shares with your description: " + concepts.prefix(8).map(\.label).joined(separator: ", ") + ".")
        }
        let expansions = concepts.filter { $0.expandedTo != nil }
        if !expansions.isEmpty {
            reasons.append("Abbreviations read as: " + expansions.map(\.label).joined(separator: "; ") + ".")
        }
        return reasons
    }

    /// The sentence of the summary or findings with the most shared terms, their words marked.
    static func snippet(_ record: EvidenceRecord, shared: Set<String>, analyzer: Analyzer) -> Snippet {
        let text = [record.summary, record.findings].joined(separator: "\n")
        let sentences = text.split(whereSeparator: { $0 == "\n" }).flatMap { line in
            line.split(separator: ". ", omittingEmptySubsequences: true).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: " -*•")) }
        }.filter { !$0.isEmpty }
        var best = Snippet(text: sentences.first ?? record.summary, highlights: [])
        var bestCount = 0
        for sentence in sentences {
            let hits = analyzer.analyze(sentence).filter { shared.contains($0.term) }
            let distinct = Set(hits.map(\.term)).count
            if distinct > bestCount {
                bestCount = distinct
                best = Snippet(text: sentence, highlights: hits.map { $0.startOffset..<$0.endOffset })
            }
        }
        return best
    }
}
