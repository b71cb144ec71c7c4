import Foundation

/// Rules for record ids: stable slugs such as `fdac-london-evaluation-2011`.
public enum RecordID {
    /// The longest id accepted, in characters.
    public static let maximumLength = 120

    /// True for lower-case ASCII letters and digits in runs joined by single hyphens.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.count <= maximumLength else { return false }
        var previousWasHyphen = true  // so a leading hyphen is refused
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": previousWasHyphen = false
            case "-":
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default: return false
            }
        }
        return !previousWasHyphen
    }

    /// A valid id made from any text: ASCII letters and digits kept, everything else a
    /// single hyphen (diacritics folded first: é → e), cut at `maximumLength` on a word boundary. Empty when the text has no letter or digit.
    public static func slug(from text: String) -> String {
        var words: [String] = []
        var current = ""
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                continue  // a letter with no ASCII form (ß, ø): dropped, the word goes on
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > maximumLength { break }
            slug = next
        }
        return slug
    }
}
