import Testing
import EvidenceCore

@Suite struct RecordIDTests {
    @Test(arguments: ["fdac-london-2011", "a", "abc-123-x9"])
    func acceptsSlugs(_ id: String) {
        #expect(RecordID.isValid(id))
    }

    @Test(arguments: ["", "-a", "a-", "a--b", "A-b", "a_b", "café", "a b", String(repeating: "a", count: 121)])
    func refusesEverythingElse(_ id: String) {
        #expect(!RecordID.isValid(id))
    }

    @Test func slugFoldsDiacriticsAndPunctuation() {
        #expect(RecordID.slug(from: "Café au lait: a study (2011)") == "cafe-au-lait-a-study-2011")
        #expect(RecordID.slug(from: "  --  ") == "")
        #expect(RecordID.isValid(RecordID.slug(from: String(repeating: "word ", count: 60))))
    }
}

@Suite struct VocabularyTests {
    @Test func lenientReadingAcceptsLabelsAndSpellings() {
        #expect(EvidenceKind(lenient: "Impact study") == .impactStudy)
        #expect(EvidenceKind(lenient: "impact-study") == .impactStudy)
        #expect(EvidenceKind(lenient: " LIVED_EXPERIENCE ") == .livedExperience)
        #expect(Topic(lenient: "Sexual abuse within the family") == .intrafamilialSexualAbuse)
        #expect(Topic(lenient: "drinking") == nil)
    }

    @Test func strengthsAreOrdered() {
        #expect(EvidenceStrength.strong > .moderate)
        #expect(EvidenceStrength.limited > .notAssessed)
        #expect(EvidenceStrength.allCases.sorted(by: >) == [.strong, .moderate, .emerging, .limited, .notAssessed])
    }

    @Test func badgeDescribesStrongestOutcomeOrLearningWeight() {
        var record = EvidenceRecord(
            id: "x", title: "t", kind: .impactStudy, summary: "s",
            outcomes: [
                OutcomeEvidence(outcome: "a", strength: .emerging, direction: .benefit),
                OutcomeEvidence(outcome: "b", strength: .moderate, direction: .noDifference),
            ])
        #expect(record.badge == "Moderate evidence · no difference")
        record.kind = .practiceLearning
        record.learningWeight = .nationalReview
        #expect(record.badge == "National review")
        #expect(EvidenceRecord(id: "y", title: "t", summary: "s").badge == "Not assessed")
    }

    @Test func sourceLinkFallsBackToDOI() {
        let record = EvidenceRecord(id: "x", title: "t", summary: "s", doi: "10.1/abc")
        #expect(record.sourceLink == "https://doi.org/10.1/abc")
    }
}
