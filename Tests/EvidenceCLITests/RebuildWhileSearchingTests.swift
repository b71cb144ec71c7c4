import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Indexing
import Search
import Store

/// While `evidence index build` runs in another process, searches keep answering, from the old index
/// until the swap and from the new one after it, never from a mixture and never with an error.
@Suite struct RebuildWhileSearchingTests {
    let folder = TemporaryDirectory()

    @Test func searchesKeepAnsweringThroughARebuild() throws {
        let database = folder.file("rebuild.sqlite")
        let store = try TestStores.indexedCorpus(at: database)
        var generator = SeededGenerator(seed: 21)
        let vocabulary = SyntheticRecords.vocabulary(size: 8_000, generator: &generator)
        let bulk = SyntheticRecords.records(
            count: 3_000, wordsPerRecord: 60...160, vocabulary: vocabulary, generator: &generator)
        _ = try store.write { try IndexUpdater().write($0) { try $0.upsert(bulk) } }
        let oldBuild = try store.read { try IndexStatus.read($0, analyzer: .standard).builtAt }
        Thread.sleep(forTimeInterval: 1.1)  // build times are stamped to the second

        let rebuild = Process()
        rebuild.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        rebuild.arguments = ["index", "build", "--database", database]
        rebuild.standardOutput = FileHandle.nullDevice
        rebuild.standardError = FileHandle.nullDevice
        try rebuild.run()

        var seen: [String] = []
        var failures: [String] = []
        repeat {
            do {
                // One snapshot per search: the index state and the answer come from the same moment.
                let (built, count) = try store.read { reader -> (String, Int) in
                    let status = try IndexStatus.read(reader, analyzer: .standard)
                    let scorer = try HybridScorer(reader: reader, configuration: RankingConfiguration())
                    return (
                        status.builtAt, try scorer.rank("parental alcohol misuse and care proceedings", k: 10).count
                    )
                }
                if count != 10 { failures.append("\(count) results") }
                seen.append(built)
            } catch {
                failures.append("\(error)")
            }
        } while rebuild.isRunning
        rebuild.waitUntilExit()
        #expect(rebuild.terminationStatus == 0)
        let newBuild = try store.read { try IndexStatus.read($0, analyzer: .standard).builtAt }

        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(newBuild != oldBuild)
        #expect(seen.count >= 3, "the rebuild finished before the searches could run alongside it")
        #expect(seen.first == oldBuild)
        // The old build, then (once the swap committed) the new one: never back, never anything else.
        let switchIndex = seen.firstIndex { $0 != oldBuild } ?? seen.count
        #expect(seen[switchIndex...].allSatisfy { $0 == newBuild })
    }
}
