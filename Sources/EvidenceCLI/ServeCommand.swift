internal import ArgumentParser
internal import Foundation
internal import Logging
internal import Store
internal import Recommender
internal import WebFrontEnd

/// `evidence serve`: the local web page and JSON API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search page and JSON API on this computer (http://127.0.0.1:8080 by default).",
        discussion: """
            Only this computer can reach the page unless --host names another address, which also needs \
            --allow-remote: case descriptions may identify children. Requests must name the address the \
            server listens on (or 127.0.0.1, localhost or [::1] with its port) or a name given with \
            --allow-host; others get 421, so that another web site cannot reach the page by pointing its own \
            name at this computer (DNS rebinding). The log shows method, path, status and time for each \
            request, never what was typed.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port = 8080

    @Flag(name: .customLong("allow-remote"), help: "Allow an address other than this computer's own (loopback).")
    var allowRemote = false

    @Option(
        name: .customLong("idle-timeout"),
        help: ArgumentHelp("Close a connection that sends nothing for this many seconds.", valueName: "seconds"))
    var idleTimeout: Int64 = 30

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Require this access token on every request (also $EVIDENCE_TOKEN). Strongly advised with --allow-remote.",
            valueName: "token"))
    var token: String?

    @Option(
        name: .customLong("allow-host"),
        help: ArgumentHelp(
            "Also answer requests that name this host (repeatable), such as the name other computers use to reach this one. Any other name gets 421.",
            valueName: "name"))
    var allowHosts: [String] = []

    /// The token given with --token, else $EVIDENCE_TOKEN (an empty one is refused in `validate`).
    private var accessToken: String? { token ?? ProcessInfo.processInfo.environment["EVIDENCE_TOKEN"] }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func validate() throws {
        if !Self.isLoopback(host) && !allowRemote {
            throw ValidationError(
                "--host \(host) would let other computers reach the page; add --allow-remote if that is really meant")
        }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be at least 1 second") }
        if let token {
            if let problem = Self.problem(withToken: token) { throw ValidationError("--token \(problem)") }
        } else if let token = ProcessInfo.processInfo.environment["EVIDENCE_TOKEN"],
            let problem = Self.problem(withToken: token)
        {
            throw ValidationError("$EVIDENCE_TOKEN \(problem); unset it to serve without a token")
        }
        for name in allowHosts {
            if let problem = AllowedHosts.problem(withName: name) { throw ValidationError(problem) }
        }
    }

    /// What is wrong with an access token, in words that follow its name; nil when it is fine. An empty
    /// token would let anyone in; one with spaces, `;`, `,`, quotes or backslashes cannot travel in the cookie.
    static func problem(withToken token: String) -> String? {
        if token.isEmpty {
            return
                "is empty, which would let anyone in: give a long random token (such as the output of 'openssl rand -hex 16')"
        }
        let allowed = token.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && !";,\"\\".unicodeScalars.contains($0)
        }
        return allowed
            ? nil
            : "may hold only letters, digits and visible punctuation other than ; , \" and \\ (no spaces): it travels in a header and a cookie"
    }

    func run() async throws {
        let store: EvidenceStore
        do { store = try database.open() } catch let failure as CLIFailure {
            Terminal.standardError("evidence: error: \(failure.message)\n")
            throw ExitCode(failure.status.rawValue)
        }
        let recommender = Recommender(store: store, encoders: EncoderLoader())
        let health = try recommender.health()
        if let problem = health.index.problem {
            Terminal.standardError("evidence: error: \(problem)\n")
            throw ExitCode(CLIFailure.Status.index.rawValue)
        }
        if !Self.isLoopback(host) {
            Terminal.standardError(
                "warning: serving on \(host): other computers on the network can reach this page and what is typed into it\(accessToken == nil ? ", and no access token is required (give --token)" : "").\n"
            )
            if allowHosts.isEmpty {
                Terminal.standardError(
                    "note: requests must name \(host):\(port) (or 127.0.0.1, localhost or [::1] with port \(port)); give --allow-host NAME for each other name or address this computer is reached by.\n"
                )
            }
        }
        var logger = Logger(label: "evidence")
        logger.logLevel = .info
        let server = try EvidenceServer(recommender: recommender)
        let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        FileHandle.standardOutput.write(
            Data("EvidenceEngine is serving \(health.index.documents) records at \(address) (Ctrl-C to stop)\n".utf8))
        let meaning =
            health.encoder.passages > 0
            ? "on, \(health.encoder.passages) passages; \(health.encoder.status)"
            : "off (\(health.encoder.status)); `evidence index build` adds it once the model is installed"
        FileHandle.standardOutput.write(Data("Matching by meaning: \(meaning).\n".utf8))
        if accessToken != nil {
            FileHandle.standardOutput.write(
                Data(
                    "Every request needs the access token: open \(address)?token=… once in the browser, or send Authorization: Bearer ….\n"
                        .utf8))
        }
        try await server.run(
            host: host, port: port, token: accessToken, allowedHosts: allowHosts, idleSeconds: idleTimeout,
            logger: logger)
    }
}
