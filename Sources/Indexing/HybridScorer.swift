public import Analysis
public import Store
public import Ranking

/// How a case description is matched to records: the lexical weighting, and how much the semantic
/// (LSA) side counts in the fusion. The defaults (BM25 k1 1.2, b 0.75; LSA rank 100; weight 0.2) were
/// chosen on the five shared development collections for holding up on every one of them (README).
public struct RankingConfiguration: Sendable, Hashable {
    public var scheme: WeightingScheme
    /// w in fused = (1 − w)·z_lexical + w·z_semantic; 0 turns the semantic side off.
    public var semanticWeight: Double
    /// Dimensions of the LSA space.
    public var semanticRank: Int

    public init(scheme: WeightingScheme = .standardBM25, semanticWeight: Double = 0.2, semanticRank: Int = 100) {
        self.scheme = scheme
        self.semanticWeight = semanticWeight
        self.semanticRank = semanticRank
    }

    public static let lexicalOnly = RankingConfiguration(semanticWeight: 0)

    public var name: String {
        semanticWeight == 0 ? scheme.name : "\(scheme.name) + LSA \(semanticRank) (w \(semanticWeight))"
    }
}

/// Lexical and semantic scores fused (`ScoreFusion.linear`), the top k picked by `TopK`.
public struct HybridScorer {
    public let configuration: RankingConfiguration
    public let lexical: LexicalScorer
    public let semantic: SemanticIndex?

    public init(reader: StoreReader, configuration: RankingConfiguration, analyzer: Analyzer = .standard) throws {
        self.configuration = configuration
        lexical = try LexicalScorer(reader: reader, scheme: configuration.scheme, analyzer: analyzer)
        if configuration.semanticWeight > 0 {
            // The stored space when it has the rank asked for; otherwise one computed for this scorer.
            if try reader.indexMeta()[IndexFormat.MetaKey.semanticRank] == String(configuration.semanticRank),
               let stored = try SemanticIndex.load(reader) {
                semantic = stored
            } else {
                semantic = try SemanticIndex.compute(reader, rank: configuration.semanticRank)
            }
        } else {
            semantic = nil
        }
    }

    /// The best `k` records for `text`, best first, ties by record id.
    public func rank(_ text: String, k: Int) throws -> [ScoredRecord] {
        let terms = lexical.analyzer.terms(text)
        guard let semantic else {
            return try lexical.top(terms: terms, k: k)
        }
        let lexicalScores = try lexical.scoreVector(terms: terms)
        let semanticScores = semantic.scores(terms: terms, slots: lexical.slots)
        var fused = ScoreFusion.linear(lexical: lexicalScores, semantic: semanticScores, semanticWeight: configuration.semanticWeight)
        let ids = (0..<lexical.slots).map(lexical.recordId(ofDocument:))
        for slot in ids.indices where ids[slot].isEmpty { fused[slot] = -.infinity }
        return TopK.select(fused, identifiers: ids, k: k).filter { $0.score > -.infinity }
            .map { ScoredRecord(recordId: ids[$0.index], score: $0.score, explanation: nil) }
    }
}
