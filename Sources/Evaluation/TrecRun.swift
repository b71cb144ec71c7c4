/// One system's ranked answers to a collection's queries, as trec_eval reads them: per query, documents
/// best first with scores. Scores are made distinct on creation, so any tool that re-sorts the run by
/// score (as trec_eval does) sees exactly this order.
public struct TrecRun: Sendable {
    /// The run's name in the sixth column.
    public var tag: String
    /// Per query id, (document id, score) best first, scores strictly decreasing.
    public private(set) var rankings: [String: [(document: String, score: Double)]]

    /// `rankings` in our order (best first, ties already broken); tied scores are lowered by a hair.
    public init(tag: String, rankings: [String: [(document: String, score: Double)]]) {
        self.tag = tag
        self.rankings = rankings.mapValues(Self.distinctScores)
    }

    /// Lowers each score that is not below the previous one to just under it, keeping the order. O(n).
    public static func distinctScores(
        _ ranked: [(document: String, score: Double)]
    ) -> [(document: String, score: Double)] {
        var result = ranked
        for index in result.indices.dropFirst() where result[index].score >= result[index - 1].score {
            result[index].score = result[index - 1].score - 1e-9 * max(1, abs(result[index - 1].score))
        }
        return result
    }

    /// Each query's document ids in trec_eval's order.
    public var orderedDocuments: [String: [String]] { rankings.mapValues(RetrievalMetrics.trecOrder) }

    /// The run file: `query Q0 document rank score tag`, one line per answer, queries in id order.
    public var text: String {
        var lines = ""
        for (query, ranked) in rankings.sorted(by: { $0.key < $1.key }) {
            for (rank, entry) in ranked.enumerated() {
                lines += "\(query) Q0 \(entry.document) \(rank + 1) \(entry.score) \(tag)\n"
            }
        }
        return lines
    }
}
