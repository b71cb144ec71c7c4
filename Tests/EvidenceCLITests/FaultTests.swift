import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Indexing
import Store

/// Faults: processes killed mid-write, a full disk, a database from a newer version. Each must leave the
/// database whole and say what happened in plain words.
@Suite(.serialized) struct FaultTests {
    let folder = TemporaryDirectory()

    static func syntheticFile(_ folder: TemporaryDirectory, count: Int, seed: UInt64, wordsPerRecord: ClosedRange<Int> = 60...200) -> String {
        var generator = SeededGenerator(seed: seed)
        let vocabulary = SyntheticRecords.vocabulary(size: 20_000, generator: &generator)
        let records = SyntheticRecords.records(count: count, wordsPerRecord: wordsPerRecord, vocabulary: vocabulary, idPrefix: "bulk\(seed)", generator: &generator)
        return folder.write("bulk-\(seed).jsonl", records.map { "{\"id\": \"\($0.id)\", \"title\": \"\($0.title)\", \"text\": \"\($0.summary)\", \"year\": \($0.year!)}\n" }.joined())
    }

    @Test(arguments: [0.3, 0.8, 1.5])
    func anImportKilledAtAnyMomentIsAllOrNothing(after delay: Double) throws {
        let database = folder.file("kill-import.sqlite")
        _ = try TestStores.indexedCorpus(at: database)
        let before = try EvidenceStore(path: database).count()
        let bulk = Self.syntheticFile(folder, count: 12_000, seed: 5)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["import", "--database", database, bulk]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let store = try EvidenceStore(path: database)
        #expect(try store.integrityProblems().isEmpty)
        let after = try store.count()
        #expect(after == before || after == before + 12_000, "a partial import: \(before) → \(after)")
        let check = try IndexChecker().check(store)
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.status.state == .current)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small file system needs root"))
    func aFullDiskGivesAClearErrorAndLosesNothing() throws {
        let mountPoint = folder.file("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(Self.shell("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint]) == 0, "could not mount a small tmpfs")
        defer { _ = Self.shell("/bin/umount", [mountPoint]) }
        let database = mountPoint + "/evidence.sqlite"
        let seed = folder.write("seed.jsonl", #"{"id": "kept", "title": "Kept record", "text": "It must survive."}"# + "\n")
        #expect(try CommandRunner.run(["import", seed], database: database).status == 0)
        let before = try EvidenceStore(path: database).contentDigest()

        let big = Self.syntheticFile(folder, count: 3_000, seed: 9, wordsPerRecord: 300...400)
        let output = try CommandRunner.run(["import", big], database: database)
        #expect(output.status == 3, "\(output.standardError)")
        #expect(output.standardError.contains("full"), "\(output.standardError)")
        let store = try EvidenceStore(path: database)
        #expect(try store.integrityProblems().isEmpty)
        #expect(try store.contentDigest() == before)
    }

    @Test func aDatabaseFromANewerVersionIsRefusedByTheCommand() throws {
        let database = folder.file("future.sqlite")
        let seed = folder.write("one.jsonl", #"{"id": "a", "title": "A", "text": "x"}"# + "\n")
        #expect(try CommandRunner.run(["import", seed], database: database).status == 0)
        #expect(Self.shell("/usr/bin/env", ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(database)'); c.execute(\"insert into grdb_migrations values ('v99-future')\"); c.commit()"]) == 0)
        let output = try CommandRunner.run(["stats"], database: database)
        #expect(output.status == 3)
        #expect(output.standardError.contains("written by a newer version of EvidenceEngine"))
    }

    static func shell(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
