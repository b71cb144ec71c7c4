internal import Foundation
internal import EvidenceCore
public import Analysis
public import Store

/// Builds the whole lexical index from the records and swaps it in atomically.
///
/// Everything happens in one write transaction: read the records, analyse them (on all cores), build
/// every term's postings in memory, replace the index tables, compute and store the semantic space and
/// each record's nearest records (`SemanticIndex`), commit. Readers keep answering from the
/// old index until the commit (WAL snapshots); a process killed before the commit leaves the old index
/// as it was. Complexity: O(total text) for analysis plus O(postings) to write.
public struct IndexBuilder: Sendable {
    public let analyzer: Analyzer
    /// Dimensions of the LSA space built with the index.
    public var semanticRank = SemanticIndex.defaultRank
    /// Whether to build the semantic space (and related records) too; the benchmarks time it apart.
    public var includesSemantic = true

    public init(analyzer: Analyzer = .standard) { self.analyzer = analyzer }

    public struct Report: Sendable {
        public var documents: Int
        public var terms: Int
        public var postings: Int
        public var seconds: Double
    }

    /// The stages a build reports through `progress`.
    public enum Stage: String, Sendable {
        case analysing = "Analysing", writing = "Writing", semantic = "Computing the semantic space for"
    }

    public func build(_ store: EvidenceStore, progress: (@Sendable (Stage, Int, Int) -> Void)? = nil) throws -> Report {
        let started = Date()
        return try store.write("rebuild the index in") { transaction in
            let records = try transaction.reader.records()
            let corpusVersion = try transaction.reader.corpusVersion()
            let chunks = analyse(records) { progress?(.analysing, $0, records.count) }

            var postings = PostingsAccumulator()
            var totals = IndexTotals()
            try transaction.clearIndex()
            for chunk in chunks {
                postings.append(chunk.postings)
                for row in chunk.rows {
                    try transaction.putIndexDocument(row)
                    totals.add(row, contentHash: chunk.contentHashes[row.docNumber - chunk.firstDocNumber])
                }
            }
            // Inserting in term order appends to the B-tree instead of splitting pages all over it.
            let terms = postings.lists.keys.sorted()
            var postingCount = 0
            for (written, term) in terms.enumerated() {
                let list = postings.lists[term]!
                try transaction.putIndexTerm(
                    IndexTermRow(
                        term: term, documentFrequency: list.documentFrequency,
                        collectionFrequency: list.collectionFrequency, postings: list.bytes))
                postingCount += list.documentFrequency
                if written % 1024 == 1023 || written == terms.count - 1 {
                    progress?(.writing, written + 1, terms.count)
                }
            }
            if includesSemantic {
                progress?(.semantic, 0, 1)
                try SemanticIndex.compute(transaction.reader, rank: semanticRank).write(to: transaction)
                progress?(.semantic, 1, 1)
            }

            let now = ISO8601DateFormatter().string(from: Date())
            var meta = totals.meta
            if includesSemantic { meta[IndexFormat.MetaKey.semanticRank] = String(semanticRank) }
            meta[IndexFormat.MetaKey.format] = IndexFormat.version
            meta[IndexFormat.MetaKey.analyzerFingerprint] = IndexStatus.expectedFingerprint(analyzer)
            meta[IndexFormat.MetaKey.corpusVersion] = String(corpusVersion)
            meta[IndexFormat.MetaKey.builtAt] = now
            meta[IndexFormat.MetaKey.updatedAt] = now
            try transaction.setIndexMeta(meta)
            return Report(
                documents: records.count, terms: terms.count, postings: postingCount,
                seconds: Date().timeIntervalSince(started))
        }
    }

    /// What one thread makes of a run of consecutive records: their rows and their postings.
    struct Chunk {
        var firstDocNumber = 1
        var rows: [IndexDocumentRow] = []
        var contentHashes: [UInt64] = []
        var postings = PostingsAccumulator()
    }

    /// Analyses records on every core, 256 at a time, each thread with its own `TermCache`; record i
    /// becomes document i + 1. The chunks come back in the records' order.
    func analyse(_ records: [EvidenceRecord], progress: @Sendable (Int) -> Void) -> [Chunk] {
        let size = 256
        let count = (records.count + size - 1) / size
        let done = Counter()
        let analyzer = self.analyzer
        return Parallel.map(count) { index in
            let range = (index * size)..<min(records.count, (index + 1) * size)
            var cache = TermCache()
            var chunk = Chunk(firstDocNumber: range.lowerBound + 1)
            for position in range {
                let record = records[position], docNumber = position + 1
                let terms = DocumentTerms(record, analyzer: analyzer, cache: &cache)
                for (term, fields) in terms.counts {
                    chunk.postings.add(
                        term, Posting(docNumber: docNumber, titleFrequency: fields.title, bodyFrequency: fields.body))
                }
                chunk.rows.append(terms.documentRow(docNumber: docNumber, recordId: record.id))
                chunk.contentHashes.append(record.contentHash)
            }
            progress(done.add(range.count))
            return chunk
        }
    }
}

/// Per-chunk results written from several threads, each slot by exactly one, read after all finish.
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
