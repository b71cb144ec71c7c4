/// Why the Recommender could not answer, in plain words. The front ends map each case once: to an exit
/// status on the command line, to an HTTP status on the web.
public enum RecommenderError: Error, Equatable, CustomStringConvertible {
    /// The request itself is wrong (empty description, k out of range, …): the user can fix it.
    case invalidRequest(String)
    /// The index is missing, stale or built by another version: rebuilding fixes it.
    case indexNotReady(String)
    /// No record with that id, or none of the ids asked for.
    case notFound(String)
    /// The database could not be read.
    case storage(String)

    public var description: String {
        switch self {
        case .invalidRequest(let detail), .indexNotReady(let detail), .notFound(let detail), .storage(let detail):
            detail
        }
    }
}
