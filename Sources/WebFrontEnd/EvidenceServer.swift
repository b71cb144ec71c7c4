internal import Foundation
public import Hummingbird
public import Logging
internal import EvidenceCore
public import Store
internal import Indexing
internal import Ingest
internal import Recommender

/// The local web page and JSON API, served by Hummingbird.
///
/// Pages: `GET /` (the search form), `POST /search` (results; a POST so the description never appears in
/// an address, a history or a log), `GET /evidence/{id}`, `GET /download?format=ris|md&ids=…`. API:
/// `POST /api/search`, `GET /api/evidence/{id}`, `GET /api/health`. Assets from the program itself only.
/// Every response carries `Cache-Control: no-store` and a Content-Security-Policy that allows this origin
/// only. The log holds method, path, status and time, never a body.
public struct EvidenceServer: Sendable {
    /// The largest request body accepted, in bytes.
    public static let bodyLimit = 64 * 1024

    let store: EvidenceStore
    let pages: Pages
    let recommender: Recommender

    public init(store: EvidenceStore) throws {
        self.store = store
        pages = try Pages()
        recommender = Recommender(store: store)
    }

    /// The application, ready to run (or to test without a socket). With `token`, every request must
    /// carry it (see `AccessToken`). A connection that sends nothing for `idleSeconds` (a slow or stalled
    /// client) is closed.
    public func application(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, idleSeconds: Int64 = 30, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(logger: logger, token: token),
            server: .http1(configuration: .init(idleTimeout: .seconds(idleSeconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            logger: logger)
    }

    func router(logger: Logger, token: String? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(AccessLog(logger: logger))
        router.middlewares.add(SafetyHeaders(pages: pages))
        if let token { router.middlewares.add(AccessToken(token: token, pages: pages)) }

        router.get("/") { _, _ in Self.html(pages.search(options: nil, results: nil)) }
        router.post("/search") { request, _ in
            do {
                let form = FormFields(try await Self.body(request))
                let options = try SearchOptions(form: form)
                guard !options.description.isEmpty else {
                    return Self.html(pages.search(options: options, results: nil, error: "Describe the case first: the box is empty."), status: .badRequest)
                }
                let results = try recommender.recommend(options.description, filter: options.filter, k: options.k)
                return Self.html(pages.search(options: options, results: results))
            } catch let error as WebError {
                return Self.html(pages.message(heading: "That search could not be run", message: error.message), status: .init(code: error.status))
            } catch let error as IndexError {
                return Self.html(pages.message(heading: "The evidence is not ready", message: error.description), status: .serviceUnavailable)
            }
        }
        router.get("/evidence/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let record = try store.record(id: id) else {
                return Self.html(pages.message(heading: "Not found", message: "There is no evidence record with the id '\(id)'."), status: .notFound)
            }
            return Self.html(pages.record(record, related: try related(to: id)))
        }
        router.get("/download") { request, _ in try download(request) }

        router.post("/api/search") { request, _ in
            do {
                guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                    throw WebError.unsupportedMediaType("send the search as JSON, with Content-Type: application/json")
                }
                let options = try SearchRequestDecoder.decode(Data(try await Self.body(request).utf8))
                struct Output: Encodable { var results: [ResultObject] }
                let results = try recommender.recommend(options.description, filter: options.filter, k: options.k, explain: options.explain)
                return Self.json(Output(results: results.map(ResultObject.init)))
            } catch let error as WebError {
                return Self.json(["error": error.message], status: .init(code: error.status))
            } catch let error as IndexError {
                return Self.json(["error": error.description], status: .serviceUnavailable)
            }
        }
        router.get("/api/evidence/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let record = try store.record(id: id) else { return Self.json(["error": "no record with the id '\(id)'"], status: .notFound) }
            return Self.response(RecordWriter.jsonLine(record), contentType: "application/json; charset=utf-8", status: .ok)
        }
        router.get("/api/health") { _, _ in
            struct Health: Encodable { var status: String; var records: Int; var index: Index }
            struct Index: Encodable { var state: String; var documents: Int; var builtAt: String; var updatedAt: String; var problem: String? }
            let (status, count) = try store.read { reader in (try IndexStatus.read(reader, analyzer: .standard), try reader.recordCount()) }
            let state = "\(status.state)"
            return Self.json(Health(status: status.state == .current ? "ok" : "index not ready", records: count,
                                    index: Index(state: state, documents: status.documentCount, builtAt: status.builtAt, updatedAt: status.updatedAt, problem: status.problem?.description)))
        }
        router.get("/assets/{name}") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let asset = Self.assets[name], let url = Bundle.module.url(forResource: "Assets/\(asset.file)", withExtension: nil),
                  let data = try? Data(contentsOf: url) else {
                return Self.response("Not found", contentType: "text/plain; charset=utf-8", status: .notFound)
            }
            return Response(status: .ok, headers: [.contentType: asset.type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }

    /// The only files served: a fixed list, so no path can reach anything else.
    static let assets: [String: (file: String, type: String)] = [
        "style.css": ("style.css", "text/css; charset=utf-8"),
        "app.js": ("app.js", "text/javascript; charset=utf-8"),
    ]

    private func related(to id: String) throws -> [Recommendation.RelatedRecord] {
        try store.read { reader in
            guard let doc = try reader.indexDocument(recordId: id) else { return [] }
            let titles = Dictionary(uniqueKeysWithValues: try reader.indexDocuments().map { ($0.docNumber, $0.recordId) })
            return try reader.related(docNumber: doc.docNumber).compactMap { neighbour -> Recommendation.RelatedRecord? in
                guard let other = titles[neighbour.docNumber], let record = try reader.record(id: other) else { return nil }
                return Recommendation.RelatedRecord(id: other, title: record.title)
            }
        }
    }

    /// `GET /download?format=ris|md&ids=a,b`: the listed records as RIS, or a short Markdown summary with citations.
    private func download(_ request: Request) throws -> Response {
        let parameters = request.uri.queryParameters
        let format = parameters["format"].map(String.init) ?? "md"
        let ids = (parameters["ids"].map(String.init) ?? "").split(separator: ",").map(String.init).filter(RecordID.isValid).prefix(100)
        let records = try ids.compactMap { try store.record(id: $0) }
        guard !records.isEmpty else { return Self.html(pages.message(heading: "Nothing to download", message: "No listed record was found."), status: .notFound) }
        switch format {
        case "ris":
            return Self.attachment(RecordWriter.text(records, format: .ris), name: "evidence.ris", type: "application/x-research-info-systems")
        case "md":
            return Self.attachment(SupervisionSummary.markdown(records), name: "evidence-summary.md", type: "text/markdown; charset=utf-8")
        default:
            return Self.html(pages.message(heading: "Unknown format", message: "Downloads come as 'ris' or 'md'."), status: .badRequest)
        }
    }

    // MARK: - Responses

    static func body(_ request: Request) async throws -> String {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: bodyLimit) } catch { throw WebError.tooLarge }
        return String(buffer: buffer)
    }

    static func response(_ text: String, contentType: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        response(page, contentType: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return response(text, contentType: "application/json; charset=utf-8", status: status)
    }

    static func attachment(_ text: String, name: String, type: String) -> Response {
        var response = response(text, contentType: type, status: .ok)
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return response
    }
}
