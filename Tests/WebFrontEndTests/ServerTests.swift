import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Logging
import HTTPTypes
import EvidenceCore
import EvidenceTestSupport
import Ingest
import Indexing
import Store
import Recommender
@testable import WebFrontEnd

/// The web front end in process (no socket): pages, API, downloads, safety headers, limits, escaping and
/// what the log holds.
@Suite struct ServerTests {
    let folder = TemporaryDirectory()

    /// A store with the bundled corpus and one hostile record, indexed.
    func store() throws -> EvidenceStore {
        let hostile = EvidenceRecord(
            id: "hostile-record", title: "Kinship <script>alert('x')</script> carers", kind: .guidance,
            summary: "Grandparents raising grandchildren <b>bold</b> & \"quoted\".", year: 2020)
        return try TestStores.indexedCorpus(at: folder.file("web.sqlite"), adding: [hostile])
    }

    /// Log lines captured in memory.
    final class CapturedLog: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
    }

    struct CapturingHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            log.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)")
        }
    }

    /// Runs `body` against the application in process. HummingbirdTesting's router client sends
    /// `Host: localhost` without a port, so that name is allowed as `--allow-host localhost` would.
    func withServer(
        _ log: CapturedLog = CapturedLog(), _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let logger = Logger(label: "test") { _ in CapturingHandler(log: log) }
        let app = try EvidenceServer(recommender: Recommender(store: try store())).application(
            allowedHosts: ["localhost"], logger: logger)
        try await app.test(.router, body)
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encoded = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        return ByteBuffer(string: encoded)
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func theSearchPageIsAPlainFormWithAPrivacyNote() async throws {
        try await withServer { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<form method=\"post\" action=\"/search\""))
                #expect(page.contains("Describe the case in your own words"))
                #expect(page.contains("Do not enter names"))
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(
                    response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true
                )
                #expect(
                    !page.contains("http://") && !page.contains("https://"), "the page loads nothing from another host")
            }
        }
    }

    @Test func aSearchShowsAllThreeKindsWithReasons() async throws {
        try await withServer { client in
            let body = Self.form([
                "description":
                    "mum drinking again, two under-fives, nursery flagged bruising, dad back in the home, previous CP plan"
            ])
            try await client.execute(uri: "/search", method: .post, headers: Self.formHeaders, body: body) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                for label in ["Research", "Practice learning", "Lived experience"] {
                    #expect(page.contains(">\(label) <"), "\(label)")
                }
                #expect(page.contains("Why it matched"))
                #expect(page.contains("CP plan → child protection plan"))
                #expect(page.contains("<mark>"))
                #expect(page.contains("/download?format=ris"))
            }
        }
    }

    @Test func textFromTheCorpusAndTheQueryIsEscaped() async throws {
        try await withServer { client in
            let body = Self.form(["description": "kinship carers grandparents <script>alert('q')</script>"])
            try await client.execute(uri: "/search", method: .post, headers: Self.formHeaders, body: body) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("hostile-record"))
                #expect(!page.contains("<script>alert"), "no script from the corpus or the query reaches the page")
                #expect(page.contains("&lt;script&gt;"))
                #expect(!page.contains("<b>bold</b>"))
            }
            try await client.execute(uri: "/evidence/hostile-record", method: .get) { response in
                #expect(!String(buffer: response.body).contains("<script>alert"))
            }
        }
    }

    @Test func theLogHoldsNeitherTheCaseDescriptionNorAnyBody() async throws {
        let log = CapturedLog()
        let secret = "Zebedee Quartermaine aged seven at Wisteria Lane"
        try await withServer(log) { client in
            try await client.execute(
                uri: "/search", method: .post, headers: Self.formHeaders,
                body: Self.form(["description": "neglect \(secret)"])
            ) { _ in }
            let json = ByteBuffer(string: #"{"query": "neglect \#(secret)", "k": 3}"#)
            try await client.execute(
                uri: "/api/search", method: .post, headers: [.contentType: "application/json"], body: json
            ) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(log.text.contains("POST /search 200"))
        for word in ["Zebedee", "Quartermaine", "Wisteria", "neglect"] {
            #expect(!log.text.contains(word), "the log mentions '\(word)'")
        }
    }

    @Test func oversizedBodiesGetAPlain413() async throws {
        try await withServer { client in
            let body = Self.form(["description": String(repeating: "a", count: 70_000)])
            try await client.execute(uri: "/search", method: .post, headers: Self.formHeaders, body: body) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("larger than 64 KiB"))
            }
        }
    }

    @Test func theAPIAnswersAndExplains() async throws {
        try await withServer { client in
            let request = ByteBuffer(
                string:
                    #"{"query": "LAC placement breakdown teenager", "filters": {"kind": ["systematic_review", "impact_study"]}, "k": 3, "explain": true}"#
            )
            try await client.execute(
                uri: "/api/search", method: .post, headers: [.contentType: "application/json"], body: request
            ) { response in
                #expect(response.status == .ok)
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let results = try #require(object?["results"] as? [[String: Any]])
                #expect(results.count == 3)
                for key in [
                    "rank", "id", "title", "kind", "score", "year", "evidence", "reasons", "url", "explanation",
                ] { #expect(results[0][key] != nil, "\(key)") }
                #expect(
                    results.allSatisfy { ["systematic_review", "impact_study"].contains($0["kind"] as? String ?? "") })
            }
            try await client.execute(
                uri: "/api/search", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{not json")
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/search", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: "neglect")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(
                uri: "/api/search", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"query": "x", "filters": {"topic": ["gossip"]}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("gossip"))
            }
            try await client.execute(uri: "/api/health", method: .get) { response in
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(object?["status"] as? String == "ok")
                #expect((object?["records"] as? Int ?? 0) > 250)
            }
            try await client.execute(uri: "/api/evidence/fdac-london-evaluation-2011", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"id\":\"fdac-london-evaluation-2011\""))
            }
        }
    }

    @Test func recordPagesDownloadsAssetsAndUnknownAddresses() async throws {
        try await withServer { client in
            try await client.execute(uri: "/evidence/fdac-london-evaluation-2011", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(
                    page.contains("Caveats") && page.contains("Related evidence")
                        && page.contains("fdac-london-5yr-followup-2016"))
            }
            try await client.execute(uri: "/evidence/no-such-record", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/download?format=ris&ids=fdac-london-evaluation-2011,pause-evaluation-sussex-2020", method: .get
            ) { response in
                let text = String(buffer: response.body)
                #expect(text.components(separatedBy: "ER  -").count == 3)
                #expect(response.headers[.contentDisposition]?.contains("evidence.ris") == true)
            }
            try await client.execute(uri: "/download?format=md&ids=fdac-london-evaluation-2011", method: .get) {
                response in
                #expect(String(buffer: response.body).contains("Source: "))
            }
            try await client.execute(uri: "/assets/style.css", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("@media print"))
            }
            for path in ["/assets/..%2F..%2FPackage.swift", "/assets/secret.txt", "/nowhere"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
        }
    }

    @Test func anAccessTokenGuardsEveryRequestWhenSet() async throws {
        let app = try EvidenceServer(recommender: Recommender(store: try store())).application(
            token: "s3cret-token", allowedHosts: ["localhost"],
            logger: Logger(label: "test") { _ in CapturingHandler(log: CapturedLog()) })
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .unauthorized && String(buffer: response.body).contains("Bearer"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer wrong"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/health", method: .get, headers: [.authorization: "Bearer s3cret-token"])
            { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/?token=s3cret-token", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.setCookie]?.contains("evidence_token=s3cret-token") == true)
                #expect(response.headers[.setCookie]?.contains("HttpOnly") == true)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "other=1; evidence_token=s3cret-token"])
            { response in #expect(response.status == .ok) }
        }
    }
}
