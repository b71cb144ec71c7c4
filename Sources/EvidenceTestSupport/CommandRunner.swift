public import Foundation

/// Runs the built `evidence` executable, as a user would, and captures what it prints.
public enum CommandRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The `evidence` binary built beside the test bundle (`swift build --build-tests` builds both). Finding
    /// it also turns the sentence encoder off for every command the tests start (`EVIDENCE_ENCODER=off`,
    /// unless set already): the tests run a debug build, where encoding a corpus would take minutes; the
    /// encoder has tests of its own and is used in process by RecommenderTests.
    public static let executable: String = {
        setenv("EVIDENCE_ENCODER", "off", 0)
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("evidence").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// Starts `evidence serve --database DATABASE --port PORT EXTRA…` in the background, its output
    /// discarded. The caller waits for it to listen (`LoopbackHTTP.waitForServer`) and terminates it.
    public static func startServer(database: String, port: Int, _ extra: [String] = []) throws -> Process {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: executable)
        server.arguments = ["serve", "--database", database, "--port", String(port)] + extra
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return server
    }

    /// Runs `evidence ARGUMENTS…` with `EVIDENCE_DATABASE` set to `database` (when given).
    public static func run(_ arguments: [String], database: String? = nil, input: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "EVIDENCE_DATABASE")
        if let database { environment["EVIDENCE_DATABASE"] = database }
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }
}
