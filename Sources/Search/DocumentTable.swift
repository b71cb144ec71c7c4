internal import Foundation
internal import Store
internal import Indexing

/// What a lexical scorer needs of every record, indexed by document number (slot 0 unused): its id,
/// combined length and norm, and the collection statistics. Read once per index version.
struct DocumentTable: Sendable {
    let recordIds: [String]
    /// Slots with no record ("" in `recordIds`), ascending: slot 0 and numbers no longer in use.
    let vacantSlots: [Int]
    let lengths: [Int]
    let norms: [Double]
    let docNumbers: [String: Int]
    let statistics: CollectionStatistics
    private let normaliserCache = NormaliserCache()

    /// Each record's `scheme.documentNormaliser`, computed once per scheme for this table. O(N) the first time.
    func normalisers(for scheme: WeightingScheme) -> [Double] {
        normaliserCache.values(for: scheme) {
            zip(lengths, norms).map { scheme.documentNormaliser(length: $0, norm: $1, statistics: statistics) }
        }
    }

    static func load(_ reader: StoreReader) throws -> DocumentTable {
        let documents = try reader.indexDocuments()
        let size = (documents.last?.docNumber ?? 0) + 1
        var ids = [String](repeating: "", count: size), lengths = [Int](repeating: 0, count: size),
            norms = [Double](repeating: 0, count: size)
        for row in documents {
            ids[row.docNumber] = row.recordId
            lengths[row.docNumber] = IndexFormat.combinedLength(title: row.titleLength, body: row.bodyLength)
            norms[row.docNumber] = row.norm
        }
        let totals = IndexTotals(meta: try reader.indexMeta())
        let count = max(totals.documents, 1)
        return DocumentTable(
            recordIds: ids, vacantSlots: ids.indices.filter { ids[$0].isEmpty }, lengths: lengths, norms: norms,
            docNumbers: Dictionary(uniqueKeysWithValues: documents.map { ($0.recordId, $0.docNumber) }),
            statistics: CollectionStatistics(
                documentCount: totals.documents,
                averageLength: Double(IndexFormat.combinedLength(title: totals.titleLength, body: totals.bodyLength))
                    / Double(count),
                averageNorm: totals.norm / Double(count)))
    }
}

/// The per-record normalisers of one `DocumentTable`, by scheme, shared by every scorer made from it.
private final class NormaliserCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [WeightingScheme: [Double]] = [:]

    func values(for scheme: WeightingScheme, compute: () -> [Double]) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        if let cached = values[scheme] { return cached }
        let computed = compute()
        values[scheme] = computed
        return computed
    }
}
