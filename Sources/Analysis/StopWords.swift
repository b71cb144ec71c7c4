internal import Foundation

/// The English stop-word list: words too common to say anything about a record's subject. Its source is
/// stated at the top of `Resources/stopwords-en.txt` (the Snowball project's English list).
///
/// Note: possessive endings are dropped before this check, so "he's" is seen as "he" and removed.
struct StopWords: Sendable {
    let words: Set<String>
    /// The file's text, for the analyzer's fingerprint.
    let source: String

    init(text: String) {
        source = text
        words = Set(
            text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    static let english: StopWords = StopWords(text: AnalysisResources.text("stopwords-en", "txt"))

    func contains(_ term: String) -> Bool { words.contains(term) }
}

/// Reads the module's data files.
enum AnalysisResources {
    static func text(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("the data file \(name).\(ext) is missing from the Analysis module's resources") }
        return text
    }
}
