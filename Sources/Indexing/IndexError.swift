public import Store

/// Why the index cannot be used or built, in plain words that say what to do.
public enum IndexError: Error, CustomStringConvertible, Sendable {
    /// No index has been built yet.
    case missing
    /// The index was built by a different analysis chain or index format.
    case builtByAnotherAnalyzer(found: String, expected: String)
    /// Records changed after the index was last brought up to date (by an older version, for example).
    case stale(indexedVersion: Int, corpusVersion: Int)
    /// The index tables are damaged.
    case damaged(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .missing:
            "there is no search index yet; build it with 'evidence index build'"
        case let .builtByAnotherAnalyzer(found, expected):
            "the search index was built by a different version of the text analysis (fingerprint \(found), this version uses \(expected)); rebuild it with 'evidence index build'"
        case let .stale(indexed, current):
            "the records have changed since the search index was last updated (index reflects change \(indexed), the records are at change \(current)); rebuild it with 'evidence index build'"
        case .damaged(let detail):
            "the search index is damaged (\(detail)); rebuild it with 'evidence index build'"
        case .store(let error):
            error.description
        }
    }
}
