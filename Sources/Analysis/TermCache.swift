/// Remembers what each written word becomes under the analyzer (its normalised form, its term or
/// none for a stop word, and whether a vocabulary entry may start with it), so that a word seen before
/// costs one dictionary look-up instead of normalising and stemming again. Words repeat heavily in
/// text (Zipf), so analysing many records with one cache is several times faster.
///
/// Holds at most `capacity` words, and starts afresh when full. Not shared between threads: give each
/// its own.
public struct TermCache {
    struct Entry {
        var normalized: String
        var term: String?
        var mayStartVocabularyEntry: Bool
    }

    public static let capacity = 200_000
    private var entries: [String: Entry] = [:]

    public init() {}

    mutating func entry(for word: Substring, compute: (Substring) -> Entry) -> Entry {
        let key = String(word)  // words of up to 15 bytes are stored inline: no allocation
        if let known = entries[key] { return known }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        let entry = compute(word)
        entries[key] = entry
        return entry
    }
}
