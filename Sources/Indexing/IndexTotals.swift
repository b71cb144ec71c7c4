internal import EvidenceCore
internal import Store

/// Collection totals kept in `indexMeta`, updated exactly on every add and remove.
public struct IndexTotals: Sendable {
    public internal(set) var documents = 0
    public internal(set) var titleLength = 0
    public internal(set) var bodyLength = 0
    public internal(set) var norm = 0.0
    /// Sum (mod 2⁶⁴) of the indexed records' content hashes.
    var checksum: UInt64 = 0

    init() {}

    public init(meta: [String: String]) {
        documents = Int(meta[IndexFormat.MetaKey.documentCount] ?? "") ?? 0
        titleLength = Int(meta[IndexFormat.MetaKey.totalTitleLength] ?? "") ?? 0
        bodyLength = Int(meta[IndexFormat.MetaKey.totalBodyLength] ?? "") ?? 0
        norm = Double(meta[IndexFormat.MetaKey.totalNorm] ?? "") ?? 0
        checksum = UInt64(meta[IndexFormat.MetaKey.corpusChecksum] ?? "", radix: 16) ?? 0
    }

    mutating func add(_ row: IndexDocumentRow, record: EvidenceRecord) {
        add(row, contentHash: record.contentHash)
    }

    mutating func add(_ row: IndexDocumentRow, contentHash: UInt64) {
        documents += 1
        titleLength += row.titleLength
        bodyLength += row.bodyLength
        norm += row.norm
        checksum = checksum &+ contentHash
    }

    mutating func remove(_ row: IndexDocumentRow, record: EvidenceRecord) {
        documents -= 1
        titleLength -= row.titleLength
        bodyLength -= row.bodyLength
        norm -= row.norm
        checksum = checksum &- record.contentHash
    }

    var meta: [String: String] {
        [
            IndexFormat.MetaKey.documentCount: String(documents),
            IndexFormat.MetaKey.totalTitleLength: String(titleLength),
            IndexFormat.MetaKey.totalBodyLength: String(bodyLength),
            IndexFormat.MetaKey.totalNorm: String(norm),
            IndexFormat.MetaKey.corpusChecksum: String(checksum, radix: 16),
        ]
    }
}
