public import EvidenceCore
public import Store
internal import Ingest
internal import Indexing

/// Databases for tests.
public enum TestStores {
    public struct CorpusUnreadable: Error {}

    /// A store at `path` holding the bundled corpus and `extra` records, with its index built.
    public static func indexedCorpus(at path: String, adding extra: [EvidenceRecord] = []) throws -> EvidenceStore {
        let loaded = EvidenceLoader().load(paths: [Repository.evidenceFolder])
        guard !loaded.hasErrors else { throw CorpusUnreadable() }
        let store = try EvidenceStore(path: path)
        _ = try CorpusWriter(store: store).upsert(loaded.records + extra)
        _ = try IndexBuilder().build(store)
        return store
    }
}
