internal import Foundation
internal import EvidenceCore
public import Analysis
public import Store

/// Builds the whole lexical index from the records and swaps it in atomically.
///
/// Everything happens in one write transaction: read the records, analyse them (on all cores), build
/// every term's postings in memory, replace the index tables, commit. Readers keep answering from the
/// old index until the commit (WAL snapshots); a process killed before the commit leaves the old index
/// as it was. Complexity: O(total text) for analysis plus O(postings) to write.
public struct IndexBuilder: Sendable {
    public let analyzer: Analyzer

    public init(analyzer: Analyzer = .standard) { self.analyzer = analyzer }

    public struct Report: Sendable {
        public var documents: Int
        public var terms: Int
        public var postings: Int
        public var seconds: Double
    }

    /// The stages a build reports through `progress`.
    public enum Stage: String, Sendable {
        case analysing = "Analysing", writing = "Writing"
    }

    public func build(_ store: EvidenceStore, progress: (@Sendable (Stage, Int, Int) -> Void)? = nil) throws -> Report {
        let started = Date()
        return try store.write("rebuild the index in") { transaction in
            let records = try transaction.reader.records()
            let corpusVersion = try transaction.reader.corpusVersion()
            let documents = analyse(records) { progress?(.analysing, $0, records.count) }

            var postings: [String: [Posting]] = [:]
            var rows: [IndexDocumentRow] = []
            rows.reserveCapacity(records.count)
            var totals = IndexTotals()
            for (index, (record, terms)) in zip(records, documents).enumerated() {
                let docNumber = index + 1
                for term in terms.terms { postings[term, default: []].append(terms.posting(term, docNumber: docNumber)) }
                let row = terms.documentRow(docNumber: docNumber, recordId: record.id)
                rows.append(row)
                totals.add(row, record: record)
            }

            try transaction.clearIndex()
            for row in rows { try transaction.putIndexDocument(row) }
            var written = 0
            var postingCount = 0
            for (term, list) in postings {
                let frequency = list.reduce(0) { $0 + IndexFormat.combinedFrequency(title: $1.titleFrequency, body: $1.bodyFrequency) }
                try transaction.putIndexTerm(IndexTermRow(term: term, documentFrequency: list.count, collectionFrequency: frequency, postings: PostingsCodec.encode(list)))
                written += 1
                postingCount += list.count
                if written % 1024 == 0 || written == postings.count { progress?(.writing, written, postings.count) }
            }
            let now = ISO8601DateFormatter().string(from: Date())
            var meta = totals.meta
            meta[IndexFormat.MetaKey.format] = IndexFormat.version
            meta[IndexFormat.MetaKey.analyzerFingerprint] = IndexStatus.expectedFingerprint(analyzer)
            meta[IndexFormat.MetaKey.corpusVersion] = String(corpusVersion)
            meta[IndexFormat.MetaKey.builtAt] = now
            meta[IndexFormat.MetaKey.updatedAt] = now
            try transaction.setIndexMeta(meta)
            return Report(documents: rows.count, terms: postings.count, postings: postingCount, seconds: Date().timeIntervalSince(started))
        }
    }

    /// Analyses records on every core, in chunks; results keep the records' order.
    func analyse(_ records: [EvidenceRecord], progress: @Sendable (Int) -> Void) -> [DocumentTerms] {
        let chunk = 256
        let chunks = (records.count + chunk - 1) / chunk
        let results = ChunkResults(count: chunks)
        let done = Counter()
        let analyzer = self.analyzer
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(records.count, (index + 1) * chunk)
            results.set(index, records[range].map { DocumentTerms($0, analyzer: analyzer) })
            progress(done.add(range.count))
        }
        return results.joined()
    }
}

/// Collection totals kept in `indexMeta`, updated exactly on every add and remove.
struct IndexTotals {
    var documents = 0
    var titleLength = 0
    var bodyLength = 0
    var norm = 0.0
    /// Sum (mod 2⁶⁴) of the indexed records' content hashes.
    var checksum: UInt64 = 0

    init() {}

    init(meta: [String: String]) {
        documents = Int(meta[IndexFormat.MetaKey.documentCount] ?? "") ?? 0
        titleLength = Int(meta[IndexFormat.MetaKey.totalTitleLength] ?? "") ?? 0
        bodyLength = Int(meta[IndexFormat.MetaKey.totalBodyLength] ?? "") ?? 0
        norm = Double(meta[IndexFormat.MetaKey.totalNorm] ?? "") ?? 0
        checksum = UInt64(meta[IndexFormat.MetaKey.corpusChecksum] ?? "", radix: 16) ?? 0
    }

    mutating func add(_ row: IndexDocumentRow, record: EvidenceRecord) {
        documents += 1
        titleLength += row.titleLength
        bodyLength += row.bodyLength
        norm += row.norm
        checksum = checksum &+ record.contentHash
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

/// Per-chunk results written from several threads, each slot by exactly one, read after all finish.
private final class ChunkResults: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<[DocumentTerms]>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: [], count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ index: Int, _ value: [DocumentTerms]) { slots[index] = value }
    func joined() -> [DocumentTerms] { (0..<count).flatMap { slots[$0] } }
}

private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += amount
        return value
    }
}
