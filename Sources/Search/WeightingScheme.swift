internal import Foundation
internal import EvidenceCore
internal import Indexing

/// How a query term's match in a record is weighted, computed at query time from the raw numbers the
/// index stores (field frequencies, lengths, document frequencies), so a new scheme needs no rebuild.
///
/// Notation: N records; df_t records containing term t; tf = 2·tf_title + tf_body (see `IndexFormat`);
/// qtf the term's count in the query; len = 2·|title| + |body|, avglen its mean over the records.
public enum WeightingScheme: Sendable, Hashable {
    /// SMART `lnc.ltc`, cosine similarity of log-tf record vectors (no idf) with log-tf·idf query vectors:
    ///
    ///     score = Σ_t [(1 + ln tf) / ‖d‖] · [(1 + ln qtf) · ln(N / df_t) / ‖q‖]
    ///
    /// ‖d‖ = √Σ (1 + ln tf)² over the record's terms (stored per record); ‖q‖ the same over the query's
    /// weights. With `pivotSlope` s, ‖d‖ is replaced by Singhal's pivoted norm (1 − s)·mean‖d‖ + s·‖d‖,
    /// which favours long records less harshly than plain cosine.
    case tfidf(pivotSlope: Double?)
    /// Okapi BM25:
    ///
    ///     score = Σ_t qtf · idf_t · tf·(k1 + 1) / (tf + k1·(1 − b + b·len/avglen)),
    ///     idf_t = ln(1 + (N − df_t + 0.5) / (df_t + 0.5))
    case bm25(k1: Double, b: Double)

    public static let lncLtc = WeightingScheme.tfidf(pivotSlope: nil)
    public static let standardBM25 = WeightingScheme.bm25(k1: 1.2, b: 0.75)

    public var name: String {
        switch self {
        case .tfidf(nil): "lnc.ltc"
        case .tfidf(let slope?): "lnc.ltc, pivoted (slope \(slope))"
        case let .bm25(k1, b): "BM25 (k1 \(k1), b \(b))"
        }
    }

    /// Parses "lnc.ltc", "pivoted" or "pivoted:0.3", "bm25" or "bm25:1.2,0.75".
    public init?(name: String) {
        let parts = name.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        let numbers = parts.count > 1 ? parts[1].split(separator: ",").compactMap { Double($0) } : []
        switch parts.first {
        case "lnc.ltc", "tfidf", "tf-idf": self = .lncLtc
        case "pivoted": self = .tfidf(pivotSlope: numbers.first ?? 0.2)
        case "bm25":
            self = numbers.count == 2 ? .bm25(k1: numbers[0], b: numbers[1]) : .standardBM25
        default: return nil
        }
    }
}

/// The collection numbers every scheme needs, read once from the index metadata.
public struct CollectionStatistics: Sendable, Equatable {
    public var documentCount: Int
    public var averageLength: Double
    public var averageNorm: Double

    public init(documentCount: Int, averageLength: Double, averageNorm: Double) {
        self.documentCount = documentCount
        self.averageLength = averageLength
        self.averageNorm = averageNorm
    }
}

extension WeightingScheme {
    /// The query-side weight of a term (its whole contribution factor that does not depend on the record).
    /// For lnc.ltc this is the un-normalised ltc weight; the query norm is applied by the scorer.
    func queryWeight(queryFrequency qtf: Int, documentFrequency df: Int, statistics: CollectionStatistics) -> Double {
        let n = Double(statistics.documentCount), df = Double(df)
        switch self {
        case .tfidf: return (1 + log(Double(qtf))) * log(n / df)
        case .bm25: return Double(qtf) * log(1 + (n - df + 0.5) / (df + 0.5))
        }
    }

    /// The record-side factor of one term: how much its frequency in this record counts.
    func documentWeight(frequency tf: Int, length: Int, norm: Double, statistics: CollectionStatistics) -> Double {
        documentWeight(
            frequency: tf, normaliser: documentNormaliser(length: length, norm: norm, statistics: statistics))
    }

    /// The part of the record-side factor that depends on the record only, computed once per record:
    /// BM25's k1·(1 − b + b·len/avglen); TF-IDF's ‖d‖ (or its pivoted form).
    func documentNormaliser(length: Int, norm: Double, statistics: CollectionStatistics) -> Double {
        switch self {
        case .tfidf(let slope):
            return slope.map { (1 - $0) * statistics.averageNorm + $0 * norm } ?? norm
        case let .bm25(k1, b):
            let lengthRatio = statistics.averageLength > 0 ? Double(length) / statistics.averageLength : 1
            return k1 * (1 - b + b * lengthRatio)
        }
    }

    /// The record-side factor from a term frequency and the record's normaliser.
    @inline(__always)
    func documentWeight(frequency tf: Int, normaliser: Double) -> Double {
        guard tf > 0 else { return 0 }
        switch self {
        case .tfidf:
            return normaliser > 0 ? (1 + log(Double(tf))) / normaliser : 0
        case let .bm25(k1, _):
            let tf = Double(tf)
            return tf * (k1 + 1) / (tf + normaliser)
        }
    }

    func explainQueryWeight(
        _ value: Double, term: String, queryFrequency qtf: Int, documentFrequency df: Int,
        statistics: CollectionStatistics
    ) -> Explanation {
        switch self {
        case .tfidf:
            Explanation(
                value,
                "query weight of '\(term)': (1 + ln qtf) · ln(N / df), qtf \(qtf), N \(statistics.documentCount), df \(df)"
            )
        case .bm25:
            Explanation(
                value,
                "qtf · idf of '\(term)': idf = ln(1 + (N − df + 0.5) / (df + 0.5)), qtf \(qtf), N \(statistics.documentCount), df \(df)"
            )
        }
    }

    func explainDocumentWeight(
        _ value: Double, posting: Posting, length: Int, norm: Double, statistics: CollectionStatistics
    ) -> Explanation {
        let tf = IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
        let frequency = "tf \(tf) (2 × \(posting.titleFrequency) in the title + \(posting.bodyFrequency) in the text)"
        switch self {
        case .tfidf(nil):
            return Explanation(value, "(1 + ln tf) / ‖d‖, \(frequency), ‖d‖ \(Explanation.format(norm))")
        case .tfidf(let slope?):
            return Explanation(
                value,
                "(1 + ln tf) / ((1 − s)·mean‖d‖ + s·‖d‖), \(frequency), s \(slope), ‖d‖ \(Explanation.format(norm)), mean‖d‖ \(Explanation.format(statistics.averageNorm))"
            )
        case let .bm25(k1, b):
            return Explanation(
                value,
                "tf·(k1 + 1) / (tf + k1·(1 − b + b·len/avglen)), \(frequency), k1 \(k1), b \(b), len \(length), avglen \(Explanation.format(statistics.averageLength))"
            )
        }
    }
}
