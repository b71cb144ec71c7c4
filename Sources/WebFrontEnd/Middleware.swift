internal import Foundation
internal import Hummingbird
internal import Logging
internal import HTTPTypes

/// Logs each request's method, path (without any query string), status and time. Never a body, never
/// a header: a case description may identify a child.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = Date()
        var status = 500
        defer {
            logger.info("\(request.method) \(request.uri.path) \(status) \(Int(Date().timeIntervalSince(started) * 1000)) ms")
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

/// Adds the privacy and safety headers to every response, and answers unknown routes and oversized
/// bodies with a plain page.
struct SafetyHeaders<Context: RequestContext>: RouterMiddleware {
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError where error.status == .notFound {
            response = EvidenceServer.html(pages.message(heading: "Not found", message: "There is no page at this address."), status: .notFound)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            response = EvidenceServer.html(pages.message(heading: "Too large", message: WebError.tooLarge.message), status: .contentTooLarge)
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
