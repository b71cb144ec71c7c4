import Foundation
import Testing
@testable import Analysis

@Suite struct EnglishStemmerTests {
    /// The Snowball project's reference vocabulary (BSD licence; see Fixtures/snowball-english/COPYING).
    static func fixture(_ name: String) throws -> [Substring] {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/snowball-english/\(name)", withExtension: "txt"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast()
    }

    @Test func reproducesTheSnowballReferenceForEveryWord() throws {
        let words = try Self.fixture("voc"), expected = try Self.fixture("output")
        try #require(words.count == 42_649 && expected.count == words.count)
        let stemmer = EnglishStemmer()
        var mismatches: [String] = []
        for (word, stem) in zip(words, expected) where stemmer.stem(String(word)) != stem {
            mismatches.append("\(word) → \(stemmer.stem(String(word))), expected \(stem)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    }

    @Test(arguments: [
        ("drinking", "drink"), ("neglected", "neglect"), ("families", "famili"), ("fostering", "foster"),
        ("exploitation", "exploit"), ("generously", "generous"), ("a", "a"), ("café", "café"),
    ])
    func stemsSocialCareWords(_ word: String, _ stem: String) {
        #expect(EnglishStemmer().stem(word) == stem)
    }
}
