internal import Foundation

/// The measures of `shared/tools/ireval.py` (and trec_eval): nDCG@10, MAP, R@100, P@10, MRR@10, each
/// averaged over the queries with at least one relevant judgment; a document is relevant at grade ≥ 1.
///
/// - nDCG@10 = DCG@10 / IDCG@10, DCG = Σ_{i ≤ 10} grade_i / log₂(i + 1), the ideal from all judged grades;
/// - AP = Σ_{relevant at rank i ≤ 1000} (hits so far / i) / (number relevant); MAP its mean;
/// - R@100 = relevant in the top 100 / number relevant; P@10 = relevant in the top 10 / 10;
/// - MRR@10 = 1 / rank of the first relevant document in the top 10, else 0.
/// Rankings are ordered as trec_eval orders them: score descending, ties by document id descending.
public struct RetrievalMetrics: Sendable, Equatable, Codable {
    public var ndcgAt10 = 0.0
    public var meanAveragePrecision = 0.0
    public var recallAt100 = 0.0
    public var precisionAt10 = 0.0
    public var reciprocalRankAt10 = 0.0

    public init() {}

    /// The measures for one query's ranking (document ids best first, already ordered).
    public static func query(ranking: [String], judged: [String: Int]) -> RetrievalMetrics {
        var metrics = RetrievalMetrics()
        let relevant = Set(judged.filter { $0.value >= 1 }.keys)
        guard !relevant.isEmpty else { return metrics }
        let top = Array(ranking.prefix(1000))
        var dcg = 0.0
        for (index, document) in top.prefix(10).enumerated() {
            let gain = Double(judged[document] ?? 0)
            if gain > 0 { dcg += gain / log2(Double(index + 2)) }
        }
        let ideal = judged.values.filter { $0 > 0 }.sorted(by: >).prefix(10)
        let idcg = ideal.enumerated().reduce(0.0) { $0 + Double($1.element) / log2(Double($1.offset + 2)) }
        metrics.ndcgAt10 = idcg > 0 ? dcg / idcg : 0
        var hits = 0, precisionSum = 0.0
        for (index, document) in top.enumerated() where relevant.contains(document) {
            hits += 1
            precisionSum += Double(hits) / Double(index + 1)
        }
        metrics.meanAveragePrecision = precisionSum / Double(relevant.count)
        metrics.recallAt100 = Double(top.prefix(100).filter(relevant.contains).count) / Double(relevant.count)
        metrics.precisionAt10 = Double(top.prefix(10).filter(relevant.contains).count) / 10
        if let first = top.prefix(10).firstIndex(where: relevant.contains) {
            metrics.reciprocalRankAt10 = 1 / Double(first + 1)
        }
        return metrics
    }

    /// Orders (document, score) pairs as trec_eval does: score descending, then document id descending.
    public static func trecOrder(_ scored: [(document: String, score: Double)]) -> [String] {
        scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.document > $1.document }.map(\.document)
    }

    /// Means over the scored queries of `qrels`; a query missing from `rankings` counts 0.
    public static func mean(
        rankings: [String: [String]], qrels: Qrels
    ) -> (mean: RetrievalMetrics, perQuery: [String: RetrievalMetrics]) {
        var perQuery: [String: RetrievalMetrics] = [:]
        for query in qrels.scoredQueries {
            perQuery[query] = Self.query(ranking: rankings[query] ?? [], judged: qrels.judgments[query] ?? [:])
        }
        var mean = RetrievalMetrics()
        let count = Double(max(perQuery.count, 1))
        for metrics in perQuery.values {
            mean.ndcgAt10 += metrics.ndcgAt10 / count
            mean.meanAveragePrecision += metrics.meanAveragePrecision / count
            mean.recallAt100 += metrics.recallAt100 / count
            mean.precisionAt10 += metrics.precisionAt10 / count
            mean.reciprocalRankAt10 += metrics.reciprocalRankAt10 / count
        }
        return (mean, perQuery)
    }
}
