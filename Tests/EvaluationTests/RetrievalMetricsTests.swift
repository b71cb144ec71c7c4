import Foundation
import Testing
@testable import Evaluation

@Suite struct RetrievalMetricsTests {
    // Judged: a 2, b 1, c 0 (judged not relevant), d 1. Ranking: c, a, x, d (b never retrieved).
    static let judged = ["a": 2, "b": 1, "c": 0, "d": 1]
    static let ranking = ["c", "a", "x", "d"]

    @Test func measuresMatchTheHandWorkedValues() {
        let m = RetrievalMetrics.query(ranking: Self.ranking, judged: Self.judged)
        // DCG: a (grade 2) at rank 2, d (grade 1) at rank 4: 2 / log2 3 + 1 / log2 5 = 1.2618595071 + 0.4306765581 = 1.6925360652163.
        // Ideal DCG, grades 2, 1, 1 at ranks 1–3: 2 / 1 + 1 / log2 3 + 1 / 2 = 2 + 0.6309297536 + 0.5 = 3.1309297535715.
        // nDCG@10 = 1.6925360652163 / 3.1309297535715 = 0.5405857679450.
        #expect(abs(m.ndcgAt10 - 0.5405857679450) < 1e-12)
        // AP: hits at ranks 2 and 4 (precision 1/2 and 2/4), 3 relevant (b never retrieved): (0.5 + 0.5) / 3.
        #expect(abs(m.meanAveragePrecision - 0.3333333333333) < 1e-12)
        #expect(abs(m.recallAt100 - 0.6666666666667) < 1e-12)  // a and d of a, b, d
        #expect(m.precisionAt10 == 0.2)
        #expect(m.reciprocalRankAt10 == 0.5)
    }

    @Test func tiesAreOrderedAsTrecEvalDoes() {
        #expect(RetrievalMetrics.trecOrder([("a", 1), ("c", 2), ("b", 1), ("d", 2)]) == ["d", "c", "b", "a"])
    }

    @Test func meansCoverOnlyQueriesWithARelevantJudgmentAndCountMissingRunsAsZero() throws {
        let qrels = try Qrels(parsing: "q1\ta\t2\nq1\tb\t0\nq2 0 c 1\nq3\td\t0\n")
        #expect(qrels.scoredQueries == ["q1", "q2"])
        let (mean, perQuery) = RetrievalMetrics.mean(rankings: ["q1": ["a"]], qrels: qrels)
        #expect(perQuery["q1"]?.ndcgAt10 == 1 && perQuery["q2"]?.ndcgAt10 == 0)
        #expect(mean.ndcgAt10 == 0.5 && mean.reciprocalRankAt10 == 0.5)
    }

    @Test func malformedJudgmentsNameTheLine() {
        #expect(throws: Qrels.ParseError.self) { try Qrels(parsing: "q1\ta\t1\nq2 a\n") }
    }
}
