internal import GRDB

/// The database schema as an append-only list of migrations. Never edit a shipped migration: add one.
///
/// A database that has migrations this version does not know was written by a newer version; it is
/// refused with `StoreError.newerSchema` rather than silently used or reset.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-records") { db in
            try db.create(table: "record") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("kind", .text).notNull().indexed()
                t.column("summary", .text).notNull()
                t.column("findings", .text).notNull()
                t.column("practiceImplications", .text).notNull()
                t.column("year", .integer).indexed()
                t.column("publisher", .text).notNull()
                t.column("url", .text).notNull()
                t.column("doi", .text).notNull()
                t.column("country", .text).notNull()
                t.column("ukTested", .text).notNull()
                t.column("learningWeight", .text)
                t.column("sourcesDisagree", .boolean).notNull()
                t.column("lastChecked", .text).notNull()
            }
            try db.create(table: "recordAuthor") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.primaryKey(["recordId", "position"])
            }
            try db.create(table: "recordTopic") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("topic", .text).notNull().indexed()
                t.primaryKey(["recordId", "position"])
            }
            try db.create(table: "recordAgeGroup") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("ageGroup", .text).notNull().indexed()
                t.primaryKey(["recordId", "position"])
            }
            try db.create(table: "recordOutcome") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("outcome", .text).notNull()
                t.column("strength", .text).notNull().indexed()
                t.column("direction", .text).notNull()
                t.column("basis", .text).notNull()
                t.primaryKey(["recordId", "position"])
            }
            try db.create(table: "recordSourceRating") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("scale", .text).notNull()
                t.column("value", .text).notNull()
                t.column("asOf", .text).notNull()
                t.column("url", .text).notNull()
                t.primaryKey(["recordId", "position"])
            }
            try db.create(table: "recordCaveat") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["recordId", "position"])
            }
        }
        migrator.registerMigration("v2-index") { db in
            // Counts every change to the records, so an index can tell cheaply whether it is current.
            try db.create(table: "storeMeta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.execute(sql: "INSERT INTO storeMeta (key, value) VALUES ('corpusVersion', '0')")
            // The lexical index (format owned by the Indexing module): one row per indexed record ...
            try db.create(table: "indexDocument") { t in
                t.primaryKey("docNumber", .integer)
                t.column("recordId", .text).notNull().unique().references("record", deferred: true)
                t.column("titleLength", .integer).notNull()
                t.column("bodyLength", .integer).notNull()
                t.column("uniqueTerms", .integer).notNull()
                t.column("norm", .double).notNull()
            }
            // ... one row per term, its postings an encoded blob ...
            try db.create(table: "indexTerm", options: .withoutRowID) { t in
                t.primaryKey("term", .text)
                t.column("documentFrequency", .integer).notNull()
                t.column("collectionFrequency", .integer).notNull()
                t.column("postings", .blob).notNull()
            }
            // ... and its metadata (analyzer fingerprint, counts, checksum, build time).
            try db.create(table: "indexMeta", options: .withoutRowID) { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v3-semantic") { db in
            // The LSA space (format owned by the Indexing module): each term's coordinates and idf ...
            try db.create(table: "semanticTerm", options: .withoutRowID) { t in
                t.primaryKey("term", .text)
                t.column("idf", .double).notNull()
                t.column("vector", .blob).notNull()
            }
            // ... each indexed record's unit vector (float32, little-endian) ...
            try db.create(table: "semanticDocument") { t in
                t.primaryKey("docNumber", .integer)
                t.column("vector", .blob).notNull()
            }
            // ... and each record's nearest records in that space.
            try db.create(table: "relatedRecord") { t in
                t.column("docNumber", .integer).notNull()
                t.column("position", .integer).notNull()
                t.column("relatedDocNumber", .integer).notNull()
                t.column("score", .double).notNull()
                t.primaryKey(["docNumber", "position"])
            }
        }
        migrator.registerMigration("v4-checking") { db in
            // How each record was checked against its source, kept apart from its caveats.
            try db.create(table: "recordChecking") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("text", .text).notNull()
                t.primaryKey(["recordId", "position"])
            }
        }
        migrator.registerMigration("v5-passage-vectors") { db in
            // Each record's passages as the sentence encoder sees them (format owned by the Indexing module):
            // kept across index rebuilds, and reused while the record's content and the model are unchanged.
            try db.create(table: "recordPassageVectors", options: .withoutRowID) { t in
                t.primaryKey("recordId", .text).references("record", onDelete: .cascade)
                t.column("model", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("passages", .integer).notNull()
                t.column("vectors", .blob).notNull()
            }
        }
        return migrator
    }

    static func bringUpToDate(_ pool: DatabasePool, path: String, readOnly: Bool) throws(StoreError) {
        let migrator = migrator
        do {
            let (superseded, complete) = try pool.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
            }
            if superseded {
                let known = Set(migrator.migrations)
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                throw StoreError.newerSchema(path: path, unknownMigrations: applied.subtracting(known).sorted())
            }
            if !complete {
                guard !readOnly else {
                    throw StoreError.failed(
                        path: path, action: "open",
                        detail: "the schema needs an update, which a read-only database cannot take")
                }
                try migrator.migrate(pool)
            }
        } catch {
            throw EvidenceStore.classify(error, path: path, action: "open")
        }
    }
}
