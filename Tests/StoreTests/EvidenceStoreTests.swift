import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Store

@Suite struct EvidenceStoreTests {
    let folder = TemporaryDirectory()

    func openStore(_ name: String = "evidence.sqlite") throws -> EvidenceStore {
        try EvidenceStore(path: folder.file(name))
    }

    @Test func recordsComeBackExactlyAsStored() throws {
        let store = try openStore()
        let summary = try store.upsert(SampleRecords.all)
        #expect(
            summary
                == {
                    var expected = EvidenceStore.UpsertSummary(); expected.inserted = 3; return expected
                }())
        #expect(try store.record(id: SampleRecords.full.id) == SampleRecords.full)
        #expect(try store.records().map(\.id) == SampleRecords.all.map(\.id).sorted())
    }

    /// The stored sample records, then one batch with a changed copy of `full` and `minimal` as it was.
    func upsertOneChangedAndOneUnchanged(
        _ store: EvidenceStore
    ) throws -> (changed: EvidenceRecord, summary: EvidenceStore.UpsertSummary) {
        try store.upsert(SampleRecords.all)
        var changed = SampleRecords.full
        changed.topics = [.neglect]
        changed.caveats = []
        return (changed, try store.upsert([changed, SampleRecords.minimal]))
    }

    @Test func upsertReplacesAChangedRecord() throws {
        let store = try openStore()
        let (changed, summary) = try upsertOneChangedAndOneUnchanged(store)
        #expect(summary.updated == 1 && summary.inserted == 0)
        #expect(try store.record(id: changed.id) == changed)
        #expect(try store.count() == 3)
        // The old lists went with the old version.
        #expect(try store.statistics().byTopic["family_justice"] == nil)
    }

    @Test func upsertLeavesAnUnchangedRecordAlone() throws {
        let store = try openStore()
        let (changed, summary) = try upsertOneChangedAndOneUnchanged(store)
        #expect(summary.unchanged == 1 && summary.inserted == 0)
        #expect(try store.record(id: SampleRecords.minimal.id) == SampleRecords.minimal)
        #expect(try store.count() == 3)
        // A batch of unchanged records is no change at all: the corpus version, which an index is checked against, stays.
        let version = try store.read { try $0.corpusVersion() }
        #expect(
            try store.upsert([changed, SampleRecords.practiceLearning, SampleRecords.minimal])
                == {
                    var expected = EvidenceStore.UpsertSummary(); expected.unchanged = 3; return expected
                }())
        #expect(try store.read { try $0.corpusVersion() } == version)
    }

    @Test func removeDeletesTheRecordAndItsLists() throws {
        let store = try openStore()
        try store.upsert(SampleRecords.all)
        try store.remove(id: SampleRecords.full.id)
        #expect(try store.record(id: SampleRecords.full.id) == nil)
        #expect(try store.statistics().byTopic["family_justice"] == nil)
        #expect(throws: StoreError.self) { try store.remove(id: "no-such-record") }
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func filtersCombine() throws {
        let store = try openStore()
        try store.upsert(SampleRecords.all)
        #expect(
            try store.records(matching: RecordFilter(kinds: [.practiceLearning])).map(\.id) == [
                "sample-practice-learning"
            ])
        #expect(try store.records(matching: RecordFilter(topics: [.fathers, .familyJustice])).count == 2)
        #expect(try store.records(matching: RecordFilter(yearFrom: 2021)).map(\.id) == ["sample-practice-learning"])
        #expect(
            try store.records(matching: RecordFilter(minimumStrength: .emerging)).map(\.id) == [SampleRecords.full.id])
        #expect(try store.records(matching: RecordFilter(topics: [.fathers], ukTested: .yes)).isEmpty)
        for filter in [
            RecordFilter(kinds: [.impactStudy]), RecordFilter(ageGroups: [.infant]), RecordFilter(yearTo: 2020),
        ] {
            #expect(
                try store.records(matching: filter) == SampleRecords.all.filter(filter.matches).sorted { $0.id < $1.id }
            )
        }
    }

    @Test func digestChangesWithContentOnly() throws {
        let store = try openStore()
        try store.upsert(SampleRecords.all)
        let before = try store.contentDigest()
        try store.upsert(SampleRecords.all)
        #expect(try store.contentDigest() == before)
        var changed = SampleRecords.minimal
        changed.summary += "!"
        try store.upsert([changed])
        #expect(try store.contentDigest() != before)
    }

    @Test func statisticsCountByKindTopicAndStrength() throws {
        let store = try openStore()
        try store.upsert(SampleRecords.all)
        let stats = try store.statistics()
        #expect(stats.records == 3)
        #expect(stats.byKind == ["impact_study": 1, "practice_learning": 1, "unclassified": 1])
        #expect(stats.byStrongestEvidence == ["emerging": 1, "not_assessed": 2])
        #expect(stats.sourcesDisagree == 1)
        #expect(stats.databaseBytes > 0)
    }

    @Test func missingDatabaseIsNotCreatedWhenAskedNotTo() {
        #expect(throws: StoreError.self) { try EvidenceStore(path: folder.file("absent.sqlite"), create: false) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("absent.sqlite")))
    }

    @Test func aFileThatIsNotADatabaseIsRefusedNotReset() throws {
        let path = folder.write("garbage.sqlite", String(repeating: "not a database ", count: 500))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try EvidenceStore(path: path)
            Issue.record("opened a file that is not a database")
        } catch {
            guard case .unreadable = error else { Issue.record("wrong error: \(error)"); return }
            #expect(error.description.contains("not a readable evidence database"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let path = folder.file("future.sqlite")
        try EvidenceStore(path: path).upsert([SampleRecords.minimal])
        try FutureSchema.addMigration("v99-from-the-future", at: path)
        do {
            _ = try EvidenceStore(path: path)
            Issue.record("opened a database from a newer version")
        } catch {
            guard case .newerSchema(_, let unknown) = error else { Issue.record("wrong error: \(error)"); return }
            #expect(unknown == ["v99-from-the-future"])
        }
    }

    @Test func defaultLocationFollowsEnvironment() {
        #expect(
            DatabaseLocation.defaultPath(environment: ["EVIDENCE_DATABASE": "/x/e.sqlite", "HOME": "/h"])
                == "/x/e.sqlite")
        #expect(
            DatabaseLocation.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/h"])
                == "/data/evidence/evidence.sqlite")
        #expect(
            DatabaseLocation.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"])
                == "/h/.local/share/evidence/evidence.sqlite")
        #expect(DatabaseLocation.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/evidence/evidence.sqlite")
    }
}
