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
                return .failed(path: path, action: action, detail: "the file or its folder cannot be written (\(error.message ?? "read-only"))")
            case .SQLITE_FULL:
                return .failed(path: path, action: action, detail: "the disk or the database is full; nothing was changed")
            default:
                return .failed(path: path, action: action, detail: error.message ?? "\(error.resultCode)")
            }
        }
        return .failed(path: path, action: action, detail: "\(error)")
    }

    private func write<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw Self.classify(error, path: path, action: action) }
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw Self.classify(error, path: path, action: "read") }
    }

    // MARK: - Writing

    /// What an upsert did.
    public struct UpsertSummary: Sendable, Equatable {
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0

        public init() {}
    }

    /// Inserts new records and replaces changed ones (matched by id), all in one transaction.
    /// `progress(done, total)` is called as records are written. Complexity: O(total record size).
    @discardableResult
    public func upsert(_ records: [EvidenceRecord], progress: (@Sendable (Int, Int) -> Void)? = nil) throws(StoreError) -> UpsertSummary {
        try write("write to") { db in
            var summary = UpsertSummary()
            for (index, record) in records.enumerated() {
                if let existing = try RecordRows.fetch(db, id: record.id) {
                    if existing == record {
                        summary.unchanged += 1
                    } else {
                        try RecordRows.delete(db, id: record.id)
                        try RecordRows.insert(db, record)
                        summary.updated += 1
                    }
                } else {
                    try RecordRows.insert(db, record)
                    summary.inserted += 1
                }
                if index % 256 == 255 || index == records.count - 1 { progress?(index + 1, records.count) }
            }
            return summary
        }
    }

    /// Removes one record; throws `noSuchRecord` when there is none.
    public func remove(id: String) throws(StoreError) {
        let removed = try write("write to") { db in try RecordRows.delete(db, id: id) }
        if !removed { throw .noSuchRecord(id: id) }
    }

    // MARK: - Reading

    public func record(id: String) throws(StoreError) -> EvidenceRecord? {
        try read { db in try RecordRows.fetch(db, id: id) }
    }

    /// Records matching `filter`, ordered by id. Complexity: O(matching records) plus one indexed scan.
    public func records(matching filter: RecordFilter = RecordFilter()) throws(StoreError) -> [EvidenceRecord] {
        try read { db in try RecordRows.fetchAll(db, filter: filter) }
    }

    public func count() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0 }
    }

    /// Counts for `evidence stats`.
    public func statistics() throws(StoreError) -> StoreStatistics {
        let path = self.path
        return try read { db in try StoreStatistics.compute(db, path: path) }
    }

    /// A digest of every record's content, in id order: equal digests mean equal stored evidence.
    /// FNV-1a (64-bit) over the canonical JSON of each record. Complexity: O(database size).
    public func contentDigest() throws(StoreError) -> String {
        let records = try records()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for record in records {
            guard let data = try? encoder.encode(record) else { continue }
            for byte in data {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Runs SQLite's own consistency check; returns its complaints (empty when the file is sound).
    public func integrityProblems() throws(StoreError) -> [String] {
        try read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return rows.filter { $0 != "ok" } + foreign
        }
    }
}
