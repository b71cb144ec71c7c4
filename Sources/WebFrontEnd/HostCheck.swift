internal import Hummingbird
internal import HTTPTypes

/// Answers 421 Misdirected Request, as a plain page (or `{"error": …}` under `/api/`), to every request
/// whose `Host` is not one of `AllowedHosts`, or that gives `Host` twice. See `AllowedHosts` for why.
struct HostCheck<Context: RequestContext>: RouterMiddleware {
    let allowed: AllowedHosts

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // HTTP/1 puts the first Host header in the authority; any other stays among the header fields.
        let repeated = !request.headers[values: HTTPField.Name("Host")!].isEmpty
        guard !repeated, allowed.permits(request.head.authority) else {
            throw WebError.misdirected(
                "This server answers only to the address it was started on, such as 127.0.0.1:\(allowed.port). "
                    + "To open it by another name, start it with --allow-host NAME")
        }
        return try await next(request, context)
    }
}
