/// Chosen records written out for another tool or for supervision, with the file name and media type
/// a download needs. Holds records only, never a case description.
public struct Export: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        /// RIS, for reference managers.
        case ris
        /// The project's JSON Lines, every field.
        case jsonLines = "jsonl"
        /// A short Markdown summary with citations, to take to supervision.
        case supervisionSummary = "md"
    }

    /// The most records one export holds.
    public static let maximumRecords = 100

    public var text: String
    public var fileName: String
    public var contentType: String
}
