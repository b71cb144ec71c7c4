public import Store
public import Analysis

/// What the index tables hold and whether they can be used with this analyzer and these records.
public struct IndexStatus: Sendable {
    public enum State: Sendable, Equatable {
        case missing, current, builtByAnotherAnalyzer, stale
    }

    public var state: State
    public var documentCount: Int
    public var builtAt: String
    public var updatedAt: String
    public var analyzerFingerprint: String
    /// The problem, when `state` is not `current`.
    public var problem: IndexError?
    /// Identifies one version of the index: it changes with every build, every update and every change
    /// to the records, so whatever was read for one version can be kept until this changes.
    public var version: String

    /// The fingerprint an index must carry: analysis chain and index format together.
    public static func expectedFingerprint(_ analyzer: Analyzer) -> String {
        "\(IndexFormat.version)/\(analyzer.fingerprint)"
    }

    /// Reads the status from `reader`'s snapshot. O(1): reads the metadata table and the corpus version
    /// and compares fingerprints and change counters.
    public static func read(_ reader: StoreReader, analyzer: Analyzer) throws -> IndexStatus {
        let meta = try reader.indexMeta()
        let expected = expectedFingerprint(analyzer)
        var status = IndexStatus(
            state: .current, documentCount: Int(meta[IndexFormat.MetaKey.documentCount] ?? "") ?? 0,
            builtAt: meta[IndexFormat.MetaKey.builtAt] ?? "", updatedAt: meta[IndexFormat.MetaKey.updatedAt] ?? "",
            analyzerFingerprint: meta[IndexFormat.MetaKey.analyzerFingerprint] ?? "", problem: nil,
            version: [
                IndexFormat.MetaKey.builtAt, IndexFormat.MetaKey.updatedAt, IndexFormat.MetaKey.corpusVersion,
                IndexFormat.MetaKey.semanticRank,
            ]
            .map { meta[$0] ?? "" }.joined(separator: "|"))
        guard let found = meta[IndexFormat.MetaKey.analyzerFingerprint] else {
            status.state = .missing
            status.problem = .missing
            return status
        }
        if found != expected {
            status.state = .builtByAnotherAnalyzer
            status.problem = .builtByAnotherAnalyzer(found: found, expected: expected)
            return status
        }
        let indexed = Int(meta[IndexFormat.MetaKey.corpusVersion] ?? "") ?? -1
        let current = try reader.corpusVersion()
        if indexed != current {
            status.state = .stale
            status.problem = .stale(indexedVersion: indexed, corpusVersion: current)
        }
        return status
    }
}
