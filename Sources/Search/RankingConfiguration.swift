internal import EvidenceCore
public import Indexing

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
    /// e in final = (1 − e)·z_fused + e·z_meaning, where z_meaning is the sentence encoder's best-passage
    /// cosine standardised over all records; 0 turns it off. Used only when a query vector is given and
    /// the index holds passage vectors.
    public var encoderWeight: Double

    public init(
        scheme: WeightingScheme = .standardBM25, semanticWeight: Double = 0.2,
        semanticRank: Int = SemanticIndex.defaultRank,
        feedbackDocuments: Int = 5, feedbackWeight: Double = 0.5, encoderWeight: Double = 0.5
    ) {
        self.scheme = scheme
        self.semanticWeight = semanticWeight
        self.semanticRank = semanticRank
        self.feedbackDocuments = feedbackDocuments
        self.feedbackWeight = feedbackWeight
        self.encoderWeight = encoderWeight
    }

    public static let lexicalOnly = RankingConfiguration(semanticWeight: 0, feedbackDocuments: 0, encoderWeight: 0)

    /// Reads `SCHEME[+lsa[:WEIGHT][@RANK]][+rocchio[:BETA][@DOCS]][+encoder[:WEIGHT]]`, e.g. "bm25",
    /// "bm25+lsa", "bm25+lsa:0.3@150", "pivoted:0.2+lsa+rocchio:0.5@10", "bm25+lsa+rocchio+encoder:0.5".
    /// Unset parts take the defaults.
    public init?(name: String) {
        let parts = name.lowercased().split(separator: "+").map(String.init)
        guard let first = parts.first, let scheme = WeightingScheme(name: first) else { return nil }
        self.init(scheme: scheme, semanticWeight: 0, feedbackDocuments: 0, encoderWeight: 0)
        for part in parts.dropFirst() {
            let (head, rest) =
                part.firstIndex(where: { $0 == ":" || $0 == "@" }).map { (String(part[..<$0]), String(part[$0...])) }
                ?? (part, "")
            let value = rest.hasPrefix(":") ? Double(rest.dropFirst().prefix { $0 != "@" }) : nil
            let count = rest.contains("@") ? Int(rest[rest.index(after: rest.firstIndex(of: "@")!)...]) : nil
            switch head {
            case "lsa":
                semanticWeight = value ?? RankingConfiguration().semanticWeight
                if let count { semanticRank = count }
            case "encoder", "minilm":
                encoderWeight = value ?? RankingConfiguration().encoderWeight
            case "rocchio", "prf":
                feedbackWeight = value ?? RankingConfiguration().feedbackWeight
                feedbackDocuments = count ?? RankingConfiguration().feedbackDocuments
            default: return nil
            }
        }
        if feedbackDocuments > 0 && semanticWeight == 0 { return nil }  // feedback works in the semantic space
    }

    public var name: String {
        var text = scheme.name
        if semanticWeight > 0 { text += " + LSA \(semanticRank) (w \(semanticWeight))" }
        if feedbackDocuments > 0 { text += " + Rocchio (\(feedbackDocuments) docs, β \(feedbackWeight))" }
        if encoderWeight > 0 { text += " + encoder (e \(encoderWeight))" }
        return text
    }
}
