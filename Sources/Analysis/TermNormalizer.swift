internal import Foundation

/// Turns a word as written into the form terms are compared in: Unicode NFKC, case folding and
/// diacritics folded ("Café" → "cafe", "ﬁ" → "fi"), the three apostrophes (' ’ ʼ) made one, and a
/// possessive ending dropped ("mum's" → "mum", "parents'" → "parents").
///
/// ASCII words take a fast path (lower-casing only). Complexity: O(word length).
enum TermNormalizer {
    static func normalize(_ word: Substring) -> String {
        var folded: String
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            folded =
                word.utf8.contains(where: { (0x41...0x5A).contains($0) })
                ? String(decoding: word.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
                : String(word)
        } else {
            folded = String(word).precomposedStringWithCompatibilityMapping
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .lowercased()
            folded = String(
                String.UnicodeScalarView(
                    folded.unicodeScalars.map { scalar in
                        scalar == "\u{2019}" || scalar == "\u{02BC}" || scalar == "\u{2018}" || scalar == "\u{FF07}"
                            ? "'" : scalar
                    }))
        }
        if folded.hasSuffix("'s") { folded.removeLast(2) } else if folded.hasSuffix("'") { folded.removeLast() }
        return folded
    }
}
