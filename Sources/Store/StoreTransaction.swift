internal import Foundation
internal import GRDB
public import EvidenceCore

/// Writing inside one transaction: everything done through it lands together or not at all (a
/// process killed in the middle leaves the database as it was). Obtained from `EvidenceStore.write`.
public struct StoreTransaction {
    let db: Database

    /// Reads inside this transaction (they see its own writes).
    public var reader: StoreReader { StoreReader(db: db) }

    /// What a write changed, for callers that keep derived data (the index) in step.
    public struct RecordChanges: Sendable {
        public var inserted: [EvidenceRecord] = []
        public var updated: [(old: EvidenceRecord, new: EvidenceRecord)] = []
        public var unchanged = 0
        public var removed: [EvidenceRecord] = []

        public var isEmpty: Bool { inserted.isEmpty && updated.isEmpty && removed.isEmpty }

        public init() {}
    }

    /// Inserts new records and replaces changed ones, matched by id.
    package func upsert(_ records: [EvidenceRecord], progress: ((Int, Int) -> Void)? = nil) throws -> RecordChanges {
        var changes = RecordChanges()
        for (index, record) in records.enumerated() {
            if let existing = try RecordRows.fetch(db, id: record.id) {
                if existing == record {
                    changes.unchanged += 1
                } else {
                    try RecordRows.delete(db, id: record.id)
                    try RecordRows.insert(db, record)
                    changes.updated.append((existing, record))
                }
            } else {
                try RecordRows.insert(db, record)
                changes.inserted.append(record)
            }
            if index % 256 == 255 || index == records.count - 1 { progress?(index + 1, records.count) }
        }
        if !changes.isEmpty { try bumpCorpusVersion() }
        return changes
    }

    /// Removes the records with these ids; ids with no record are passed over.
    package func remove(ids: [String]) throws -> RecordChanges {
        var changes = RecordChanges()
        for id in ids {
            guard let existing = try RecordRows.fetch(db, id: id) else { continue }
            try RecordRows.delete(db, id: id)
            changes.removed.append(existing)
        }
        if !changes.isEmpty { try bumpCorpusVersion() }
        return changes
    }

    private func bumpCorpusVersion() throws {
        try db.execute(sql: "UPDATE storeMeta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'corpusVersion'")
    }

    // MARK: - The index tables

    /// Empties the index tables, lexical and semantic.
    package func clearIndex() throws {
        try db.execute(sql: "DELETE FROM indexTerm; DELETE FROM indexDocument; DELETE FROM indexMeta;")
        try clearSemantic()
    }

    /// Empties the semantic tables only.
    package func clearSemantic() throws {
        try db.execute(sql: "DELETE FROM semanticTerm; DELETE FROM semanticDocument; DELETE FROM relatedRecord;")
    }

    package func putSemanticTerm(_ term: String, idf: Double, vector: [Float]) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO semanticTerm (term, idf, vector) VALUES (?,?,?)")
            .execute(arguments: [term, idf, FloatBlob.data(vector)])
    }

    package func putSemanticDocument(docNumber: Int, vector: [Float]) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO semanticDocument (docNumber, vector) VALUES (?,?)")
            .execute(arguments: [docNumber, FloatBlob.data(vector)])
    }

    package func deleteSemanticDocument(docNumber: Int) throws {
        try db.execute(
            sql:
                "DELETE FROM semanticDocument WHERE docNumber = ?; DELETE FROM relatedRecord WHERE docNumber = ? OR relatedDocNumber = ?",
            arguments: [docNumber, docNumber, docNumber])
    }

    /// Replaces a record's list of nearest records.
    package func putRelated(docNumber: Int, related: [(docNumber: Int, score: Double)]) throws {
        try db.execute(sql: "DELETE FROM relatedRecord WHERE docNumber = ?", arguments: [docNumber])
        let statement = try db.cachedStatement(
            sql: "INSERT INTO relatedRecord (docNumber, position, relatedDocNumber, score) VALUES (?,?,?,?)")
        for (position, entry) in related.enumerated() {
            try statement.execute(arguments: [docNumber, position, entry.docNumber, entry.score])
        }
    }

    package func setIndexMeta(_ meta: [String: String]) throws {
        for (key, value) in meta.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT OR REPLACE INTO indexMeta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    package func putIndexDocument(_ row: IndexDocumentRow) throws {
        let statement = try db.cachedStatement(
            sql:
                "INSERT OR REPLACE INTO indexDocument (docNumber, recordId, titleLength, bodyLength, uniqueTerms, norm) VALUES (?,?,?,?,?,?)"
        )
        try statement.execute(arguments: [
            row.docNumber, row.recordId, row.titleLength, row.bodyLength, row.uniqueTerms, row.norm,
        ])
    }

    package func deleteIndexDocument(docNumber: Int) throws {
        try db.execute(sql: "DELETE FROM indexDocument WHERE docNumber = ?", arguments: [docNumber])
    }

    /// Writes a term's row, or deletes it when its postings are empty.
    package func putIndexTerm(_ row: IndexTermRow) throws {
        if row.documentFrequency == 0 {
            try db.execute(sql: "DELETE FROM indexTerm WHERE term = ?", arguments: [row.term])
        } else {
            let statement = try db.cachedStatement(
                sql:
                    "INSERT OR REPLACE INTO indexTerm (term, documentFrequency, collectionFrequency, postings) VALUES (?,?,?,?)"
            )
            try statement.execute(arguments: [
                row.term, row.documentFrequency, row.collectionFrequency, Data(row.postings),
            ])
        }
    }

    /// Stores a record's passage vectors (`passages` rows of equal length, packed), replacing earlier ones.
    package func putPassageVectors(
        recordId: String, model: String, contentHash: String, passages: Int, vectors: [Float]
    ) throws {
        try db.cachedStatement(
            sql:
                "INSERT OR REPLACE INTO recordPassageVectors (recordId, model, contentHash, passages, vectors) VALUES (?,?,?,?,?)"
        )
        .execute(arguments: [recordId, model, contentHash, passages, FloatBlob.data(vectors)])
    }

    /// The largest document number in use (0 when the index is empty).
    package func maximumDocNumber() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT MAX(docNumber) FROM indexDocument") ?? 0
    }
}
