internal import EvidenceCore
public import Analysis
public import Store
public import Indexing
internal import Ranking

/// Lexical and semantic scores fused (`ScoreFusion.linear`), the top k picked by `TopK`. Per query:
/// the postings of its terms, one or two `sgemv` scans (two with feedback) and a few O(N) passes.
public struct HybridScorer {
    public let configuration: RankingConfiguration
    public let lexical: LexicalScorer
    /// The LSA space; nil when the configuration turns the semantic side off or the index has none.
    public let semantic: SemanticIndex?

    public init(lexical: LexicalScorer, semantic: SemanticIndex?, configuration: RankingConfiguration) {
        self.configuration = configuration
        self.lexical = lexical
        self.semantic = configuration.semanticWeight > 0 ? semantic : nil
    }

    /// A scorer over `reader`'s snapshot alone, for evaluating a configuration: uses the stored LSA space
    /// when it has the rank asked for, and otherwise computes one (a randomized SVD over every record).
    /// Searches go through an `IndexReader`, which never computes a space.
    public init(reader: StoreReader, configuration: RankingConfiguration, analyzer: Analyzer = .standard) throws {
        let lexical = try LexicalScorer(reader: reader, scheme: configuration.scheme, analyzer: analyzer)
        var semantic: SemanticIndex?
        if configuration.semanticWeight > 0 {
            if try reader.indexMeta()[IndexFormat.MetaKey.semanticRank] == String(configuration.semanticRank), let stored = try SemanticIndex.load(reader) {
                semantic = stored
            } else {
                semantic = try SemanticIndex.compute(reader, rank: configuration.semanticRank)
            }
        }
        self.init(lexical: lexical, semantic: semantic, configuration: configuration)
    }

    /// The best `k` records for `text`, best first, ties by record id.
    public func rank(_ text: String, k: Int, explain: Bool = false) throws -> [ScoredRecord] {
        try rank(terms: lexical.analyzer.terms(text), k: k, explain: explain)
    }

    /// The best `k` records for the analysed query `terms` among those `allowed` allows, best first, ties by
    /// record id. With `explain`, each returned record gets its explanation tree (the fusion, the lexical
    /// score's terms, the semantic cosine), and only the returned ones; with `matches`, the query terms it
    /// contains, taken from the accumulation pass.
    public func rank(terms: [String], k: Int, allowed: DocumentMask? = nil, explain: Bool = false, matches: Bool = false) throws -> [ScoredRecord] {
        guard let semantic else {
            return try lexical.top(terms: terms, k: k, allowed: allowed, explain: explain, matches: matches)
        }
        let accumulation = try lexical.accumulation(terms: terms, matches: matches)
        let lexicalScores = accumulation.scores
        let lexicalMoments = ScoreFusion.Moments(lexicalScores)
        var query = semantic.queryVector(terms: terms)
        let slots = lexical.slots
        let w = configuration.semanticWeight
        /// The best k by fused score among the records `mask` allows (all when nil), with the cosines and
        /// their moments (for the explanations).
        func fuse(_ query: [Float], k: Int, mask: DocumentMask?) -> (picked: [(index: Int, score: Double)], cosines: [Double], moments: ScoreFusion.Moments) {
            let cosines = semantic.scores(query: query, slots: slots)
            let moments = ScoreFusion.Moments(cosines)
            var fused = ScoreFusion.linear(lexical: lexicalScores, lexicalMoments, semantic: cosines, moments, semanticWeight: w)
            for slot in lexical.vacantSlots { fused[slot] = -.infinity }
            mask?.forEachExcluded { fused[$0] = -.infinity }
            return (TopK.select(fused, k: k) { lexical.recordId(ofDocument: $0) }.filter { $0.score > -.infinity }, cosines, moments)
        }
        var feedback = ""
        if configuration.feedbackDocuments > 0 {
            // The first pass ignores the filter: the query's meaning does not depend on what is filtered out.
            let firstPass = fuse(query, k: configuration.feedbackDocuments, mask: nil).picked
            query = semantic.rocchio(query, towards: firstPass.map(\.index), weight: Float(configuration.feedbackWeight))
            feedback = ", the query moved towards its first \(firstPass.count) results (Rocchio, β \(configuration.feedbackWeight))"
        }
        let result = fuse(query, k: k, mask: allowed)
        let lexicalTrees = explain ? try lexical.explanations(terms: terms, documents: Set(result.picked.map(\.index))) : [:]
        return result.picked.map { doc, score in
            let explanation: Explanation? = explain ? Explanation(score, "(1 − \(w))·z_lexical + \(w)·z_semantic", [
                Explanation(lexicalMoments.z(lexicalScores[doc]), "z_lexical: the lexical score \(Explanation.format(lexicalScores[doc])) standardised over all records",
                            lexicalTrees[doc].map { [$0] } ?? []),
                Explanation(result.moments.z(result.cosines[doc]), "z_semantic: the LSA cosine \(Explanation.format(result.cosines[doc])) standardised over all records\(feedback)"),
            ]) : nil
            return ScoredRecord(recordId: lexical.recordId(ofDocument: doc), docNumber: doc, score: score,
                                matchedTerms: accumulation.matchedTerms(of: doc), explanation: explanation)
        }
    }
}
