/// One piece of evidence: a study, a review, an evaluated programme, practice learning, a published
/// account of lived experience, guidance or statistics, with its strength stated honestly.
///
/// A value type with no I/O. Readers in `Ingest` build it from files; `Store` keeps it in SQLite.
public struct EvidenceRecord: Hashable, Sendable, Codable, Identifiable {
    /// Stable slug, see `RecordID`.
    public var id: String
    public var title: String
    public var kind: EvidenceKind
    /// Plain words; in the bundled corpus at most 80 words.
    public var summary: String
    /// The findings with the numbers the source states (Markdown, usually a bullet list).
    public var findings: String
    /// "What this means for practice"; in the bundled corpus at most 80 words.
    public var practiceImplications: String
    public var year: Int?
    public var authors: [String]
    public var publisher: String
    /// The publisher's page for the source.
    public var url: String
    /// A bare DOI such as `10.1002/cl2.1158`, or empty.
    public var doi: String
    public var country: String
    public var ukTested: UKTested
    public var topics: [Topic]
    public var ageGroups: [AgeGroup]
    public var outcomes: [OutcomeEvidence]
    /// Set for practice learning and lived experience only.
    public var learningWeight: LearningWeight?
    public var sourceRatings: [SourceRating]
    /// True when sources differ by two or more levels, or their directions conflict.
    public var sourcesDisagree: Bool
    /// What a practitioner should know about the evidence itself: design limits, disagreement, context.
    public var caveats: [String]
    /// How the record was checked against its source: dates, pages, what could not be confirmed. Kept apart
    /// from `caveats` so that internal notes never read as limits of the evidence.
    public var checking: [String]
    /// When the record was last checked against its source: "YYYY-MM-DD", or empty.
    public var lastChecked: String

    public init(
        id: String, title: String, kind: EvidenceKind = .unclassified, summary: String,
        findings: String = "", practiceImplications: String = "", year: Int? = nil,
        authors: [String] = [], publisher: String = "", url: String = "", doi: String = "",
        country: String = "", ukTested: UKTested = .unknown, topics: [Topic] = [],
        ageGroups: [AgeGroup] = [], outcomes: [OutcomeEvidence] = [],
        learningWeight: LearningWeight? = nil, sourceRatings: [SourceRating] = [],
        sourcesDisagree: Bool = false, caveats: [String] = [], checking: [String] = [],
        lastChecked: String = ""
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.summary = summary
        self.findings = findings
        self.practiceImplications = practiceImplications
        self.year = year
        self.authors = authors
        self.publisher = publisher
        self.url = url
        self.doi = doi
        self.country = country
        self.ukTested = ukTested
        self.topics = topics
        self.ageGroups = ageGroups
        self.outcomes = outcomes
        self.learningWeight = learningWeight
        self.sourceRatings = sourceRatings
        self.sourcesDisagree = sourcesDisagree
        self.caveats = caveats
        self.checking = checking
        self.lastChecked = lastChecked
    }

    /// The strongest evidence among the outcomes (`notAssessed` when there are none).
    public var strongestEvidence: EvidenceStrength {
        outcomes.map(\.strength).max() ?? .notAssessed
    }

    /// Where a reader can follow the record to its source: the URL, else the DOI link, else empty.
    public var sourceLink: String {
        if !url.isEmpty { return url }
        return doi.isEmpty ? "" : "https://doi.org/" + doi
    }

    /// The one-line badge: the learning weight for practice learning and lived experience, else the
    /// strongest outcome's strength and direction ("Moderate evidence · benefit").
    public var badge: String {
        if let learningWeight { return learningWeight.label }
        guard let strongest = outcomes.max(by: { $0.strength < $1.strength }) else { return "Not assessed" }
        return strongest.badge
    }
}

extension EvidenceRecord {
    /// A fingerprint of everything the record holds: FNV-1a over every field in a fixed order, each
    /// followed by a separator. Summed over records (mod 2⁶⁴) it gives an order-free checksum of a
    /// corpus that can be updated one record at a time. O(record size).
    public var contentHash: UInt64 {
        var hash = FNV1a()
        for text in [
            id, title, kind.rawValue, summary, findings, practiceImplications, year.map(String.init) ?? "",
            publisher, url, doi, country, ukTested.rawValue, learningWeight?.rawValue ?? "",
            sourcesDisagree ? "1" : "0", lastChecked,
        ] {
            hash.combine(text)
        }
        for list in [authors, topics.map(\.rawValue), ageGroups.map(\.rawValue), caveats, checking] {
            hash.combine(String(list.count))
            for item in list { hash.combine(item) }
        }
        hash.combine(String(outcomes.count))
        for outcome in outcomes {
            for text in [outcome.outcome, outcome.strength.rawValue, outcome.direction.rawValue, outcome.basis] {
                hash.combine(text)
            }
        }
        hash.combine(String(sourceRatings.count))
        for rating in sourceRatings {
            for text in [rating.scale, rating.value, rating.asOf, rating.url] { hash.combine(text) }
        }
        return hash.value
    }
}
