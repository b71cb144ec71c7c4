extension StringProtocol {
    /// The text without the white space (Unicode's White_Space property: spaces, tabs, line breaks)
    /// at either end. Works on Unicode scalars and copies nothing when there is nothing to trim, unlike
    /// Foundation's `trimmingCharacters(in:)`, which goes through UTF-16. O(length) at worst.
    var trimmedOfWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}
