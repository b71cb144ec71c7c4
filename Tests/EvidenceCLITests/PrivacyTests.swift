import Foundation
import Testing
import EvidenceTestSupport

/// After a session of searches (the page, the API and the command line), no trace of the case
/// description anywhere on disk: not in the database, its WAL or shared memory, the server's logs, or the
/// temporary folder the processes used.
@Suite struct PrivacyTests {
    let folder = TemporaryDirectory()

    @Test func noTraceOfTheCaseDescriptionOnDisk() throws {
        let database = folder.file("data/evidence.sqlite")
        let temporary = folder.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        _ = try TestStores.indexedCorpus(at: database)
        let phrase = "Ottoline Vandersteen lives at 14 Marigold Crescent"

        let logs = folder.file("serve.log")
        _ = FileManager.default.createFile(atPath: logs, contents: nil)
        let port = 19_000 + Int(getpid() % 2_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        server.arguments = ["serve", "--database", database, "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary
        server.environment = environment
        let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: logs))
        server.standardOutput = logHandle
        server.standardError = logHandle
        try server.run()
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        try #require(LoopbackHTTP.waitForServer(port: port))

        let form = "description=" + "neglect \(phrase)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let page = LoopbackHTTP.request(
            port: port, method: "POST", path: "/search", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: form)
        #expect(page?.status == 200)
        #expect(page?.headers.lowercased().contains("cache-control: no-store") == true)
        let api = LoopbackHTTP.request(
            port: port, method: "POST", path: "/api/search", headers: ["Content-Type": "application/json"],
            body: #"{"query": "neglect \#(phrase)", "k": 5}"#)
        #expect(api?.status == 200)
        let cli = try CommandRunner.run(["search", "--database", database, "neglect \(phrase)"])
        #expect(cli.status == 0)
        server.terminate()
        server.waitUntilExit()
        try logHandle.close()

        let logText = try String(contentsOfFile: logs, encoding: .utf8)
        #expect(logText.contains("POST /search 200"), "the log was written")
        var scanned: Set<String> = []
        for case let relative as String in FileManager.default.enumerator(atPath: folder.path)! {
            let path = folder.file(relative)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            scanned.insert(relative)
            for word in ["Ottoline", "Vandersteen", "Marigold"] {
                #expect(data.range(of: Data(word.utf8)) == nil, "'\(word)' found in \(relative)")
            }
        }
        // The WAL and shared-memory files, when SQLite has not folded them away, are scanned too.
        #expect(scanned.isSuperset(of: ["data/evidence.sqlite", "serve.log"]), "scanned: \(scanned.sorted())")
    }
}
