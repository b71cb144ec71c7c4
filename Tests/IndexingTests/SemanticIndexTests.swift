import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Ingest
import Store
@testable import Indexing
@testable import Search

/// The stored LSA space on the bundled corpus: related evidence, fold-in of new records, fused ranking.
@Suite struct SemanticIndexTests {
    let folder = TemporaryDirectory()

    func corpusStore() throws -> EvidenceStore { try TestStores.indexedCorpus(at: folder.file("corpus.sqlite")) }

    func related(_ store: EvidenceStore, _ id: String) throws -> [String] {
        try store.read { reader in
            let documents = Dictionary(
                uniqueKeysWithValues: try reader.indexDocuments().map { ($0.docNumber, $0.recordId) })
            guard let doc = try reader.indexDocument(recordId: id) else { return [] }
            return try reader.related(docNumber: doc.docNumber).compactMap { documents[$0.docNumber] }
        }
    }

    @Test func everyRecordHasAUnitVectorAndItsNearestRecords() throws {
        let store = try corpusStore()
        let semantic = try #require(try store.read { try SemanticIndex.load($0) })
        let count = try store.count()
        #expect(semantic.space.documentVectors.rows == count)
        for row in 0..<count {
            let length = semantic.space.documentVectors.row(row).reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(length - 1) < 1e-3 || length == 0)
        }
        let nearest = try related(store, "fdac-london-evaluation-2011")
        #expect(nearest.count == SemanticIndex.relatedCount)
        #expect(!nearest.contains("fdac-london-evaluation-2011"))
        #expect(nearest.contains("fdac-london-5yr-followup-2016"))
    }

    @Test func importedRecordsAreFoldedIn() throws {
        let store = try corpusStore()
        let newcomer = EvidenceRecord(
            id: "fdac-newcomer", title: "Family drug and alcohol court: a further evaluation",
            kind: .impactStudy,
            summary:
                "Parents in care proceedings with drug and alcohol misuse; reunification and cessation of misuse in a problem-solving court."
        )
        let added = try store.write { try IndexUpdater().write($0) { try $0.upsert([newcomer]) } }
        #expect(added.indexUpdated)
        let nearest = try related(store, "fdac-newcomer")
        #expect(nearest.contains { $0.hasPrefix("fdac-") })
    }

    @Test func removedRecordsLeaveNoTrace() throws {
        let store = try corpusStore()
        try #require(
            try related(store, "fdac-london-evaluation-2011").contains("fdac-london-5yr-followup-2016"),
            "the follow-up must be related before it is removed")
        let removed = try store.write {
            try IndexUpdater().write($0) { try $0.remove(ids: ["fdac-london-5yr-followup-2016"]) }
        }
        #expect(removed.indexUpdated)
        #expect(!(try related(store, "fdac-london-evaluation-2011")).contains("fdac-london-5yr-followup-2016"))
        #expect(try store.read { try $0.indexDocument(recordId: "fdac-london-5yr-followup-2016") } == nil)
        #expect(try IndexChecker().check(store).problems.isEmpty)
    }

    @Test func fusedRankingFindsRecordsThatShareNoWordWithTheQuery() throws {
        let store = try corpusStore()
        try store.read { reader in
            let fused = try HybridScorer(reader: reader, configuration: RankingConfiguration())
            let results = try fused.rank("mum drinks most nights and the baby is in proceedings", k: 10)
            #expect(results.count == 10)
            #expect(results.map(\.score) == results.map(\.score).sorted(by: >))
            // The lexical side alone cannot rank records without a query word; the fused ranking scores every record.
            #expect(try fused.rank("mum drinks most nights", k: 1000).count == (try reader.recordCount()))
            let explained = try #require(
                try fused.rank("drug and alcohol court for parents", k: 3, explain: true).first?.explanation)
            #expect(
                explained.text.contains("z_lexical") && explained.text.contains("z_semantic")
                    && explained.text.contains("match on 'alcohol'"))
            #expect(abs(explained.details[0].value * 0.8 + explained.details[1].value * 0.2 - explained.value) < 1e-9)
        }
    }
}
