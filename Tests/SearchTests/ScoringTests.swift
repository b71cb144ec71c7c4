import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Analysis
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
            Dictionary(
                uniqueKeysWithValues: try LexicalScorer(reader: reader, scheme: scheme).score(query).map {
                    ($0.recordId, $0.score)
                })
        }
    }

    // Worked by hand. Combined tf = 2·title + body; len = 2·|title| + |body|.
    // alcohol: r1 tf 2·1 + 2 = 4, r2 tf 1; df 2.  court: r1 tf 2, r3 tf 2·1 + 3 = 5; df 2.  N = 5.
    // Lengths: r1 2·2 + 3 = 7, r2 2·2 + 2 = 6, r3 2·1 + 3 = 5, r4 4, r5 3; avglen 25 / 5 = 5.

    @Test func bm25() throws {
        // idf = ln(1 + (5 − 2 + 0.5) / (2 + 0.5)) = ln 2.4 = 0.8754687373539, the same for both terms.
        // w(tf, len) = tf · 2.2 / (tf + 1.2 · (0.25 + 0.75 · len / 5)):
        //   r1: alcohol w(4, 7) = 8.8 / 5.56 = 1.5827338129, court w(2, 7) = 4.4 / 3.56 = 1.2359550562
        //       → 0.8754687373539 × 2.8186888691 = 2.4676739852502
        //   r2: alcohol w(1, 6) = 2.2 / 2.38 = 0.9243697479 → 0.8092568160414
        //   r3: court w(5, 5) = 11 / 6.2 = 1.7741935484 → 1.5532509856279
        let expected = ["r1": 2.4676739852502, "r2": 0.8092568160414, "r3": 1.5532509856279]
        let found = try scores(.standardBM25)
        #expect(Set(found.keys) == Set(expected.keys))
        for (id, value) in expected { #expect(abs(found[id]! - value) < 1e-9, "\(id): \(found[id]!) vs \(value)") }
    }

    // Record norms ‖d‖ = √Σ (1 + ln tf)² over all of a record's terms (lnc), with 1 + ln 2 = 1.6931471806,
    // 1 + ln 3 = 2.0986122887, 1 + ln 4 = 2.3862943611, 1 + ln 5 = 2.6094379124:
    //   r1 {alcohol 4, court 2, treatment 1}: √(5.6943 + 2.8667 + 1) = 3.0921106307748
    //   r2 {babi 3, sleep 2, alcohol 1}:      √(4.4042 + 2.8667 + 1) = 2.8759208808983
    //   r3 {court 5}:                          2.6094379124341
    //   r4 {sleep 3, routin 1}:                √(4.4042 + 1)          = 2.3246878367103
    //   r5 {routin 2, treatment 1}:            √(2.8667 + 1)          = 1.9664046824187
    //   mean ‖d‖ = 12.8685619432 / 5 = 2.5737123886472

    @Test func lncLtc() throws {
        // Query (ltc): both terms weigh ln(5/2); normalised, each is 1/√2 = 0.7071067811865.
        //   r1: (2.3862943611 + 1.6931471806) / 3.0921106307748 × 0.7071067811865 = 0.9328905469508
        //   r2: 1 / 2.8759208808983 × 0.7071067811865                           = 0.2458714305679
        //   r3: 2.6094379124341 / 2.6094379124341 × 0.7071067811865             = 0.7071067811865
        let expected = ["r1": 0.9328905469508, "r2": 0.2458714305679, "r3": 0.7071067811865]
        let found = try scores(.lncLtc)
        #expect(Set(found.keys) == Set(expected.keys))
        for (id, value) in expected { #expect(abs(found[id]! - value) < 1e-9, "\(id): \(found[id]!) vs \(value)") }
    }

    @Test func pivotedNormalisationUsesTheMeanNorm() throws {
        // Only court: the query weight normalises to 1. Pivoted norm with s = 0.2: 0.8 · 2.5737123886472 + 0.2 · ‖d‖.
        //   r3: 2.6094379124341 / (2.0589699109178 + 0.5218875824868) = 1.0110740012196
        //   r1: 1.6931471805599 / (2.0589699109178 + 0.6184221261550) = 0.6323867245124
        // (With the record's own norm instead of the pivoted one, r3 would score 1 and r1 0.5475.)
        let expected = ["r1": 0.6323867245124, "r3": 1.0110740012196]
        let found = try scores(.tfidf(pivotSlope: 0.2), "court")
        #expect(Set(found.keys) == Set(expected.keys))
        for (id, value) in expected { #expect(abs(found[id]! - value) < 1e-9, "\(id): \(found[id]!) vs \(value)") }
    }

    @Test func rankingIsBestFirst() throws {
        let store = try indexedStore()
        let ranked = try store.read { try LexicalScorer(reader: $0, scheme: .standardBM25).score("routine") }
        // r4 and r5 have routine once in a field each; r5 in the title (tf 2) and shorter, so it wins.
        #expect(ranked.map(\.recordId) == ["r5", "r4"])
        #expect(ranked[0].score > ranked[1].score)
    }

    /// Two records with the same text score exactly the same; the one with the smaller id comes first,
    /// even when it was added later and so has the larger document number.
    @Test(arguments: [WeightingScheme.standardBM25, .lncLtc, .tfidf(pivotSlope: 0.2)])
    func tiesAreBrokenByRecordID(scheme: WeightingScheme) throws {
        let store = try EvidenceStore(path: folder.file("ties.sqlite"))
        let shared = (title: "Kinship carers", summary: "Support groups for kinship carers and grandparents.")
        try store.upsert([
            EvidenceRecord(id: "tie-b", title: shared.title, summary: shared.summary),
            EvidenceRecord(
                id: "best-c", title: "Kinship carers", summary: "Kinship carers: kinship care by grandparents."),
            EvidenceRecord(
                id: "weak-d", title: "Respite", summary: "Short breaks for foster carers of disabled children."),
            EvidenceRecord(id: "unrelated-e", title: "Youth justice", summary: "Diversion from court for teenagers."),
        ])
        _ = try IndexBuilder().build(store)
        // Added after the build, so "tie-a" is appended with the largest document number.
        let added = try CorpusWriter(store: store).upsert([
            EvidenceRecord(id: "tie-a", title: shared.title, summary: shared.summary)
        ])
        try #require(added.indexUpdated)
        let documents = try store.read { reader in
            try ["tie-a", "tie-b"].map { try #require(try reader.indexDocument(recordId: $0)).docNumber }
        }
        try #require(
            documents[0] > documents[1], "tie-a must come after tie-b in document order for the tie-break to be tested")

        let ranked = try store.read { try LexicalScorer(reader: $0, scheme: scheme).score("kinship carers") }
        #expect(
            ranked.map(\.recordId) == ["best-c", "tie-a", "tie-b", "weak-d"],
            "\(ranked.map { "\($0.recordId) \($0.score)" })")
        try #require(ranked.count == 4)
        #expect(ranked[1].score == ranked[2].score, "the two identical records tie exactly")
        #expect(ranked[0].score > ranked[1].score && ranked[2].score > ranked[3].score)
        // The bounded top-k path breaks the tie the same way.
        let topTwo = try store.read {
            try LexicalScorer(reader: $0, scheme: scheme).top(terms: Analyzer.standard.terms("kinship carers"), k: 2)
        }
        #expect(topTwo.map(\.recordId) == ["best-c", "tie-a"])
    }

    @Test func explanationAddsUpAndNamesTheTerms() throws {
        let store = try indexedStore()
        let top = try #require(
            try store.read {
                try LexicalScorer(reader: $0, scheme: .standardBM25).score("alcohol court", explain: true)
            }.first)
        #expect(top.recordId == "r1")
        let explanation = try #require(top.explanation)
        // The hand-worked values of bm25(): r1 = 2.4676739852502, of which alcohol 0.8754687373539 × 8.8 / 5.56
        // = 1.3856339727903 and court 0.8754687373539 × 4.4 / 3.56 = 1.0820400124599 (terms in order).
        #expect(abs(top.score - 2.4676739852502) < 1e-9 && abs(explanation.value - 2.4676739852502) < 1e-9)
        let parts = explanation.details.map(\.value)
        #expect(
            parts.count == 2 && abs(parts[0] - 1.3856339727903) < 1e-9 && abs(parts[1] - 1.0820400124599) < 1e-9,
            "\(parts)")
        #expect(abs(parts.reduce(0, +) - top.score) < 1e-9)
        #expect(
            explanation.text.contains("match on 'alcohol'")
                && explanation.text.contains("2 × 1 in the title + 2 in the text"))
    }

    @Test func schemeNamesParse() {
        #expect(WeightingScheme(name: "bm25") == .standardBM25)
        #expect(WeightingScheme(name: "bm25:0.9,0.4") == .bm25(k1: 0.9, b: 0.4))
        #expect(WeightingScheme(name: "lnc.ltc") == .lncLtc)
        #expect(WeightingScheme(name: "pivoted:0.3") == .tfidf(pivotSlope: 0.3))
        #expect(WeightingScheme(name: "cosine?") == nil)
    }
}
