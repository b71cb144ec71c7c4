import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Logging
import HTTPTypes
import EvidenceCore
import EvidenceTestSupport
import Store
import Recommender
@testable import WebFrontEnd

/// Requests an attacker or a broken client might send, answered in process: `HEAD`, a `Host` that is not
/// this server (DNS rebinding), a token link that tries to redirect off-site, and bodies that cannot be read.
@Suite struct RequestHardeningTests {
    let folder = TemporaryDirectory()

    func server() throws -> EvidenceServer {
        try EvidenceServer(recommender: Recommender(store: try TestStores.indexedCorpus(at: folder.file("web.sqlite"))))
    }

    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// The application as the test client reaches it: HummingbirdTesting's router client sends
    /// `Host: localhost` (no port), allowed here as `--allow-host localhost` would.
    func withApp(
        port: Int = 8080, token: String? = nil, allowedHosts: [String] = ["localhost"],
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try server().application(port: port, token: token, allowedHosts: allowedHosts, logger: Self.logger)
        try await app.test(.router, body)
    }

    /// A request context of our own, so that a test can send what no test client can: any `Host`, or a
    /// body that breaks off.
    struct TestContext: RequestContext {
        struct Source: RequestContextSource { var logger: Logger }
        var coreContext: CoreRequestContextStorage
        init(source: Source) { coreContext = .init(source: source) }
    }

    /// A body that sends a few bytes, then fails as a dropped connection or a malformed chunk would.
    struct BrokenBody: AsyncSequence, Sendable {
        struct CutShort: Error {}
        struct AsyncIterator: AsyncIteratorProtocol {
            var sent = false
            mutating func next() async throws -> ByteBuffer? {
                guard !sent else { throw CutShort() }
                sent = true
                return ByteBuffer(string: "description=neg")
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
    }

    /// Answers one request through the whole router, as `evidence serve --port 8080 --allow-host evidence.lan` would.
    static func respond(
        _ server: EvidenceServer, _ path: String, method: HTTPRequest.Method = .get, host: String?,
        headers: HTTPFields = [:], body: RequestBody = RequestBody(buffer: ByteBuffer())
    ) async throws -> Response {
        let allowed = AllowedHosts(listeningOn: "127.0.0.1", port: 8080, names: ["evidence.lan"])
        let responder = server.router(context: TestContext.self, logger: logger, allowedHosts: allowed).buildResponder()
        let head = HTTPRequest(method: method, scheme: "http", authority: host, path: path, headerFields: headers)
        return try await responder.respond(
            to: Request(head: head, body: body), context: TestContext(source: .init(logger: logger)))
    }

    @Test func onlyThisServersAddressAndAllowedNamesAreAnswered() async throws {
        let server = try server()
        for host in [
            "127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LocalHost:8080", "evidence.lan", "evidence.lan:443",
            "EVIDENCE.LAN:8080",
        ] {
            #expect(try await Self.respond(server, "/api/health", host: host).status == .ok, "\(host)")
        }
        for host: String? in [
            "evil.example:8080", "evil.example", "127.0.0.1:9999", "127.0.0.1", "localhost",
            "127.0.0.1.evil.example:8080",
            "localhost:8080@evil.example", "[::1]", "evidence.lan.evil.example", "", "localhost:+8080", nil,
        ] {
            let response = try await Self.respond(server, "/api/health", host: host)
            #expect(response.status.code == 421, "\(host ?? "no Host")")
            #expect(response.headers[.cacheControl] == "no-store")
        }
        // Host given twice: the first becomes the authority, the second stays a header field.
        let twice = try await Self.respond(
            server, "/api/health", host: "127.0.0.1:8080", headers: [HTTPField.Name("Host")!: "evil.example"])
        #expect(twice.status.code == 421)
    }

    @Test func aWrongHostGetsAPlain421PageWithTheSafetyHeaders() async throws {
        // Listening on port 8080, so the test client's `Host: localhost` (port 80) is another server's name.
        try await withApp(allowedHosts: []) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status.code == 421)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("Wrong address"))
                #expect(
                    response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true
                )
            }
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status.code == 421)
                #expect(String(buffer: response.body).contains("\"error\""))
            }
        }
        // Listening on port 80, `localhost` is this server.
        try await withApp(port: 80, allowedHosts: []) { client in
            try await client.execute(uri: "/", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func allowedHostNamesAreChecked() {
        for name in ["evidence.lan", "192.168.1.20", "::1", "[fe80::1]", "My-Laptop.local"] {
            #expect(AllowedHosts.problem(withName: name) == nil, "\(name)")
        }
        for name in ["", "evidence.lan:8080", "two words", "http://evidence.lan/", "a/b", "user@host", ".lan"] {
            #expect(AllowedHosts.problem(withName: name)?.contains("without a port") == true, "\(name)")
        }
    }

    @Test func aBodyThatBreaksOffIsABadRequestNotTooLarge() async throws {
        let server = try server()
        let form = try await Self.respond(
            server, "/search", method: .post, host: "127.0.0.1:8080",
            headers: [.contentType: "application/x-www-form-urlencoded"], body: RequestBody(asyncSequence: BrokenBody())
        )
        #expect(form.status == .badRequest)
        #expect(form.headers[.cacheControl] == "no-store")
        let api = try await Self.respond(
            server, "/api/search", method: .post, host: "127.0.0.1:8080",
            headers: [.contentType: "application/json"], body: RequestBody(asyncSequence: BrokenBody()))
        #expect(api.status == .badRequest)
    }

    @Test func malformedBodiesGet400AndOnlyOversizedOnes413() async throws {
        try await withApp { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let json: HTTPFields = [.contentType: "application/json"]
            var notUTF8 = ByteBuffer(string: "description=neglect")
            notUTF8.writeBytes([0xFF, 0xFE, 0xC3])
            let malformed: [(path: String, headers: HTTPFields, body: ByteBuffer)] = [
                ("/search", form, notUTF8),
                ("/search", form, ByteBuffer(string: "description=%FF%FEneglect")),
                ("/search", form, ByteBuffer(string: "since=soon&description=neglect")),
                ("/api/search", json, notUTF8),
                ("/api/search", json, ByteBuffer(string: "{\"query\": \"neglect\", \"k\": 1e999}")),
                ("/api/search", json, ByteBuffer(string: String(repeating: "[", count: 10_000))),
            ]
            for (path, headers, body) in malformed {
                try await client.execute(uri: path, method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .badRequest, "\(path) \(String(buffer: body).prefix(40))")
                }
            }
            let large = ByteBuffer(string: "{\"query\": \"" + String(repeating: "neglect ", count: 9_000) + "\"}")
            try await client.execute(uri: "/api/search", method: .post, headers: json, body: large) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func headAnswersWhereGetDoesWithoutABody() async throws {
        try await withApp { client in
            for path in [
                "/", "/api/health", "/evidence/fdac-london-evaluation-2011", "/assets/style.css",
                "/download?format=ris&ids=fdac-london-evaluation-2011", "/nowhere",
            ] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status == get.status, "\(path)")
                #expect(head.body.readableBytes == 0, "\(path)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                #expect(head.headers[.cacheControl] == "no-store", "\(path)")
                if path != "/api/health" {
                    #expect(head.headers[.contentLength] == get.headers[.contentLength], "\(path)")
                }
            }
        }
    }

    @Test func theTokenLinkRedirectsOnlyWithinThisOrigin() async throws {
        try await withApp(token: "s3cret-token") { client in
            for path in [
                "//evil.example/", "///evil.example/", "/\\evil.example/", "//evil.example/evidence/x",
                "/%2F%2Fevil.example/",
            ] {
                try await client.execute(uri: path + "?token=s3cret-token", method: .get) { response in
                    #expect(response.status == .seeOther, "\(path)")
                    let location = response.headers[.location] ?? ""
                    #expect(
                        location.hasPrefix("/") && !location.hasPrefix("//") && !location.hasPrefix("/\\"),
                        "\(path) → \(location)")
                }
            }
            try await client.execute(uri: "/evidence/fdac-london-evaluation-2011?token=s3cret-token", method: .get) {
                response in
                #expect(response.headers[.location] == "/evidence/fdac-london-evaluation-2011")
            }
        }
    }
}
