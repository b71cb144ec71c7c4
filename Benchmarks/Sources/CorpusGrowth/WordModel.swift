internal import Foundation
internal import EvidenceCore

/// A deterministic model of English research text for synthetic corpora: words drawn from the unigram
/// distribution of real text (the bundled corpus and the shared test collections), plus a Zipf-shaped
/// tail of made-up words over an unbounded vocabulary, so that the number of distinct words keeps
/// growing with the corpus as real vocabularies do (Heaps' law) instead of stopping at the real text's.
///
/// Sampling a word is O(log V) (binary search over cumulative counts).
struct WordModel: Sendable {
    let words: [String]
    let cumulative: [Double]
    /// Share of words drawn from the made-up tail.
    let tailShare: Double
    /// Zipf exponent of the tail: P(rank r) ∝ r^−s.
    let tailExponent: Double

    init(texts: [String], tailShare: Double = 0.12, tailExponent: Double = 1.15) {
        var counts: [String: Int] = [:]
        for text in texts {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" })
            where word.count > 1 {
                counts[String(word), default: 0] += 1
            }
        }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        words = ordered.map(\.key)
        var running = 0.0
        cumulative = ordered.map {
            running += Double($0.value); return running
        }
        self.tailShare = tailShare
        self.tailExponent = tailExponent
    }

    func word(_ generator: inout SplitMix) -> String {
        if generator.unit() < tailShare { return Self.madeUpWord(rank: zipfRank(&generator)) }
        let target = generator.unit() * (cumulative.last ?? 1)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return words[low]
    }

    /// A rank from a continuous Zipf (Pareto) draw: r = ⌊u^(−1/(s−1))⌋.
    func zipfRank(_ generator: inout SplitMix) -> Int {
        let u = max(generator.unit(), 1e-12)
        return Int(min(pow(u, -1 / (tailExponent - 1)), 50_000_000))
    }

    /// The made-up word for a rank: its digits in base 85 spelt as consonant-vowel syllables.
    static func madeUpWord(rank: Int) -> String {
        let consonants = Array("bdfgklmnprstvz"), vowels = Array("aeiou")
        var value = rank, word = ""
        repeat {
            word.append(consonants[value % consonants.count])
            value /= consonants.count
            word.append(vowels[value % vowels.count])
            value /= vowels.count
        } while value > 0
        return word + "x"
    }
}

/// The benchmark's seeded generator: the project's `SplitMix64`, with an integer range helper.
typealias SplitMix = SplitMix64

extension SplitMix64 {
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}
