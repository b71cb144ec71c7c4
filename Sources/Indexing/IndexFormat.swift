internal import Foundation

/// The fixed choices of the index format. Changing any of them changes `version`, which is part of the
/// fingerprint an index is checked against, so an index built the old way is refused, not misread.
public enum IndexFormat {
    public static let version = "lexical-1"

    /// A term in the title counts as this many occurrences in the body: tf = 2·tf_title + tf_body,
    /// and a record's length is 2·|title| + |body| (the simple form of BM25F's field weighting).
    public static let titleWeight = 2

    public static func combinedFrequency(title: Int, body: Int) -> Int { titleWeight * title + body }

    public static func combinedLength(title: Int, body: Int) -> Int { titleWeight * title + body }

    /// The length of a record's "lnc" vector: √Σ_t (1 + ln tf_t)², over its distinct terms, with tf
    /// the combined frequency. Stored per record so cosine scoring needs no pass over its other terms.
    public static func cosineNorm(_ frequencies: [Int]) -> Double {
        var sum = 0.0
        for tf in frequencies where tf > 0 {
            let weight = 1 + log(Double(tf))
            sum += weight * weight
        }
        return sum.squareRoot()
    }

    /// Keys of the `indexMeta` table.
    public enum MetaKey {
        public static let format = "format"
        public static let analyzerFingerprint = "analyzerFingerprint"
        public static let documentCount = "documentCount"
        public static let totalTitleLength = "totalTitleLength"
        public static let totalBodyLength = "totalBodyLength"
        public static let totalNorm = "totalNorm"
        public static let corpusVersion = "corpusVersion"
        public static let corpusChecksum = "corpusChecksum"
        public static let builtAt = "builtAt"
        public static let updatedAt = "updatedAt"
        public static let semanticRank = "semanticRank"
    }
}
