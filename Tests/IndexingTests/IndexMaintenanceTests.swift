import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Analysis
import Store
@testable import Indexing
@testable import Search

/// Incremental updates, staleness, the checker and the codec.
@Suite struct IndexMaintenanceTests {
    let folder = TemporaryDirectory()

    static let queries = ["bada kobi", "tune", "lupo dema zive", "kaba", "solo ruvi mipa tesa"]

    /// Scores of every query under every scheme, by record id.
    static func allScores(_ store: EvidenceStore) throws -> [String: Double] {
        try store.read { reader in
            var result: [String: Double] = [:]
            for scheme in [WeightingScheme.standardBM25, .lncLtc, .tfidf(pivotSlope: 0.2)] {
                let scorer = try LexicalScorer(reader: reader, scheme: scheme)
                for query in queries {
                    for scored in try scorer.score(query) {
                        result["\(scheme.name)|\(query)|\(scored.recordId)"] = scored.score
                    }
                }
            }
            return result
        }
    }

    func apply(
        _ store: EvidenceStore, _ change: @escaping (StoreTransaction) throws -> StoreTransaction.RecordChanges
    ) throws {
        let result = try store.write { try IndexUpdater().write($0, change) }
        #expect(result.indexUpdated)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomAddsRemovesAndUpdatesEqualAFullRebuild(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let vocabulary =
            ["bada", "kobi", "tune", "lupo", "dema", "zive", "kaba", "solo", "ruvi", "mipa", "tesa"]
            + SyntheticRecords.vocabulary(size: 300, generator: &generator)
        let pool = SyntheticRecords.records(
            count: 120, wordsPerRecord: 5...40, vocabulary: vocabulary, generator: &generator)
        let store = try EvidenceStore(path: folder.file("incremental.sqlite"))
        try store.upsert(Array(pool.prefix(30)))
        _ = try IndexBuilder().build(store)

        for step in 0..<12 {
            let present = try store.records().map(\.id)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                let batch = pool.shuffled(using: &generator).prefix(Int.random(in: 1...10, using: &generator))
                try apply(store) { try $0.upsert(Array(batch)) }
            case 1:
                let victims = present.shuffled(using: &generator).prefix(Int.random(in: 1...6, using: &generator))
                try apply(store) { try $0.remove(ids: Array(victims)) }
            default:
                let id = try #require(present.randomElement(using: &generator))
                var changed = try #require(try store.record(id: id))
                changed.summary +=
                    " "
                    + (0..<5).map { _ in SyntheticRecords.word(from: vocabulary, generator: &generator) }.joined(
                        separator: " ")
                try apply(store) { try $0.upsert([changed]) }
            }

            let check = try IndexChecker().check(store)
            #expect(check.problems.isEmpty, "step \(step): \(check.problems)")
            let fresh = try EvidenceStore(path: folder.file("fresh-\(step).sqlite"))
            try fresh.upsert(try store.records())
            _ = try IndexBuilder().build(fresh)
            let incremental = try Self.allScores(store), rebuilt = try Self.allScores(fresh)
            #expect(Set(incremental.keys) == Set(rebuilt.keys), "step \(step): different matches")
            for (key, value) in rebuilt {
                #expect(abs((incremental[key] ?? .nan) - value) <= 1e-9 * max(1, abs(value)), "step \(step) \(key)")
            }
        }
    }

    @Test func recordsChangedBehindTheIndexAreDetected() throws {
        let store = try EvidenceStore(path: folder.file("stale.sqlite"))
        try store.upsert([SampleRecords.minimal])
        _ = try IndexBuilder().build(store)
        try store.upsert([SampleRecords.full])  // a write that does not update the index
        #expect {
            try store.read { _ = try LexicalScorer(reader: $0) }
        } throws: { error in
            guard case IndexError.stale = error else { return false }
            return (error as! IndexError).description.contains("evidence index build")
        }
        _ = try IndexBuilder().build(store)
        #expect(
            Set(try store.read { try LexicalScorer(reader: $0).score("title") }.map(\.recordId)) == [
                "minimal-1", SampleRecords.full.id,
            ])
    }

    @Test func anIndexBuiltByAnotherAnalyzerIsRefused() throws {
        let store = try EvidenceStore(path: folder.file("other.sqlite"))
        try store.upsert([SampleRecords.minimal])
        _ = try IndexBuilder().build(store)
        try store.write { try $0.setIndexMeta([IndexFormat.MetaKey.analyzerFingerprint: "lexical-0/0000000000000000"]) }
        #expect {
            try store.read { _ = try LexicalScorer(reader: $0) }
        } throws: { error in
            guard case IndexError.builtByAnotherAnalyzer = error else { return false }
            return true
        }
        // Writes still succeed, and leave the index unusable rather than half-updated.
        let result = try store.write { try IndexUpdater().write($0) { try $0.remove(ids: ["minimal-1"]) } }
        #expect(!result.indexUpdated)
        #expect(try store.read { try IndexStatus.read($0, analyzer: .standard) }.state == .missing)
    }

    @Test func noIndexMeansAClearMessage() throws {
        let store = try EvidenceStore(path: folder.file("none.sqlite"))
        #expect(throws: IndexError.self) { try store.read { _ = try LexicalScorer(reader: $0) } }
        #expect(IndexError.missing.description.contains("evidence index build"))
    }

    @Test func checkerFindsTamperedCounts() throws {
        let store = try EvidenceStore(path: folder.file("tamper.sqlite"))
        try store.upsert(SampleRecords.all)
        _ = try IndexBuilder().build(store)
        #expect(try IndexChecker().check(store).problems.isEmpty)
        let row = try #require(try store.read { try $0.indexTerms(["titl"]) }.first)
        try store.write {
            try $0.putIndexTerm(
                IndexTermRow(
                    term: row.term, documentFrequency: row.documentFrequency + 1,
                    collectionFrequency: row.collectionFrequency, postings: row.postings))
        }
        let problems = try IndexChecker().check(store).problems
        #expect(problems.contains { $0.contains("'titl': document frequency") })
    }

    @Test func postingsRoundTripAndRefuseDamage() throws {
        let postings = [
            Posting(docNumber: 1, titleFrequency: 0, bodyFrequency: 3),
            Posting(docNumber: 200, titleFrequency: 1, bodyFrequency: 0),
            Posting(docNumber: 1_000_000, titleFrequency: 300, bodyFrequency: 70_000),
        ]
        let bytes = PostingsCodec.encode(postings)
        #expect(try PostingsCodec.decode(bytes) == postings)
        #expect(bytes.count == 3 + 4 + 8)
        #expect(throws: PostingsCodec.DecodingError.truncated) { try PostingsCodec.decode(Array(bytes.dropLast())) }
    }
}
