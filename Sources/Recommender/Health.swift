/// Whether the engine can answer searches: `GET /api/health` and `evidence serve`'s start-up check.
public struct Health: Sendable, Encodable {
    /// "ok", or "index not ready".
    public var status: String
    public var records: Int
    public var index: Index
    /// Whether case descriptions are also matched by meaning (the sentence encoder).
    public var encoder: Encoder

    public struct Index: Sendable, Encodable {
        /// "current", "missing", "stale" or "builtByAnotherAnalyzer".
        public var state: String
        public var documents: Int
        public var builtAt: String
        public var updatedAt: String
        /// What is wrong and how to fix it, when the index is not current.
        public var problem: String?
    }

    public struct Encoder: Sendable, Encodable {
        /// Where the model is, or why it cannot be used.
        public var status: String
        /// Passages with vectors in the index; 0 means searches match by words and LSA only.
        public var passages: Int
    }

    public var isReady: Bool { status == "ok" }
}
