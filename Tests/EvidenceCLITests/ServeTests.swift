import Foundation
import Testing
import EvidenceTestSupport

/// `evidence serve` as a process: stalled clients are cut off, an unready index or an unreadable
/// database gives a clear message instead of a server that fails on every request.
@Suite struct ServeTests {
    let folder = TemporaryDirectory()

    @Test func aStalledClientIsDisconnected() throws {
        let database = folder.file("serve.sqlite")
        _ = try TestStores.indexedCorpus(at: database)
        let port = 20_000 + Int(getpid() % 2_000)
        let server = try CommandRunner.startServer(database: database, port: port, ["--idle-timeout", "1"])
        defer { server.terminate(); server.waitUntilExit() }
        try #require(LoopbackHTTP.waitForServer(port: port))
        #expect(
            LoopbackHTTP.stalledConnectionIsClosed(
                port: port,
                partial:
                    "POST /search HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 500\r\n\r\ndescription=neg",
                within: 5))
        // And the server still answers everyone else.
        #expect(LoopbackHTTP.request(port: port, path: "/api/health")?.status == 200)
    }

    @Test func theServerWillNotStartWithoutACurrentIndex() throws {
        let seed = folder.write("one.jsonl", #"{"id": "a", "title": "A", "text": "x"}"# + "\n")
        let database = folder.file("unindexed.sqlite")
        #expect(try CommandRunner.run(["import", seed], database: database).status == 0)
        let output = try CommandRunner.run(["serve", "--port", "1"], database: database)
        #expect(output.status == 5)
        #expect(output.standardError.contains("evidence index build"))
        let remote = try CommandRunner.run(["serve", "--host", "0.0.0.0"], database: database)
        #expect(remote.status == 64 && remote.standardError.contains("--allow-remote"))
    }

    @Test(.enabled(if: getuid() == 0, "mounting a read-only file system needs root"))
    func aReadOnlyDatabaseGivesAClearMessage() throws {
        let mountPoint = folder.file("ro")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(FaultTests.shell("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint]) == 0)
        defer { _ = FaultTests.shell("/bin/umount", [mountPoint]) }
        let database = mountPoint + "/evidence.sqlite"
        let seed = folder.write("seed.jsonl", #"{"id": "kept", "title": "Kept", "text": "x"}"# + "\n")
        #expect(try CommandRunner.run(["import", seed], database: database).status == 0)
        try #require(FaultTests.shell("/bin/mount", ["-o", "remount,ro", mountPoint]) == 0)

        let more = folder.write("more.jsonl", #"{"id": "new", "title": "New", "text": "y"}"# + "\n")
        let write = try CommandRunner.run(["import", more], database: database)
        #expect(write.status == 3, "\(write.standardError)")
        #expect(
            write.standardError.contains("cannot be written") || write.standardError.contains("read-only"),
            "\(write.standardError)")
        #expect(!write.standardError.contains("Fatal error"))
        let read = try CommandRunner.run(["list"], database: database)
        #expect(read.status == 0 || read.status == 3, "\(read.standardError)")
        #expect(!read.standardError.contains("Fatal error"))
    }
}
