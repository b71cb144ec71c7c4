internal import Foundation
public import EvidenceCore

/// The tests' seeded generator: the project's `SplitMix64`.
public typealias SeededGenerator = SplitMix64

/// Synthetic records made of made-up words with a Zipf-like spread, for tests that need many records.
public enum SyntheticRecords {
    /// A made-up vocabulary of `size` distinct lower-case words (consonant-vowel syllables).
    public static func vocabulary(size: Int, generator: inout SeededGenerator) -> [String] {
        let consonants = Array("bcdfghjklmnprstvz"), vowels = Array("aeiou")
        var words = Set<String>()
        var ordered: [String] = []
        while ordered.count < size {
            let syllables = Int.random(in: 2...4, using: &generator)
            let word = String(
                (0..<syllables).flatMap { _ in
                    [consonants.randomElement(using: &generator)!, vowels.randomElement(using: &generator)!]
                })
            if words.insert(word).inserted { ordered.append(word) }
        }
        return ordered
    }

    /// A word drawn with probability roughly proportional to 1 / rank.
    public static func word(from vocabulary: [String], generator: inout SeededGenerator) -> String {
        let u = Double.random(in: 0..<1, using: &generator)
        let rank = Int(pow(Double(vocabulary.count), u)) - 1
        return vocabulary[min(max(rank, 0), vocabulary.count - 1)]
    }

    public static func records(
        count: Int, wordsPerRecord: ClosedRange<Int>, vocabulary: [String], idPrefix: String = "syn",
        generator: inout SeededGenerator
    ) -> [EvidenceRecord] {
        (0..<count).map { index in
            let title = (0..<Int.random(in: 3...8, using: &generator)).map { _ in
                word(from: vocabulary, generator: &generator)
            }.joined(separator: " ")
            let text = (0..<Int.random(in: wordsPerRecord, using: &generator)).map { _ in
                word(from: vocabulary, generator: &generator)
            }.joined(separator: " ")
            return EvidenceRecord(
                id: "\(idPrefix)-\(index)", title: title, kind: .impactStudy, summary: text, year: 2000 + index % 25)
        }
    }
}
