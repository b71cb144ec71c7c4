internal import Foundation
internal import Hummingbird
public import Logging
internal import EvidenceCore
public import Recommender

/// The local web page and JSON API, served by Hummingbird.
///
/// Pages: `GET /` (the search form), `POST /search` (results; a POST so the description never appears in
/// an address, a history or a log), `GET /evidence/{id}`, `GET /download?format=ris|md&ids=…`. API:
/// `POST /api/search`, `GET /api/evidence/{id}`, `GET /api/health`. Assets from the program itself only.
/// `HEAD` is answered wherever `GET` is. Every response carries `Cache-Control: no-store` and a
/// Content-Security-Policy that allows this origin only. A request whose `Host` is not this server's
/// address (or a name allowed with `allowedHosts`) gets 421 (see `AllowedHosts`). A body that cannot be
/// read gets 400; only one over `bodyLimit` gets 413. The log holds method, path, status and time, never a body.
public struct EvidenceServer: Sendable {
    /// The largest request body accepted, in bytes.
    public static let bodyLimit = 64 * 1024

    let pages: Pages
    let recommender: Recommender

    /// A server answering through `recommender`, the only door to the evidence.
    public init(recommender: Recommender) throws {
        pages = try Pages()
        self.recommender = recommender
    }

    /// Serves until the process is told to stop. With `token`, every request must carry it (see
    /// `AccessToken`). Requests must name `host`:`port`, a loopback name with `port`, or one of
    /// `allowedHosts` (see `AllowedHosts`). A connection that sends nothing for `idleSeconds` (a slow or
    /// stalled client) is closed.
    public func run(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, allowedHosts: [String] = [],
        idleSeconds: Int64 = 30, logger: Logger
    ) async throws {
        try await application(
            host: host, port: port, token: token, allowedHosts: allowedHosts, idleSeconds: idleSeconds, logger: logger
        ).runService()
    }

    /// The application, ready to run (or to test without a socket).
    func application(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, allowedHosts: [String] = [],
        idleSeconds: Int64 = 30, logger: Logger
    ) -> some ApplicationProtocol {
        Application(
            router: router(
                logger: logger, token: token,
                allowedHosts: AllowedHosts(listeningOn: host, port: port, names: allowedHosts)),
            server: .http1(configuration: .init(idleTimeout: .seconds(idleSeconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            logger: logger)
    }

    /// The routes and middleware, for any request context (tests use their own to send requests that
    /// no test client can, such as a body that breaks off).
    func router<Context: RequestContext>(
        context: Context.Type = BasicRequestContext.self, logger: Logger, token: String? = nil,
        allowedHosts: AllowedHosts
    ) -> Router<Context> {
        let router = Router(context: Context.self, options: .autoGenerateHeadEndpoints)
        router.middlewares.add(AccessLog(logger: logger))
        router.middlewares.add(HeadResponses())
        router.middlewares.add(SafetyHeaders(pages: pages))
        router.middlewares.add(HostCheck(allowed: allowedHosts))
        if let token { router.middlewares.add(AccessToken(token: token, pages: pages)) }

        router.get("/") { _, _ in Self.html(pages.search(options: nil, results: nil)) }
        router.post("/search") { request, _ in
            let options = try SearchOptions(form: try FormFields(try await Self.body(request)))
            do {
                let response = try await recommender.recommend(options.request)
                return Self.html(pages.search(options: options, results: response.results, reading: response.reading))
            } catch let error as RecommenderError {
                guard case .invalidRequest(let detail) = error else { throw error }
                return Self.html(
                    pages.search(options: options, results: nil, error: WebError.sentence(detail)), status: .badRequest)
            }
        }
        router.get("/evidence/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let record = try recommender.record(id: id) else {
                throw WebError.notFound("There is no evidence record with the id '\(id)'.")
            }
            return Self.html(pages.record(record, related: try recommender.related(to: id)))
        }
        router.get("/download") { request, _ in try download(request) }

        router.post("/api/search") { request, _ in
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                throw WebError.unsupportedMediaType("send the search as JSON, with Content-Type: application/json")
            }
            let options = try SearchRequestDecoder.decode(Data(try await Self.body(request).utf8))
            return Self.json(try await recommender.recommend(options.request))
        }
        router.get("/api/evidence/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            let export: Export
            do { export = try recommender.export(ids: [id], format: .jsonLines) } catch let error as RecommenderError {
                if case .notFound = error { throw WebError.notFound("no record with the id '\(id)'") }
                throw error
            }
            return Self.response(export.text.trimmingSpaces, contentType: "application/json", status: .ok)
        }
        router.get("/api/health") { _, _ in Self.json(try recommender.health()) }
        router.get("/assets/{name}") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let asset = Self.assets[name],
                let url = Bundle.module.url(forResource: "Assets/\(asset.file)", withExtension: nil),
                let data = try? Data(contentsOf: url)
            else {
                throw WebError.notFound("There is no page at this address.")
            }
            return Response(
                status: .ok, headers: [.contentType: asset.type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }

    /// The only files served: a fixed list, so no path can reach anything else.
    static let assets: [String: (file: String, type: String)] = [
        "style.css": ("style.css", "text/css; charset=utf-8"),
        "app.js": ("app.js", "text/javascript; charset=utf-8"),
    ]

    /// `GET /download?format=ris|md&ids=a,b`: the listed records as RIS, or a short Markdown summary with citations.
    private func download(_ request: Request) throws -> Response {
        let parameters = request.uri.queryParameters
        guard let format = Export.Format(rawValue: parameters["format"].map(String.init) ?? "md"), format != .jsonLines
        else {
            throw WebError.badRequest("Downloads come as 'ris' or 'md'.")
        }
        let ids = (parameters["ids"].map(String.init) ?? "").split(separator: ",").map(String.init)
        let export: Export
        do { export = try recommender.export(ids: ids, format: format) } catch let error as RecommenderError {
            if case .notFound = error { throw WebError.notFound("No listed record was found.") }
            throw error
        }
        return Self.attachment(export.text, name: export.fileName, type: export.contentType)
    }

    // MARK: - Responses

    /// The request's body as text: `WebError.tooLarge` (413) only when it is over `bodyLimit`; a body
    /// that breaks off or cannot be read, or that is not UTF-8 text, is a bad request (400).
    static func body(_ request: Request) async throws(WebError) -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: bodyLimit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw .tooLarge
        } catch {
            throw .badRequest("the request's body could not be read: it was cut short or malformed")
        }
        guard
            let text = buffer.withUnsafeReadableBytes({
                String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self)
            })
        else {
            throw .badRequest("the request's body is not UTF-8 text")
        }
        return text
    }

    static func response(_ text: String, contentType: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        response(page, contentType: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let text = (try? JSONStreamEncoder().encode(value)) ?? "{}"
        return response(text, contentType: "application/json; charset=utf-8", status: status)
    }

    static func attachment(_ text: String, name: String, type: String) -> Response {
        var response = response(text, contentType: type, status: .ok)
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return response
    }
}
