internal import Foundation
internal import GRDB
public import EvidenceCore

/// The evidence database: the only code that talks to SQLite (through GRDB).
///
/// One row per record in `record`, with its lists in child tables (`recordAuthor`, `recordTopic`,
/// `recordAgeGroup`, `recordOutcome`, `recordSourceRating`, `recordCaveat`) that cascade on delete.
/// WAL journal, foreign keys on, append-only migrations (`StoreSchema`). Every write is one transaction:
/// an import either lands whole or not at all.
public final class EvidenceStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (and with `create`, creates) the database at `path`, bringing its schema up to date.
    public init(path: String, create: Bool = true, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard create, !readOnly else { throw .missing(path: path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw .failed(path: path, action: "create the folder for", detail: error.localizedDescription)
                }
            }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        // Reads through a memory map of up to 1 GiB instead of copying each page from the kernel: a search
        // reads megabytes of postings, which SQLite's 2 MB page cache cannot keep from one search to the next.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.classify(error, path: path, action: "open")
        }
        try StoreSchema.bringUpToDate(pool, path: path, readOnly: readOnly)
    }

    static func classify(_ error: any Error, path: String, action: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .unreadable(path: path, detail: error.message ?? "\(error.resultCode)")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                return .failed(
                    path: path, action: action,
                    detail: "the file or its folder cannot be written (\(error.message ?? "read-only"))")
            case .SQLITE_FULL:
                return .failed(
                    path: path, action: action, detail: "the disk or the database is full; nothing was changed")
            default:
                return .failed(path: path, action: action, detail: error.message ?? "\(error.resultCode)")
            }
        }
        return .failed(path: path, action: action, detail: "\(error)")
    }

    /// Runs `body` in one write transaction; an error thrown by `body` rolls everything back and
    /// comes out unchanged, a database error comes out as a `StoreError`.
    public func write<T>(_ action: String = "write to", _ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try body(StoreTransaction(db: db))
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw Self.classify(error, path: path, action: action)
        }
    }

    /// Runs `body` on one consistent snapshot: writes that commit meanwhile are not seen.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        do { return try pool.read { db in try body(StoreReader(db: db)) } } catch let error as DatabaseError {
            throw Self.classify(error, path: path, action: "read")
        }
    }

    /// `read`, suspending instead of blocking: the snapshot is read on GRDB's reader queue, so a server's
    /// concurrency threads stay free while SQLite works.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreReader) throws -> T) async throws -> T {
        do { return try await pool.read { db in try body(StoreReader(db: db)) } } catch let error as DatabaseError {
            throw Self.classify(error, path: path, action: "read")
        }
    }

    private func typedRead<T>(_ body: (StoreReader) throws -> T) throws(StoreError) -> T {
        do { return try read(body) } catch { throw Self.classify(error, path: path, action: "read") }
    }

    private func typedWrite<T>(_ body: (StoreTransaction) throws -> T) throws(StoreError) -> T {
        do { return try write("write to", body) } catch { throw Self.classify(error, path: path, action: "write to") }
    }

    // MARK: - Writing

    /// What an upsert did.
    public struct UpsertSummary: Sendable, Equatable {
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0

        public init() {}

        public init(_ changes: StoreTransaction.RecordChanges) {
            inserted = changes.inserted.count
            updated = changes.updated.count
            unchanged = changes.unchanged
        }
    }

    /// Inserts new records and replaces changed ones (matched by id), all in one transaction.
    /// Complexity: O(total record size).
    /// Writes records without touching the index: for this package's tests and tools only. Everything
    /// else writes through `CorpusWriter`, which keeps the index in step.
    @discardableResult
    package func upsert(_ records: [EvidenceRecord]) throws(StoreError) -> UpsertSummary {
        try typedWrite { transaction in UpsertSummary(try transaction.upsert(records)) }
    }

    /// Removes one record; throws `noSuchRecord` when there is none.
    package func remove(id: String) throws(StoreError) {
        let changes = try typedWrite { transaction in try transaction.remove(ids: [id]) }
        if changes.isEmpty { throw .noSuchRecord(id: id) }
    }

    // MARK: - Reading

    public func record(id: String) throws(StoreError) -> EvidenceRecord? {
        try typedRead { reader in try reader.record(id: id) }
    }

    /// Records matching `filter`, ordered by id. Complexity: O(matching records) plus one indexed scan.
    public func records(matching filter: RecordFilter = RecordFilter()) throws(StoreError) -> [EvidenceRecord] {
        try typedRead { reader in try reader.records(matching: filter) }
    }

    public func count() throws(StoreError) -> Int {
        try typedRead { reader in try reader.recordCount() }
    }

    /// Counts for `evidence stats`.
    public func statistics() throws(StoreError) -> StoreStatistics {
        let path = self.path
        return try typedRead { reader in try StoreStatistics.compute(reader.db, path: path) }
    }

    /// A digest of every record's content, in id order: equal digests mean equal stored evidence.
    /// FNV-1a (64-bit) over the canonical JSON of each record. Complexity: O(database size).
    public func contentDigest() throws(StoreError) -> String {
        let records = try records()
        var hash = FNV1a()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for record in records {
            guard let data = try? encoder.encode(record) else { continue }
            hash.combine(data)
        }
        return hash.hex
    }

    /// Runs SQLite's own consistency check; returns its complaints (empty when the file is sound).
    public func integrityProblems() throws(StoreError) -> [String] {
        try typedRead { reader in
            let rows = try String.fetchAll(reader.db, sql: "PRAGMA integrity_check")
            let foreign = try Row.fetchAll(reader.db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return rows.filter { $0 != "ok" } + foreign
        }
    }
}
