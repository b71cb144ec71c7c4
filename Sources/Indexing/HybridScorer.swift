internal import EvidenceCore
public import Analysis
public import Store
public import Ranking

/// How a case description is matched to records: the lexical weighting, and how much the semantic
/// (LSA) side counts in the fusion, and the feedback. The defaults (BM25 k1 1.2, b 0.75; LSA rank 100,
/// weight 0.2; Rocchio from the top 5 records with β 0.5) were chosen on the five shared development
/// collections for holding up on every one of them (README).
public struct RankingConfiguration: Sendable, Hashable {
    public var scheme: WeightingScheme
    /// w in fused = (1 − w)·z_lexical + w·z_semantic; 0 turns the semantic side off.
    public var semanticWeight: Double
    /// Dimensions of the LSA space.
    public var semanticRank: Int
    /// Pseudo-relevance feedback in the semantic space (Rocchio): the query vector moves towards the
    /// mean vector of the first pass's top `feedbackDocuments` records, q' = q + β·mean; 0 turns it off.
    public var feedbackDocuments: Int
    public var feedbackWeight: Double

    public init(scheme: WeightingScheme = .standardBM25, semanticWeight: Double = 0.2, semanticRank: Int = 100,
                feedbackDocuments: Int = 5, feedbackWeight: Double = 0.5) {
        self.scheme = scheme
        self.semanticWeight = semanticWeight
        self.semanticRank = semanticRank
        self.feedbackDocuments = feedbackDocuments
        self.feedbackWeight = feedbackWeight
    }

    public static let lexicalOnly = RankingConfiguration(semanticWeight: 0, feedbackDocuments: 0)

    /// Reads `SCHEME[+lsa[:WEIGHT][@RANK]][+rocchio[:BETA][@DOCS]]`, e.g. "bm25", "bm25+lsa",
    /// "bm25+lsa:0.3@150", "pivoted:0.2+lsa+rocchio:0.5@10". Unset parts take the defaults.
    public init?(name: String) {
        let parts = name.lowercased().split(separator: "+").map(String.init)
        guard let first = parts.first, let scheme = WeightingScheme(name: first) else { return nil }
        self.init(scheme: scheme, semanticWeight: 0, feedbackDocuments: 0)
        for part in parts.dropFirst() {
            let (head, rest) = part.firstIndex(where: { $0 == ":" || $0 == "@" }).map { (String(part[..<$0]), String(part[$0...])) } ?? (part, "")
            let value = rest.hasPrefix(":") ? Double(rest.dropFirst().prefix { $0 != "@" }) : nil
            let count = rest.contains("@") ? Int(rest[rest.index(after: rest.firstIndex(of: "@")!)...]) : nil
            switch head {
            case "lsa":
                semanticWeight = value ?? RankingConfiguration().semanticWeight
                if let count { semanticRank = count }
            case "rocchio", "prf":
                feedbackWeight = value ?? RankingConfiguration().feedbackWeight
                feedbackDocuments = count ?? RankingConfiguration().feedbackDocuments
            default: return nil
            }
        }
        if feedbackDocuments > 0 && semanticWeight == 0 { return nil }   // feedback works in the semantic space
    }

    public var name: String {
        var text = scheme.name
        if semanticWeight > 0 { text += " + LSA \(semanticRank) (w \(semanticWeight))" }
        if feedbackDocuments > 0 { text += " + Rocchio (\(feedbackDocuments) docs, β \(feedbackWeight))" }
        return text
    }
}

/// Lexical and semantic scores fused (`ScoreFusion.linear`), the top k picked by `TopK`. Per query:
/// the postings of its terms, one or two `sgemv` scans (two with feedback) and a few O(N) passes.
public struct HybridScorer {
    public let configuration: RankingConfiguration
    public let lexical: LexicalScorer
    public let semantic: SemanticIndex?

    /// A scorer over `reader`'s snapshot; `documents` and `semantic`, when given, are the parts already
    /// read for this index version (see `ScorerCache`).
    public init(reader: StoreReader, configuration: RankingConfiguration, analyzer: Analyzer = .standard,
                documents: DocumentTable? = nil, semantic cached: SemanticIndex? = nil) throws {
        self.configuration = configuration
        lexical = try LexicalScorer(reader: reader, scheme: configuration.scheme, analyzer: analyzer, documents: documents)
        if configuration.semanticWeight > 0, let cached {
            semantic = cached
        } else if configuration.semanticWeight > 0 {
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

    /// The best `k` records for `text`, best first, ties by record id; with `explain`, each with its
    /// explanation tree (the fusion, the lexical score's terms, the semantic cosine).
    public func rank(_ text: String, k: Int, explain: Bool = false) throws -> [ScoredRecord] {
        let terms = lexical.analyzer.terms(text)
        guard let semantic else {
            return try lexical.top(terms: terms, k: k, explain: explain)
        }
        let lexicalScores = try lexical.scoreVector(terms: terms)
        let lexicalMoments = ScoreFusion.Moments(lexicalScores)
        var query = semantic.queryVector(terms: terms)
        let ids = lexical.recordIds
        let w = configuration.semanticWeight
        /// The best k by fused score, with the cosines and their moments (for the explanations).
        func fuse(_ query: [Float], k: Int) -> (picked: [(index: Int, score: Double)], cosines: [Double], moments: ScoreFusion.Moments) {
            let cosines = semantic.scores(query: query, slots: lexical.slots)
            let moments = ScoreFusion.Moments(cosines)
            var fused = ScoreFusion.linear(lexical: lexicalScores, lexicalMoments, semantic: cosines, moments, semanticWeight: w)
            for slot in lexical.vacantSlots { fused[slot] = -.infinity }
            return (TopK.select(fused, k: k) { ids[$0] }.filter { $0.score > -.infinity }, cosines, moments)
        }
        var feedback = ""
        if configuration.feedbackDocuments > 0 {
            let firstPass = fuse(query, k: configuration.feedbackDocuments).picked
            query = semantic.rocchio(query, towards: firstPass.map(\.index), weight: Float(configuration.feedbackWeight))
            feedback = ", the query moved towards its first \(firstPass.count) results (Rocchio, β \(configuration.feedbackWeight))"
        }
        let result = fuse(query, k: k)
        let lexicalTrees = explain ? try lexical.explanations(terms: terms, documents: Set(result.picked.map(\.index))) : [:]
        return result.picked.map { doc, score in
            let explanation: Explanation? = explain ? Explanation(score, "(1 − \(w))·z_lexical + \(w)·z_semantic", [
                Explanation(lexicalMoments.z(lexicalScores[doc]), "z_lexical: the lexical score \(Explanation.format(lexicalScores[doc])) standardised over all records",
                            lexicalTrees[doc].map { [$0] } ?? []),
                Explanation(result.moments.z(result.cosines[doc]), "z_semantic: the LSA cosine \(Explanation.format(result.cosines[doc])) standardised over all records\(feedback)"),
            ]) : nil
            return ScoredRecord(recordId: ids[doc], score: score, explanation: explanation)
        }
    }
}
