internal import Foundation
public import Analysis
public import Store
internal import Indexing

/// Lends a `Searcher` for the index version a snapshot sees, loading each version once (tantivy's
/// `IndexReader`). The version is `IndexStatus.version`: any build, update or change to the records
/// gives a new one, so a search never uses parts read from another version.
///
/// Keeps the two most recent versions, so that searches still reading the old snapshot during a rebuild
/// and searches on the new one do not evict each other. The lock is released on every path, a storage
/// error while loading included, so one failed load can never leave later searches waiting.
public final class IndexReader: @unchecked Sendable {
    public let analyzer: Analyzer
    private let lock = NSLock()
    /// Most recent first.
    private var searchers: [Searcher] = []

    public init(analyzer: Analyzer = .standard) {
        self.analyzer = analyzer
    }

    /// The searcher for the version `reader` sees. Throws `IndexError` when the index is missing, stale or
    /// built by another analyzer. O(1) for a version already loaded (two small metadata reads); O(N) once
    /// per new version.
    public func searcher(_ reader: StoreReader) throws -> Searcher {
        let status = try IndexStatus.read(reader, analyzer: analyzer)
        if let problem = status.problem { throw problem }
        lock.lock()
        defer { lock.unlock() }
        if let loaded = searchers.first(where: { $0.version == status.version }) { return loaded }
        let loaded = try Searcher(reader: reader, version: status.version, analyzer: analyzer)
        searchers = [loaded] + searchers.prefix(1)
        return loaded
    }
}
