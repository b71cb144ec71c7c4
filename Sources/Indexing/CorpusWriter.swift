public import EvidenceCore
public import Store
public import Analysis
public import Embedding

/// The one way to change the records from outside this package: each change and the index update that
/// keeps the index in step land in one transaction, so no caller can leave a current index behind its
/// records. An index that was already missing or stale is left to the next `evidence index build` (and
/// `indexUpdated` says so). With an encoder, the passages of added and changed records are encoded right
/// after, so an incremental import matches by meaning as a rebuild would.
public struct CorpusWriter: Sendable {
    public let store: EvidenceStore
    public let analyzer: Analyzer
    public let encoder: SentenceEncoder?

    public init(store: EvidenceStore, analyzer: Analyzer = .standard, encoder: SentenceEncoder? = nil) {
        self.store = store
        self.analyzer = analyzer
        self.encoder = encoder
    }

    /// What a write did.
    public struct Outcome: Sendable {
        public var changes: StoreTransaction.RecordChanges
        /// False when the index was not current before the write, so it still needs a build.
        public var indexUpdated: Bool
    }

    /// Inserts new records and replaces changed ones (matched by id); `progress(done, total)` while writing.
    /// Complexity: O(total record size + the postings of the changed records' terms).
    public func upsert(_ records: [EvidenceRecord], progress: ((Int, Int) -> Void)? = nil) throws -> Outcome {
        try write { try $0.upsert(records, progress: progress) }
    }

    /// Removes the records with these ids; ids with no record are ignored (see `changes.removed`).
    public func remove(ids: [String]) throws -> Outcome {
        try write { try $0.remove(ids: ids) }
    }

    private func write(
        _ change: @escaping (StoreTransaction) throws -> StoreTransaction.RecordChanges
    ) throws -> Outcome {
        let updater = IndexUpdater(analyzer: analyzer)
        let result = try store.write { transaction in try updater.write(transaction, change) }
        if let encoder, result.indexUpdated, !result.changes.isEmpty {
            try PassageVectors(encoder: encoder).refresh(store)
        }
        return Outcome(changes: result.changes, indexUpdated: result.indexUpdated)
    }
}
