internal import Foundation
internal import Hummingbird
internal import Logging
internal import HTTPTypes
internal import Recommender

/// Logs each request's method, path (without any query string), status and time. Never a body, never
/// a header: a case description may identify a child.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = Date()
        var status = 500
        defer {
            logger.info(
                "\(request.method) \(request.uri.path) \(status) \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}

/// Adds the privacy and safety headers to every response, errors included, and turns every error a
/// route throws into its answer in one place: a page, or `{"error": …}` under `/api/`.
struct SafetyHeaders<Context: RequestContext>: RouterMiddleware {
    let pages: Pages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = answer(Self.webError(error), api: request.uri.path.hasPrefix("/api/"))
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }

    static func webError(_ error: any Error) -> WebError {
        switch error {
        case let error as WebError: error
        case let error as RecommenderError: WebError(error)
        case let error as HTTPResponseError where error.status == .notFound:
            .notFound("There is no page at this address.")
        case let error as HTTPResponseError where error.status == .contentTooLarge: .tooLarge
        case let error as HTTPResponseError where error.status.code < 500: .badRequest("The request could not be read.")
        default: .failed("The server could not answer this request.")
        }
    }

    private func answer(_ error: WebError, api: Bool) -> Response {
        let status = HTTPResponse.Status(code: error.status)
        if api { return EvidenceServer.json(["error": error.message], status: status) }
        return EvidenceServer.html(
            pages.message(heading: error.heading, message: WebError.sentence(error.message)), status: status)
    }
}

/// When the server is reachable from other computers, every request must prove it knows the access
/// token: `Authorization: Bearer TOKEN`, or the cookie set by opening `/?token=TOKEN` once in a browser.
/// That link answers with a redirect to the same path without the token, and only ever to a path on
/// this server (see `sameOriginPath`).
struct AccessToken<Context: RequestContext>: RouterMiddleware {
    let token: String
    let pages: Pages

    static var cookieName: String { "evidence_token" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let offered = request.uri.queryParameters["token"].map(String.init),
            request.method == .get || request.method == .head
        {
            guard Self.same(offered, token) else { return refusal(request) }
            var response = Response(status: .seeOther, headers: [.location: Self.sameOriginPath(request.uri.path)])
            response.headers[.setCookie] = "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
            return response
        }
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let cookie = request.headers[.cookie].flatMap { header in
            header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix(Self.cookieName + "=") }.map { String($0.dropFirst(Self.cookieName.count + 1)) }
        }
        guard [bearer, cookie].contains(where: { $0.map { Self.same($0, token) } ?? false }) else {
            return refusal(request)
        }
        return try await next(request, context)
    }

    private func refusal(_ request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return EvidenceServer.json(
                ["error": "this server needs its access token: send Authorization: Bearer TOKEN"], status: .unauthorized
            )
        }
        return EvidenceServer.html(
            pages.message(
                heading: "Access token needed",
                message:
                    "This server is reachable from other computers, so it asks for its access token. Open the address you were given, ending in ?token=…"
            ), status: .unauthorized)
    }

    /// `path` when it is a plain path on this server (letters, digits and `/-._~`, starting with a single
    /// `/`), else `/`. A browser reads `//evil.example/` or `/\evil.example/` (even with a tab inside) as
    /// another site, so a token link must never redirect there.
    static func sameOriginPath(_ path: String) -> String {
        let plain =
            path.hasPrefix("/") && !path.hasPrefix("//")
            && path.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "/-._~".unicodeScalars.contains($0)
            }
        return plain ? path : "/"
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
