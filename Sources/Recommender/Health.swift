/// Whether the engine can answer searches: `GET /api/health` and `evidence serve`'s start-up check.
public struct Health: Sendable, Encodable {
    /// "ok", or "index not ready".
    public var status: String
    public var records: Int
    public var index: Index

    public struct Index: Sendable, Encodable {
        /// "current", "missing", "stale" or "builtByAnotherAnalyzer".
        public var state: String
        public var documents: Int
        public var builtAt: String
        public var updatedAt: String
        /// What is wrong and how to fix it, when the index is not current.
        public var problem: String?
    }

    public var isReady: Bool { status == "ok" }
}
