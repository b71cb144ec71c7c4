/// What the web front end answers when a request cannot be served, with the status it maps to.
enum WebError: Error, CustomStringConvertible {
    var description: String { message }

    case badRequest(String)
    case notFound(String)
    case tooLarge
    case unsupportedMediaType(String)
    case unavailable(String)

    var status: Int {
        switch self {
        case .badRequest: 400
        case .notFound: 404
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .unavailable: 503
        }
    }

    var message: String {
        switch self {
        case .badRequest(let detail): detail
        case .notFound(let detail): detail
        case .tooLarge: "The request is larger than \(EvidenceServer.bodyLimit / 1024) KiB. Shorten the case description and try again."
        case .unsupportedMediaType(let detail): detail
        case .unavailable(let detail): detail
        }
    }
}
