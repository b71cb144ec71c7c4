import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Store
@testable import Indexing
@testable import Search

/// Scores on a five-record corpus, checked against the formulas worked by hand.
@Suite struct ScoringTests {
    static let records = [
        EvidenceRecord(id: "r1", title: "alcohol court", summary: "alcohol alcohol treatment"),
        EvidenceRecord(id: "r2", title: "baby sleep", summary: "alcohol baby"),
        EvidenceRecord(id: "r3", title: "court", summary: "court court court"),
        EvidenceRecord(id: "r4", title: "sleep", summary: "sleep routine"),
        EvidenceRecord(id: "r5", title: "routine", summary: "treatment"),
    ]

    let folder = TemporaryDirectory()

    func indexedStore() throws -> EvidenceStore {
        let store = try EvidenceStore(path: folder.file("five.sqlite"))
        try store.upsert(Self.records)
        _ = try IndexBuilder().build(store)
        return store
    }

    func scores(_ scheme: WeightingScheme, _ query: String = "alcohol court") throws -> [String: Double] {
        let store = try indexedStore()
        return try store.read { reader in
            Dictionary(uniqueKeysWithValues: try LexicalScorer(reader: reader, scheme: scheme).score(query).map { ($0.recordId, $0.score) })
        }
    }

    // Worked by hand. Combined tf = 2·title + body; len = 2·|title| + |body|.
    // alcohol: r1 tf 2·1 + 2 = 4, r2 tf 1; df 2.  court: r1 tf 2, r3 tf 2·1 + 3 = 5; df 2.  N = 5.
    // Lengths: r1 2·2 + 3 = 7, r2 2·2 + 2 = 6, r3 2·1 + 3 = 5, r4 4, r5 3; avglen 25 / 5 = 5.

    @Test func bm25() throws {
        let idf = log(1 + (5 - 2 + 0.5) / (2 + 0.5))               // ln 2.4, the same for both terms
        func weight(_ tf: Double, _ len: Double) -> Double { tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / 5)) }
        let expected = [
            "r1": idf * (weight(4, 7) + weight(2, 7)),               // = ln2.4 · (8.8/5.56 + 4.4/3.56)
            "r2": idf * weight(1, 6),                                  // = ln2.4 · 2.2/2.38
            "r3": idf * weight(5, 5),                                  // = ln2.4 · 11/6.2
        ]
        #expect(abs(expected["r1"]! - log(2.4) * (8.8 / 5.56 + 4.4 / 3.56)) < 1e-12)
        let found = try scores(.standardBM25)
        #expect(Set(found.keys) == Set(expected.keys))
        for (id, value) in expected { #expect(abs(found[id]! - value) < 1e-9, "\(id): \(found[id]!) vs \(value)") }
    }

    @Test func lncLtc() throws {
        // Record norms over all their terms (lnc): r1 {alcohol 4, court 2, treatment 1}, r2 {babi 3, sleep 2, alcohol 1}, r3 {court 5}.
        let n1 = ((1 + log(4.0)) * (1 + log(4.0)) + (1 + log(2.0)) * (1 + log(2.0)) + 1).squareRoot()
        let n2 = ((1 + log(3.0)) * (1 + log(3.0)) + (1 + log(2.0)) * (1 + log(2.0)) + 1).squareRoot()
        // Query (ltc): both terms weigh ln(5/2); normalised, each is 1/√2.
        let q = 1 / 2.0.squareRoot()
        let expected = ["r1": ((1 + log(4.0)) / n1 + (1 + log(2.0)) / n1) * q, "r2": (1 / n2) * q, "r3": q]
        let found = try scores(.lncLtc)
        #expect(Set(found.keys) == Set(expected.keys))
        for (id, value) in expected { #expect(abs(found[id]! - value) < 1e-9, "\(id): \(found[id]!) vs \(value)") }
    }

    @Test func pivotedNormalisationUsesTheMeanNorm() throws {
        let store = try indexedStore()
        let norms = try store.read { try $0.indexDocuments() }.map(\.norm)
        let mean = norms.reduce(0, +) / 5
        let s = 0.2
        let found = try scores(.tfidf(pivotSlope: s), "court")
        // Only court: query weight normalises to 1. r3: (1 + ln 5) / ((1 − s)·mean + s·(1 + ln 5)).
        let expected = (1 + log(5.0)) / ((1 - s) * mean + s * (1 + log(5.0)))
        #expect(abs(found["r3"]! - expected) < 1e-9)
    }

    @Test func rankingIsBestFirstWithTiesByID() throws {
        let store = try indexedStore()
        let ranked = try store.read { try LexicalScorer(reader: $0, scheme: .standardBM25).score("routine") }
        // r4 and r5 have routine once in a field each; r5 in the title (tf 2) and shorter, so it wins.
        #expect(ranked.map(\.recordId) == ["r5", "r4"])
        let tie = try store.read { try LexicalScorer(reader: $0, scheme: .lncLtc).score("sleep") }
        #expect(tie.map(\.recordId) == tie.sorted { $0.score != $1.score ? $0.score > $1.score : $0.recordId < $1.recordId }.map(\.recordId))
    }

    @Test func explanationAddsUpAndNamesTheTerms() throws {
        let store = try indexedStore()
        let top = try #require(try store.read { try LexicalScorer(reader: $0, scheme: .standardBM25).score("alcohol court", explain: true) }.first)
        #expect(top.recordId == "r1")
        let explanation = try #require(top.explanation)
        #expect(abs(explanation.value - top.score) < 1e-12)
        #expect(abs(explanation.details.map(\.value).reduce(0, +) - top.score) < 1e-9)
        #expect(explanation.text.contains("match on 'alcohol'") && explanation.text.contains("2 × 1 in the title + 2 in the text"))
    }

    @Test func schemeNamesParse() {
        #expect(WeightingScheme(name: "bm25") == .standardBM25)
        #expect(WeightingScheme(name: "bm25:0.9,0.4") == .bm25(k1: 0.9, b: 0.4))
        #expect(WeightingScheme(name: "lnc.ltc") == .lncLtc)
        #expect(WeightingScheme(name: "pivoted:0.3") == .tfidf(pivotSlope: 0.3))
        #expect(WeightingScheme(name: "cosine?") == nil)
    }
}
