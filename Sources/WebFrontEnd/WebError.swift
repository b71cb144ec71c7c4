internal import Recommender

/// What the web front end answers when a request cannot be served, with the status it maps to. Every
/// error a route throws becomes one of these in one place (`SafetyHeaders`), as a page or, under
/// `/api/`, as `{"error": …}`.
enum WebError: Error, CustomStringConvertible {
    var description: String { message }

    case badRequest(String)
    case notFound(String)
    case tooLarge
    case unsupportedMediaType(String)
    /// The request names a host this server does not answer to (see `AllowedHosts`).
    case misdirected(String)
    case unavailable(String)
    case failed(String)

    /// The Recommender's errors, each to its status.
    init(_ error: RecommenderError) {
        switch error {
        case .invalidRequest(let detail): self = .badRequest(detail)
        case .notFound(let detail): self = .notFound(detail)
        case .indexNotReady(let detail): self = .unavailable(detail)
        case .storage(let detail): self = .failed(detail)
        }
    }

    var status: Int {
        switch self {
        case .badRequest: 400
        case .notFound: 404
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .misdirected: 421
        case .unavailable: 503
        case .failed: 500
        }
    }

    /// The page heading for this error.
    var heading: String {
        switch self {
        case .badRequest: "That request could not be run"
        case .notFound: "Not found"
        case .tooLarge: "Too large"
        case .unsupportedMediaType: "Unsupported request"
        case .misdirected: "Wrong address"
        case .unavailable: "The evidence is not ready"
        case .failed: "Something went wrong"
        }
    }

    var message: String {
        switch self {
        case .badRequest(let detail), .notFound(let detail), .unsupportedMediaType(let detail),
            .misdirected(let detail), .unavailable(let detail), .failed(let detail):
            detail
        case .tooLarge:
            "The request is larger than \(EvidenceServer.bodyLimit / 1024) KiB. Shorten the case description and try again."
        }
    }

    /// A detail as a sentence for a page: capital first letter, full stop at the end.
    static func sentence(_ detail: String) -> String {
        guard let first = detail.first else { return detail }
        let text = first.uppercased() + detail.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}
