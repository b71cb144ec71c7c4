internal import Foundation
public import Analysis
public import Store

/// Keeps what every search reads whole (the per-record table and the semantic space) from one search
/// to the next, for as long as the index they came from is unchanged: a server answers a search with a
/// few term look-ups instead of reading every record's row and vector again. The key is the index's
/// build and update stamps and the corpus version, so any import, removal or rebuild is seen at once.
public final class ScorerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var key: [String] = []
    private var documents: DocumentTable?
    private var semantic: SemanticIndex?

    public init() {}

    /// A scorer over `reader`'s snapshot, reusing what was read for the same index version.
    public func scorer(_ reader: StoreReader, configuration: RankingConfiguration, analyzer: Analyzer = .standard) throws -> HybridScorer {
        let meta = try reader.indexMeta()
        let current = [IndexFormat.MetaKey.builtAt, IndexFormat.MetaKey.updatedAt, IndexFormat.MetaKey.corpusVersion, IndexFormat.MetaKey.semanticRank]
            .map { meta[$0] ?? "" }
        lock.lock()
        let hit = current == key ? (documents, semantic) : (nil, nil)
        lock.unlock()
        let scorer = try HybridScorer(reader: reader, configuration: configuration, analyzer: analyzer, documents: hit.0, semantic: hit.1)
        if hit.0 == nil {
            lock.lock()
            key = current
            documents = try DocumentTable.load(reader)
            semantic = scorer.semantic
            lock.unlock()
        }
        return scorer
    }
}
