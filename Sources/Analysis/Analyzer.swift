internal import EvidenceCore

/// The one analysis chain for records and case descriptions alike:
///
/// 1. words by `WordSegmenter` (UAX #29 rules), with UTF-8 offsets;
/// 2. social-care vocabulary applied to the words as written, before any lower-casing
///    (`SocialCareVocabulary`): "LAC" becomes the terms of "looked-after child", each carrying the expansion;
/// 3. `TermNormalizer`: NFKC, case and diacritics folded, apostrophes unified, possessives dropped;
/// 4. English stop words removed (`StopWords`);
/// 5. `EnglishStemmer` (Snowball English) on words of letters; numbers and mixed words kept as they are.
///
/// `fingerprint` identifies the chain and its word lists, so an index built by another chain is refused.
/// Complexity: O(n) in the text, plus vocabulary look-ups per word.
public struct Analyzer: Sendable {
    /// Raised whenever the chain's behaviour changes in a way the word lists do not show.
    static let version = "analysis-1"

    let vocabulary: SocialCareVocabulary
    let stopWords: StopWords
    let stemmer = EnglishStemmer()
    public let fingerprint: String

    /// The chain with the bundled word lists.
    public static let standard = Analyzer(vocabulary: .bundled, stopWords: .english)

    init(vocabulary: SocialCareVocabulary, stopWords: StopWords) {
        self.vocabulary = vocabulary
        self.stopWords = stopWords
        var hash = FNV1a()
        hash.combine(Self.version)
        hash.combine(stopWords.source)
        hash.combine(vocabulary.source)
        fingerprint = hash.hex
    }

    /// The analysed terms of `text`, in order.
    public func analyze(_ text: String) -> [AnalyzedToken] {
        let words = WordSegmenter.words(in: text)
        var tokens: [AnalyzedToken] = []
        tokens.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            if let match = vocabulary.match(words, at: index, in: text) {
                let start = words[index].start, end = words[index + match.wordCount - 1].end
                let written = String(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: start)..<text.utf8.index(text.utf8.startIndex, offsetBy: end)])!
                let expansion = AnalyzedToken.Expansion(written: written, canonical: match.entry.canonical)
                for word in WordSegmenter.words(in: match.entry.canonical) {
                    if let term = term(for: word.text) {
                        tokens.append(AnalyzedToken(term: term, startOffset: start, endOffset: end, expansion: expansion))
                    }
                }
                index += match.wordCount
                continue
            }
            if let term = term(for: words[index].text) {
                tokens.append(AnalyzedToken(term: term, startOffset: words[index].start, endOffset: words[index].end))
            }
            index += 1
        }
        return tokens
    }

    /// Just the terms, for indexing.
    public func terms(_ text: String) -> [String] { analyze(text).map(\.term) }

    /// Steps 3–5 for one word; nil for a stop word.
    func term(for word: Substring) -> String? {
        let normalized = TermNormalizer.normalize(word)
        guard !normalized.isEmpty, !stopWords.contains(normalized) else { return nil }
        guard normalized.utf8.allSatisfy({ (0x61...0x7A).contains($0) || $0 == 0x27 }) else { return normalized }
        return stemmer.stem(normalized)
    }
}
