import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Ingest

/// The bundled corpus's own, stricter check: what a new user meets first must be complete and sound.
@Suite struct CorpusCheckTests {
    static let loaded = EvidenceLoader().load(paths: [Repository.evidenceFolder])
    static var records: [EvidenceRecord] { loaded.records }

    /// The 24 topics the corpus must cover with at least `minimumPerTopic` records each.
    static let coveredTopics: [Topic] = [
        .neglect, .domesticAbuse, .parentalSubstanceMisuse, .parentalMentalHealth, .intrafamilialSexualAbuse,
        .extrafamilialHarm, .infantsPreBirth, .disabledChildren, .childrenInCare, .kinshipCare, .fosteringAdoption,
        .careLeavers, .earlyHelp, .reunificationEdgeOfCare, .adolescentMentalHealth, .education, .poverty,
        .ethnicityDisproportionality, .uasc, .fathers, .voiceParticipation, .workforce, .youthJustice,
        .assessmentDecisionMaking,
    ]
    static let minimumPerTopic = 6

    static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }

    @Test func everyRecordParsesWithoutErrorOrWarning() {
        #expect(Self.loaded.errors.isEmpty, "\(Self.loaded.errors.map(\.description).joined(separator: "\n"))")
        #expect(Self.loaded.warnings.isEmpty, "\(Self.loaded.warnings.map(\.description).joined(separator: "\n"))")
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: Repository.evidenceFolder).filter {
                $0.hasSuffix(".md")
            }) ?? []
        #expect(Self.records.count == files.count)
        #expect(Set(Self.records.map { "\($0.id).md" }) == Set(files), "each file is named after its record's id")
    }

    @Test func sizeAndMix() {
        let count = { (kinds: [EvidenceKind]) in Self.records.filter { kinds.contains($0.kind) }.count }
        #expect(Self.records.count >= 250)
        #expect(count([.impactStudy, .systematicReview, .programme, .implementationOrQualitative]) >= 110)
        #expect(count([.practiceLearning]) >= 50)
        #expect(count([.livedExperience]) >= 25)
        #expect(count([.unclassified]) == 0)
    }

    @Test(arguments: coveredTopics)
    func topicFloor(_ topic: Topic) {
        let count = Self.records.filter { $0.topics.contains(topic) }.count
        #expect(count >= Self.minimumPerTopic, "\(topic.rawValue) has \(count) records")
    }

    @Test func everyRecordIsCompleteAndWithinBounds() {
        for record in Self.records {
            let where_ = "record \(record.id)"
            #expect(!record.sourceLink.isEmpty, "\(where_) has no source")
            #expect(record.year != nil, "\(where_) has no year")
            #expect(!record.topics.isEmpty && !record.ageGroups.isEmpty, "\(where_) lacks topics or age groups")
            #expect(
                (10...80).contains(Self.words(record.summary)),
                "\(where_): summary has \(Self.words(record.summary)) words")
            #expect(
                (10...80).contains(Self.words(record.practiceImplications)),
                "\(where_): practice section has \(Self.words(record.practiceImplications)) words")
            #expect(!record.findings.isEmpty, "\(where_) has no findings")
            #expect(!record.lastChecked.isEmpty, "\(where_) was never checked")
            if record.kind.takesLearningWeight {
                #expect(record.learningWeight != nil, "\(where_) needs a learning weight")
            } else {
                #expect(
                    record.learningWeight == nil,
                    "\(where_): only practice learning and lived experience take a learning weight")
            }
            if [.impactStudy, .systematicReview, .programme].contains(record.kind) {
                #expect(!record.outcomes.isEmpty, "\(where_): research needs per-outcome evidence")
            }
            for rating in record.sourceRatings {
                #expect(
                    !rating.asOf.isEmpty && !rating.url.isEmpty, "\(where_): a source rating needs its date and page")
            }
        }
    }

    @Test func sourcesAreNotDocumentSharingCopies() {
        let sharingSites = [
            "fdocuments", "vdocuments", "studylib", "slideshare", "123dok", "studyres", "scribd", "dokumen.pub",
            "pdfcoffee", "docplayer", "researchgate",
        ]
        for record in Self.records {
            #expect(
                !sharingSites.contains { record.sourceLink.contains($0) },
                "record \(record.id) cites a document-sharing copy")
        }
    }

    @Test func corpusReadmeListsEveryVocabularyValue() throws {
        let readme = try String(contentsOfFile: Repository.path("Corpus/README.md"), encoding: .utf8)
        let values =
            EvidenceKind.allValues + Topic.allValues + AgeGroup.allValues + EvidenceStrength.allValues
            + EffectDirection.allValues + LearningWeight.allValues + UKTested.allValues
        for value in values {
            #expect(readme.contains("`\(value)`"), "Corpus/README.md does not list `\(value)`")
        }
    }

    @Test func caseTestSetIsWellFormedAndJudgedOverExistingRecords() throws {
        let queries = try String(contentsOfFile: Repository.path("Corpus/cases/queries.jsonl"), encoding: .utf8)
        var caseIDs = Set<String>()
        for line in queries.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            let id = try #require(object["id"]), text = try #require(object["text"])
            #expect(caseIDs.insert(id).inserted, "case \(id) appears twice")
            #expect((50...200).contains(Self.words(text)), "case \(id) has \(Self.words(text)) words")
        }
        #expect(caseIDs.count >= 40)

        let qrels = try String(contentsOfFile: Repository.path("Corpus/cases/qrels.tsv"), encoding: .utf8)
        let recordIDs = Set(Self.records.map(\.id))
        var judgedCases = Set<String>()
        for line in qrels.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            try #require(fields.count == 3, "qrels line '\(line)' needs three tab-separated fields")
            #expect(caseIDs.contains(fields[0]), "qrels names an unknown case \(fields[0])")
            #expect(recordIDs.contains(fields[1]), "qrels names an unknown record \(fields[1])")
            #expect(["0", "1", "2"].contains(fields[2]), "grade \(fields[2]) is not 0, 1 or 2")
            if fields[2] != "0" { judgedCases.insert(fields[0]) }
        }
        #expect(judgedCases == caseIDs, "cases with no relevant record: \(caseIDs.subtracting(judgedCases).sorted())")
    }
}
