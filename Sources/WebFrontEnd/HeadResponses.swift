internal import Hummingbird

/// Sends no body in answer to `HEAD`. The router answers `HEAD` wherever it answers `GET` (its
/// `autoGenerateHeadEndpoints` option, which drops the body of those answers); this middleware drops the
/// body of the rest, such as the "not found" page, keeping the status and headers (`Content-Length`
/// included) that `GET` would give.
struct HeadResponses<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        return request.method == .head ? response.createHeadResponse() : response
    }
}
