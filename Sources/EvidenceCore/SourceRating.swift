/// A rating given by another body (a clearinghouse, a review), kept verbatim with its scale, the date it
/// was read and where. We never replace a source's rating; ours sits beside it.
public struct SourceRating: Hashable, Sendable, Codable {
    /// Whose scale, e.g. "Title IV-E Prevention Services Clearinghouse".
    public var scale: String
    /// The rating exactly as the source gives it, e.g. "Well-supported" or "3+*".
    public var value: String
    /// When the rating was read: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    public var asOf: String
    public var url: String

    public init(scale: String, value: String, asOf: String, url: String) {
        self.scale = scale
        self.value = value
        self.asOf = asOf
        self.url = url
    }
}
