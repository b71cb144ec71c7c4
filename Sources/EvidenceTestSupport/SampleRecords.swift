public import EvidenceCore

/// Small, fully filled records for tests: every field set, including text that needs escaping in
/// each format (quotes, commas, semicolons, colons, line breaks, non-ASCII letters).
public enum SampleRecords {
    public static let full = EvidenceRecord(
        id: "sample-full-record-2020",
        title: "A \"quoted\" title: with a colon, commas; and a semicolon",
        kind: .impactStudy,
        summary: "A summary over two lines.\nSecond line with café and naïve.",
        findings: "- 40% against 25%\n- a second finding, with a comma",
        practiceImplications: "Think about it; then act.",
        year: 2020,
        authors: ["Harwin, J.", "O'Neill; Jr"],
        publisher: "Nuffield Foundation",
        url: "https://example.org/report?id=1&b=2",
        doi: "10.1000/xyz-123",
        country: "England",
        ukTested: .yes,
        topics: [.parentalSubstanceMisuse, .familyJustice],
        ageGroups: [.infant, .allAges],
        outcomes: [
            OutcomeEvidence(
                outcome: "reunification", strength: .emerging, direction: .benefit, basis: "non-randomised, n=90"),
            OutcomeEvidence(outcome: "re-abuse: within a year", strength: .limited, direction: .mixed, basis: ""),
        ],
        learningWeight: nil,
        sourceRatings: [
            SourceRating(scale: "Foundations Guidebook", value: "3+*", asOf: "2024-05", url: "https://example.org/g")
        ],
        sourcesDisagree: true,
        caveats: ["Not randomised; treat with care.", "key: value looking caveat"],
        lastChecked: "2026-11-28"
    )

    public static let practiceLearning = EvidenceRecord(
        id: "sample-practice-learning",
        title: "Panel review of something",
        kind: .practiceLearning,
        summary: "What the review found.",
        year: 2021,
        publisher: "Child Safeguarding Practice Review Panel",
        url: "https://example.org/panel",
        topics: [.infantsPreBirth, .fathers],
        ageGroups: [.infant],
        learningWeight: .nationalReview
    )

    /// The shortest valid record, as the shared test collections hold them.
    public static let minimal = EvidenceRecord(id: "minimal-1", title: "A title", summary: "Some text.")

    public static let all = [full, practiceLearning, minimal]
}
