/// What can go wrong with the evidence database, in plain words. The front ends map these to exit
/// codes and HTTP statuses; the underlying SQLite message is kept as `detail`.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The file does not exist and the caller asked not to create it.
    case missing(path: String)
    /// SQLite refused the file: not a database, or corrupt.
    case unreadable(path: String, detail: String)
    /// A newer EvidenceEngine wrote it; this version does not know its schema.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Opening or writing failed for another reason (read-only, disk full, locked).
    case failed(path: String, action: String, detail: String)
    /// No record has that id.
    case noSuchRecord(id: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no evidence database at \(path); import some evidence first (evidence import Corpus/)"
        case let .unreadable(path, detail):
            "\(path) is not a readable evidence database (\(detail)); if it is damaged, move it aside and import again"
        case let .newerSchema(path, unknown):
            "\(path) was written by a newer version of EvidenceEngine (schema steps \(unknown.joined(separator: ", ")) are unknown here); upgrade evidence to use it"
        case let .failed(path, action, detail):
            "could not \(action) \(path): \(detail)"
        case .noSuchRecord(let id):
            "no record with the id '\(id)'"
        }
    }
}
