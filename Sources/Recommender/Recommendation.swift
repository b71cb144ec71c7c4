public import EvidenceCore

/// One piece of evidence recommended for a case description, with why it matched.
public struct Recommendation: Sendable {
    public var rank: Int
    public var record: EvidenceRecord
    public var score: Double
    /// The words of the case description that the record shares, in the order they were written, with
    /// the vocabulary expansion that led there when there was one ("LAC → looked-after child").
    public var matchedConcepts: [MatchedConcept]
    /// Plain sentences saying why the record came up.
    public var reasons: [String]
    /// The sentence of the record that best shows the match, with the matching words marked.
    public var snippet: Snippet
    /// The record's nearest records in the semantic space.
    public var related: [RelatedRecord]
    public var explanation: Explanation?

    public struct MatchedConcept: Sendable, Hashable, Codable {
        public var written: String
        public var expandedTo: String?

        public var label: String { expandedTo.map { "\(written) → \($0)" } ?? written }
    }

    public struct RelatedRecord: Sendable, Hashable, Codable {
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }
}

/// A piece of a record's text with the spans to highlight (UTF-8 byte ranges into `text`).
public struct Snippet: Sendable, Hashable, Codable {
    public var text: String
    public var highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The snippet cut into alternating plain and highlighted parts, for rendering.
    public var parts: [(text: String, highlighted: Bool)] {
        let bytes = Array(text.utf8)
        var result: [(String, Bool)] = []
        var position = 0
        for range in highlights.sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= position && range.upperBound <= bytes.count {
            if range.lowerBound > position {
                result.append((String(decoding: bytes[position..<range.lowerBound], as: UTF8.self), false))
            }
            result.append((String(decoding: bytes[range], as: UTF8.self), true))
            position = range.upperBound
        }
        if position < bytes.count { result.append((String(decoding: bytes[position...], as: UTF8.self), false)) }
        return result
    }
}
