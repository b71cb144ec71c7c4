import Foundation
import Testing
import EvidenceTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// `evidence serve`'s options: an empty access token is refused at start, and `--allow-host` adds the
/// names the server answers to (every other `Host` gets 421, a defence against DNS rebinding).
@Suite struct ServeOptionTests {
    let folder = TemporaryDirectory()

    /// Runs `evidence ARGUMENTS…` with `environment` added to this process's own; returns the exit
    /// status and standard error.
    static func run(
        _ arguments: [String], environment extra: [String: String]
    ) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
    }

    @Test func anEmptyTokenIsRefusedAtStart() throws {
        // No database: were the token accepted, the command would fail later, on the database, with status 3.
        let missing = folder.file("missing/evidence.sqlite")
        let given = try CommandRunner.run(["serve", "--token", ""], database: missing)
        #expect(given.status == 64, "\(given.standardError)")
        #expect(
            given.standardError.contains("--token") && given.standardError.contains("empty"), "\(given.standardError)")

        let fromEnvironment = try Self.run(["serve", "--database", missing], environment: ["EVIDENCE_TOKEN": ""])
        #expect(fromEnvironment.status == 64, "\(fromEnvironment.standardError)")
        #expect(
            fromEnvironment.standardError.contains("EVIDENCE_TOKEN") && fromEnvironment.standardError.contains("empty"),
            "\(fromEnvironment.standardError)")

        let spaces = try CommandRunner.run(["serve", "--token", "two words"], database: missing)
        #expect(spaces.status == 64, "\(spaces.standardError)")
    }

    @Test func anAllowedHostNameMustBeANameWithoutAPort() throws {
        let missing = folder.file("missing/evidence.sqlite")
        for bad in ["", "evidence.lan:8080", "two words", "http://evidence.lan/"] {
            let output = try CommandRunner.run(["serve", "--allow-host", bad], database: missing)
            #expect(output.status == 64, "\(bad): \(output.standardError)")
            #expect(
                output.standardError.contains("--allow-host") && output.standardError.contains("without a port"),
                "\(bad): \(output.standardError)")
        }
    }

    @Test func theServerAnswersOnlyToItsOwnAddressAndAllowedNames() throws {
        let database = folder.file("serve.sqlite")
        _ = try TestStores.indexedCorpus(at: database)
        let port = 22_000 + Int(getpid() % 2_000)
        let server = try CommandRunner.startServer(database: database, port: port, ["--allow-host", "evidence.lan"])
        defer { server.terminate(); server.waitUntilExit() }
        try #require(LoopbackHTTP.waitForServer(port: port))

        func status(host: String) -> Int? {
            LoopbackHTTP.status(port: port, rawRequest: "GET /api/health HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        }
        #expect(status(host: "127.0.0.1:\(port)") == 200)
        #expect(status(host: "localhost:\(port)") == 200)
        #expect(status(host: "evidence.lan:\(port)") == 200)
        #expect(status(host: "evidence.lan") == 200)
        #expect(status(host: "evil.example:\(port)") == 421)
        #expect(status(host: "127.0.0.1:\(port + 1)") == 421)
    }
}
