internal import Foundation
public import EvidenceCore
public import Analysis
public import Store
public import Indexing

/// Everything a search needs of one version of the index, read once and shared by every search of that
/// version (tantivy's `Searcher`, lent by an `IndexReader`): the per-record table, the LSA space, the
/// term rows read so far and the document masks of recent filters. Safe to share between threads.
///
/// Loading costs O(N) (the per-record table and the record vectors); a search then costs the postings
/// of its terms, the semantic scans and a few O(N) passes, with no full-table read.
public final class Searcher: @unchecked Sendable {
    /// The `IndexStatus.version` this searcher was loaded from.
    public let version: String
    public let analyzer: Analyzer
    let table: DocumentTable
    /// The stored LSA space, or nil when the index has none.
    public let semantic: SemanticIndex?
    /// The sentence encoder's passage vectors, or nil when none are stored.
    let passages: PassageMatrix?
    private let termRows = TermRowCache()

    /// Masks of the most recent filters, at most `maskCapacity`.
    private static let maskCapacity = 32
    private let lock = NSLock()
    private var masks: [RecordFilter: DocumentMask] = [:]

    init(reader: StoreReader, version: String, analyzer: Analyzer) throws {
        self.version = version
        self.analyzer = analyzer
        table = try DocumentTable.load(reader)
        semantic = try SemanticIndex.load(reader)
        passages = try PassageMatrix.load(reader, docNumbers: table.docNumbers)
    }

    /// How many records the index holds.
    public var documentCount: Int { table.statistics.documentCount }

    /// How many passages the sentence encoder's vectors cover (0 when none are stored).
    public var passageCount: Int { passages?.documents.count ?? 0 }

    /// A scorer for one search in `reader`'s snapshot (which must see this searcher's version). The LSA
    /// side uses the stored space, whatever rank `configuration` names. O(1).
    public func scorer(
        _ reader: StoreReader, configuration: RankingConfiguration = RankingConfiguration()
    ) -> HybridScorer {
        let lexical = LexicalScorer(
            reader: reader, table: table, termRows: termRows, scheme: configuration.scheme, analyzer: analyzer)
        return HybridScorer(lexical: lexical, semantic: semantic, passages: passages, configuration: configuration)
    }

    /// The documents `filter` allows, or nil when it allows every record. One SQL query the first time a
    /// filter is seen in this version (O(matching records)), O(1) after.
    public func mask(for filter: RecordFilter, reader: StoreReader) throws -> DocumentMask? {
        guard filter != RecordFilter() else { return nil }
        lock.lock()
        let cached = masks[filter]
        lock.unlock()
        if let cached { return cached }
        let mask = DocumentMask(allowing: try reader.indexedDocNumbers(matching: filter), slots: table.recordIds.count)
        lock.lock()
        defer { lock.unlock() }
        if masks.count >= Self.maskCapacity { masks.removeAll(keepingCapacity: true) }
        masks[filter] = mask
        return mask
    }

    /// Those of `terms` that occur in the index (each term row read once per version). O(terms).
    public func knownTerms(_ terms: [String], reader: StoreReader) throws -> Set<String> {
        Set(try termRows.rows(Array(Set(terms)), reader: reader).map(\.term))
    }

    /// The record id of a document number ("" for a number no longer in use or out of range).
    public func recordId(ofDocument docNumber: Int) -> String {
        table.recordIds.indices.contains(docNumber) ? table.recordIds[docNumber] : ""
    }

    /// Document number of a record id, if it is indexed.
    public func docNumber(of recordId: String) -> Int? { table.docNumbers[recordId] }
}
