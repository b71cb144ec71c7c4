internal import Foundation

/// The `BertNormalizer` of Hugging Face `tokenizers`, applied in its order:
/// 1. clean text: drop U+0000, U+FFFD and "other" characters (general categories Cc, Cf, Cn, Co,
///    Cs) except tab, line feed and carriage return; turn every White_Space character into a space;
/// 2. Chinese characters: put a space either side of each CJK ideograph (the ranges of
///    ``isChineseCharacter(_:)``);
/// 3. strip accents: decompose to NFD and drop nonspacing marks (Mn); when `strip_accents` is null
///    in `tokenizer.json` this follows `lowercase`;
/// 4. lowercase: each scalar's full lowercase mapping, scalar by scalar with no context (so a
///    final capital sigma becomes σ, not ς, as in the Rust implementation).
/// Works on Unicode scalars, never on grapheme clusters. O(length).
struct BertNormalizer: Sendable, Equatable {
    var cleansText: Bool
    var spacesChineseCharacters: Bool
    var stripsAccents: Bool
    var lowercases: Bool

    func normalize<Scalars: Sequence<Unicode.Scalar>>(_ input: Scalars) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(input.underestimatedCount)
        for scalar in input {
            if cleansText {
                if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
                if Self.isWhitespace(scalar) {
                    scalars.append(" ")
                    continue
                }
            }
            if spacesChineseCharacters && Self.isChineseCharacter(scalar) {
                scalars.append(contentsOf: [" ", scalar, " "])
            } else {
                scalars.append(scalar)
            }
        }
        if stripsAccents {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            scalars = String(text).decomposedStringWithCanonicalMapping.unicodeScalars
                .filter { $0.properties.generalCategory != .nonspacingMark }
        }
        if lowercases {
            scalars = scalars.flatMap { scalar in
                scalar.properties.changesWhenLowercased
                    ? Array(scalar.properties.lowercaseMapping.unicodeScalars) : [scalar]
            }
        }
        return scalars
    }

    /// Tab, line feed, carriage return, or any scalar with the Unicode White_Space property.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// A scalar of general category Cc, Cf, Cn, Co or Cs, other than tab, line feed and carriage
    /// return (which count as whitespace).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks and their extensions, and the compatibility ideographs,
    /// exactly as `tokenizers` lists them (its fifth range starts at U+2B920 where Google's BERT
    /// has U+2B820), so the ids match the Rust implementation that sentence-transformers runs.
    static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
            0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
