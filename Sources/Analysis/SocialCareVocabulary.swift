internal import Foundation

/// The abbreviations and variants practitioners and researchers use for the same thing ("LAC",
/// "CLA", "CiC" → "looked-after child"), read from `Resources/social-care-terms.tsv`
/// (columns: term, canonical, ambiguous, source).
///
/// Matching works on words (`WordSegmenter`), longest entry first at each position. A word of an entry
/// that contains a capital letter must match exactly ("LAC" matches "LAC", never "lac" or "Lac"); an
/// all-lower-case word matches in any case ("mum" matches "Mum"); possessive endings are ignored
/// ("LAC's" matches "LAC"). Entries marked ambiguous are kept
/// for the record but never applied. Complexity: O(words × entries starting with that word).
struct SocialCareVocabulary: Sendable {
    struct Entry: Sendable, Equatable {
        var term: String
        /// The entry's words, as written in the file.
        var words: [String]
        var canonical: String
    }

    /// A matched span: `wordCount` words from the match position, standing for `entry`.
    struct Match {
        var entry: Entry
        var wordCount: Int
    }

    /// Applicable entries by their first word, lower-cased; longest first.
    private let byFirstWord: [String: [Entry]]
    /// Every line read, for the fingerprint.
    let source: String
    let entryCount: Int
    let ambiguousTerms: [String]

    init(tsv: String) {
        source = tsv
        var table: [String: [Entry]] = [:]
        var count = 0
        var ambiguous: [String] = []
        for line in tsv.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard columns.count >= 3, columns[0] != "term", !columns[0].isEmpty, !columns[1].isEmpty else { continue }
            if columns[2].lowercased() == "yes" { ambiguous.append(columns[0]); continue }
            let words = WordSegmenter.words(in: columns[0]).map { String($0.text) }
            guard let first = words.first else { continue }
            table[first.lowercased(), default: []].append(Entry(term: columns[0], words: words, canonical: columns[1]))
            count += 1
        }
        for key in table.keys { table[key]!.sort { $0.words.count > $1.words.count } }
        byFirstWord = table
        entryCount = count
        ambiguousTerms = ambiguous
    }

    static let bundled = SocialCareVocabulary(tsv: AnalysisResources.text("social-care-terms", "tsv"))

    /// True when some applicable entry's first word, normalised, is `key`.
    func hasEntries(startingWith key: String) -> Bool { byFirstWord[key] != nil }

    /// The longest applicable entry whose words start at `words[index]`, if any. The words of a
    /// multi-word entry must be joined in `text` by at most two characters of space, `.`, `-` or `/`,
    /// so "s.47" and "s 47" match but an initial and an age, "S (17)", do not.
    /// `key` is the first word's normalised form (lower case, possessive dropped), which the analyzer
    /// computes anyway; most words have no entry and cost one dictionary look-up.
    func match(_ words: [WordSegmenter.Word], at index: Int, key: String, in text: String) -> Match? {
        guard let candidates = byFirstWord[key] else { return nil }
        for entry in candidates where index + entry.words.count <= words.count {
            let matches = entry.words.indices.allSatisfy { offset in
                Self.wordMatches(pattern: entry.words[offset], written: Self.bare(words[index + offset].text))
                    && (offset == 0
                        || Self.isJoiner(text, from: words[index + offset - 1].end, to: words[index + offset].start))
            }
            if matches { return Match(entry: entry, wordCount: entry.words.count) }
        }
        return nil
    }

    /// True when the bytes between two words are one or two of: space, `.`, `-`, `/`.
    static func isJoiner(_ text: String, from start: Int, to end: Int) -> Bool {
        guard end - start >= 1 && end - start <= 2 else { return false }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return utf8[lower..<utf8.index(lower, offsetBy: end - start)].allSatisfy {
            $0 == 0x20 || $0 == 0x2E || $0 == 0x2D || $0 == 0x2F
        }
    }

    /// The word without a possessive ending ("LAC's" → "LAC", "mum’s" → "mum"), compared on UTF-8 bytes.
    static func bare(_ word: Substring) -> Substring {
        var bytes = word.utf8[...]
        if bytes.last == 0x73 || bytes.last == 0x53 { bytes = bytes.dropLast() }  // "s" or "S" after the apostrophe
        let apostropheLength: Int
        if bytes.last == 0x27 {
            apostropheLength = 1
        }  // '
        else if bytes.suffix(3).elementsEqual([0xE2, 0x80, 0x99]) {
            apostropheLength = 3
        }  // ’
        else if bytes.suffix(2).elementsEqual([0xCA, 0xBC]) {
            apostropheLength = 2
        }  // ʼ
        else {
            return word
        }
        guard bytes.count > apostropheLength else { return word }
        return word[word.startIndex..<bytes.index(bytes.endIndex, offsetBy: -apostropheLength)]
    }

    static func wordMatches(pattern: String, written: Substring) -> Bool {
        if pattern.contains(where: \.isUppercase) { return pattern == written }
        return pattern == written.lowercased()
    }
}
