import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Store
import Indexing
import Search

/// `evidence index …` as a user runs it, including a build killed half-way.
@Suite struct IndexCommandTests {
    let folder = TemporaryDirectory()
    var database: String { folder.file("evidence.sqlite") }

    func scores(_ query: String) throws -> [String: Double] {
        try EvidenceStore(path: database).read { reader in
            Dictionary(
                uniqueKeysWithValues: try LexicalScorer(reader: reader).score(query).map { ($0.recordId, $0.score) })
        }
    }

    func importCorpus() throws {
        let output = try CommandRunner.run(["import", Repository.path("Corpus")], database: database)
        try #require(output.status == 0, "\(output.standardError)")
    }

    func buildIndex() throws {
        let build = try CommandRunner.run(["index", "build"], database: database)
        try #require(build.status == 0, "\(build.standardError)")
    }

    @Test func checkWithoutAnIndexSaysHowToBuildOne() throws {
        try importCorpus()
        let missing = try CommandRunner.run(["index", "check"], database: database)
        #expect(missing.status == 5 && missing.standardError.contains("evidence index build"))
    }

    @Test func buildGivesAnIndexThatChecksOKAndIsUpToDate() throws {
        try importCorpus()
        let build = try CommandRunner.run(["index", "build"], database: database)
        #expect(build.status == 0, "\(build.standardError)")
        #expect(build.standardOutput.hasPrefix("Indexed "))
        #expect(try CommandRunner.run(["index", "check"], database: database).standardOutput.hasPrefix("Index OK"))
        #expect(try CommandRunner.run(["index", "status"], database: database).standardOutput.contains("Up to date."))
    }

    @Test func importAndRemoveKeepABuiltIndexCurrent() throws {
        try importCorpus()
        try buildIndex()
        let removed = try #require(try EvidenceStore(path: database).records().first)
        #expect(try CommandRunner.run(["remove", removed.id], database: database).status == 0)
        let extra = folder.write(
            "extra.jsonl",
            #"{"id": "extra-record", "title": "Kinship carers and grandparents", "text": "Support for kinship carers."}"#
                + "\n")
        #expect(try CommandRunner.run(["import", extra], database: database).status == 0)
        let check = try CommandRunner.run(["index", "check"], database: database)
        #expect(check.status == 0, "\(check.standardError)")
        #expect(try CommandRunner.run(["index", "status"], database: database).standardOutput.contains("Up to date."))
        #expect(try scores("grandparents kinship")["extra-record"] != nil)
        #expect(try scores(removed.title)[removed.id] == nil, "the removed record is still found")
    }

    @Test func aBuildKilledHalfWayLeavesThePreviousIndexWhole() throws {
        var generator = SeededGenerator(seed: 42)
        let vocabulary = SyntheticRecords.vocabulary(size: 40_000, generator: &generator)
        let records = SyntheticRecords.records(
            count: 6_000, wordsPerRecord: 40...160, vocabulary: vocabulary, generator: &generator)
        let store = try EvidenceStore(path: database)
        try store.upsert(Array(records.prefix(200)))
        _ = try IndexBuilder().build(store)
        try store.upsert(Array(records.dropFirst(200)))  // the index is now behind: a rebuild is due
        let query = records[0].title
        let before = try store.read { reader in try IndexStatus.read(reader, analyzer: .standard) }
        #expect(before.state == .stale && before.documentCount == 200)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["index", "build", "--verbose", "--database", database]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains("Writing") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the build finished before it could be killed")
        #expect(seen.contains("Writing"))

        let reopened = try EvidenceStore(path: database)
        #expect(try reopened.integrityProblems().isEmpty)
        let after = try reopened.read { reader in try IndexStatus.read(reader, analyzer: .standard) }
        #expect(after.documentCount == 200 && after.builtAt == before.builtAt)
        let report = try IndexChecker().check(reopened)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.documents == 200)

        // The old index still answers once the records it was built from are current again.
        _ = try reopened.write { try $0.remove(ids: records.dropFirst(200).map(\.id)) }
        _ = try IndexBuilder().build(reopened)
        #expect(try scores(query)[records[0].id] != nil)
    }
}
