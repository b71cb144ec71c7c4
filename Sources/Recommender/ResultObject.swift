public import EvidenceCore

/// The JSON shape of one recommendation, shared by `evidence search --json` and `POST /api/search`
/// (documented in the README). Fields may be added; none may be renamed.
public struct ResultObject: Encodable, Sendable {
    public var rank: Int
    public var id: String
    public var title: String
    public var kind: String
    public var score: Double
    public var year: Int?
    public var evidence: Evidence
    public var reasons: [String]
    public var url: String
    public var summary: String
    public var practiceImplications: String
    public var authors: [String]
    public var publisher: String
    public var matched: [Recommendation.MatchedConcept]
    public var snippet: Snippet
    public var related: [Recommendation.RelatedRecord]
    public var explanation: Explanation?

    /// How strong the evidence is, in the record's own terms.
    public struct Evidence: Encodable, Sendable {
        /// The one-line badge: "Moderate evidence · benefit", or a learning weight such as "National review".
        public var badge: String
        public var strength: String
        public var direction: String?
        public var learningWeight: String?
        public var ukTested: String
        public var sourcesDisagree: Bool
        public var outcomes: [OutcomeEvidence]
        public var sourceRatings: [SourceRating]
    }

    public init(_ recommendation: Recommendation) {
        let record = recommendation.record
        let strongest = record.outcomes.max { $0.strength < $1.strength }
        rank = recommendation.rank
        id = record.id
        title = record.title
        kind = record.kind.rawValue
        score = recommendation.score
        year = record.year
        evidence = Evidence(
            badge: record.badge, strength: record.strongestEvidence.rawValue, direction: strongest?.direction.rawValue,
            learningWeight: record.learningWeight?.rawValue, ukTested: record.ukTested.rawValue,
            sourcesDisagree: record.sourcesDisagree, outcomes: record.outcomes, sourceRatings: record.sourceRatings)
        reasons = recommendation.reasons
        url = record.sourceLink
        summary = record.summary
        practiceImplications = record.practiceImplications
        authors = record.authors
        publisher = record.publisher
        matched = recommendation.matchedConcepts
        snippet = recommendation.snippet
        related = recommendation.related
        explanation = recommendation.explanation
    }
}
