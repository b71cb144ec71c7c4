/// One term as the analyzer emits it, with where it came from in the original text.
public struct AnalyzedToken: Hashable, Sendable {
    /// The term compared against the index: normalised and stemmed ("drinking" → "drink").
    public var term: String
    /// UTF-8 byte offsets of the original words the term came from, for highlights and snippets.
    public var startOffset: Int
    public var endOffset: Int
    /// Set when the term came from the social-care vocabulary: what was written and what it stands for
    /// ("LAC" → "looked-after child"); every term of the canonical form carries the same expansion.
    public var expansion: Expansion?

    public struct Expansion: Hashable, Sendable {
        public var written: String
        public var canonical: String
    }

    public init(term: String, startOffset: Int, endOffset: Int, expansion: Expansion? = nil) {
        self.term = term
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.expansion = expansion
    }
}
