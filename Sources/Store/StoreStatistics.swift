internal import Foundation
internal import GRDB
internal import EvidenceCore

/// What `evidence stats` shows: counts by kind, topic and strongest evidence, and where the database is.
public struct StoreStatistics: Sendable, Codable, Equatable {
    public var databasePath: String
    /// Size of the database file plus its WAL, in bytes.
    public var databaseBytes: Int64
    public var records: Int
    public var byKind: [String: Int]
    public var byTopic: [String: Int]
    /// Records counted by the strongest strength among their outcomes (`not_assessed` when none).
    public var byStrongestEvidence: [String: Int]
    public var sourcesDisagree: Int

    static func compute(_ db: Database, path: String) throws -> StoreStatistics {
        func counts(_ sql: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) { result[row[0]] = row[1] }
            return result
        }
        let strengthRank = EvidenceStrength.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }.joined(
            separator: " ")
        let rankToName = EvidenceStrength.allCases.map { "WHEN \($0.rank) THEN '\($0.rawValue)'" }.joined(
            separator: " ")
        let strongest = try counts(
            """
            SELECT CASE best \(rankToName) END, COUNT(*) FROM (
              SELECT r.id, COALESCE(MAX(CASE o.strength \(strengthRank) END), 0) AS best
              FROM record r LEFT JOIN recordOutcome o ON o.recordId = r.id GROUP BY r.id)
            GROUP BY best
            """)
        let manager = FileManager.default
        let bytes = [path, path + "-wal"].reduce(Int64(0)) { total, file in
            total + ((try? manager.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0)
        }
        return StoreStatistics(
            databasePath: path, databaseBytes: bytes,
            records: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0,
            byKind: try counts("SELECT kind, COUNT(*) FROM record GROUP BY kind"),
            byTopic: try counts("SELECT topic, COUNT(DISTINCT recordId) FROM recordTopic GROUP BY topic"),
            byStrongestEvidence: strongest,
            sourcesDisagree: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE sourcesDisagree") ?? 0)
    }
}
