import GRDB

/// Makes a database look as if a newer EvidenceEngine had migrated it.
enum FutureSchema {
    static func addMigration(_ identifier: String, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }
}
