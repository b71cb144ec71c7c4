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

    /// The analysed terms of `text`, in order, with their offsets and expansions.
    public func analyze(_ text: String) -> [AnalyzedToken] {
        var cache = TermCache()
        return analyze(text, cache: &cache)
    }

    /// The analysed terms of `text`, remembering each written word's term in `cache` for the next texts.
    public func analyze(_ text: String, cache: inout TermCache) -> [AnalyzedToken] {
        var tokens: [AnalyzedToken] = []
        walk(text, cache: &cache) { term, start, end, expansion in
            tokens.append(AnalyzedToken(term: term, startOffset: start, endOffset: end, expansion: expansion))
        }
        return tokens
    }

    /// Just the terms, for indexing.
    public func terms(_ text: String) -> [String] {
        var cache = TermCache()
        return terms(text, cache: &cache)
    }

    /// Just the terms, remembering each written word's term in `cache` for the next texts: the fast
    /// path for analysing many records (words repeat, so most skip normalising and stemming).
    public func terms(_ text: String, cache: inout TermCache) -> [String] {
        var terms: [String] = []
        walk(text, cache: &cache) { term, _, _, _ in terms.append(term) }
        return terms
    }

    /// The chain itself: calls `emit` with each term, the UTF-8 range of the words it came from and the
    /// vocabulary expansion that produced it, if any.
    private func walk(
        _ text: String, cache: inout TermCache, emit: (String, Int, Int, AnalyzedToken.Expansion?) -> Void
    ) {
        let words = WordSegmenter.words(in: text)
        var index = 0
        while index < words.count {
            let entry = cache.entry(for: words[index].text) { word in
                let normalized = TermNormalizer.normalize(word)
                return TermCache.Entry(
                    normalized: normalized, term: term(normalized: normalized),
                    mayStartVocabularyEntry: vocabulary.hasEntries(startingWith: normalized))
            }
            if entry.mayStartVocabularyEntry,
                let match = vocabulary.match(words, at: index, key: entry.normalized, in: text)
            {
                let start = words[index].start, end = words[index + match.wordCount - 1].end
                let utf8 = text.utf8
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                let written = String(utf8[lower..<utf8.index(lower, offsetBy: end - start)])!
                let expansion = AnalyzedToken.Expansion(written: written, canonical: match.entry.canonical)
                for word in WordSegmenter.words(in: match.entry.canonical) {
                    if let term = term(for: word.text) { emit(term, start, end, expansion) }
                }
                index += match.wordCount
                continue
            }
            if let term = entry.term { emit(term, words[index].start, words[index].end, nil) }
            index += 1
        }
    }

    /// Steps 3–5 for one word; nil for a stop word.
    func term(for word: Substring) -> String? { term(normalized: TermNormalizer.normalize(word)) }

    /// Steps 4–5 for a word already normalised.
    func term(normalized: String) -> String? {
        guard !normalized.isEmpty, !stopWords.contains(normalized) else { return nil }
        guard normalized.utf8.allSatisfy({ (0x61...0x7A).contains($0) || $0 == 0x27 }) else { return normalized }
        return stemmer.stem(normalized)
    }
}
