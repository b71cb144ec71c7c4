/// The `BertPreTokenizer` of Hugging Face `tokenizers`: splits normalised text into words at
/// whitespace (dropped) and around punctuation (each punctuation scalar becomes a word of its own).
///
/// Punctuation is BERT's: every ASCII character in !"#$%&'()*+,-./ :;<=>?@ [\]^_` {|}~ (which
/// includes symbols such as $, + and ~ that Unicode does not call punctuation) and every scalar of
/// a Unicode punctuation category (Pc, Pd, Ps, Pe, Pi, Pf, Po). O(length).
enum BertPreTokenizer {
    static func words(in scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = scalars.startIndex
        for index in scalars.indices {
            let scalar = scalars[index]
            let whitespace = BertNormalizer.isWhitespace(scalar)
            guard whitespace || isPunctuation(scalar) else { continue }
            if start < index { words.append(scalars[start..<index]) }
            if !whitespace { words.append(scalars[index...index]) }
            start = index + 1
        }
        if start < scalars.endIndex { words.append(scalars[start...]) }
        return words
    }

    /// BERT's punctuation: the ASCII ranges 33–47, 58–64, 91–96 and 123–126, or a Unicode
    /// punctuation category.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 33...47, 58...64, 91...96, 123...126:
            return true
        default:
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return true
            default:
                return false
            }
        }
    }
}
