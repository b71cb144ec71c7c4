internal import GRDB
public import EvidenceCore

/// Reading inside one consistent snapshot of the database: everything read through one reader sees
/// the same state, even while another process writes (WAL). Obtained from `EvidenceStore.read`.
public struct StoreReader {
    let db: Database

    public func record(id: String) throws -> EvidenceRecord? { try RecordRows.fetch(db, id: id) }

    public func records(matching filter: RecordFilter = RecordFilter()) throws -> [EvidenceRecord] {
        try RecordRows.fetchAll(db, filter: filter)
    }

    /// The records with these ids, in the order asked for; ids with no record are left out. One query
    /// per table however many ids, where fetching one by one would cost seven statements each.
    public func records(ids: [String]) throws -> [EvidenceRecord] {
        let found = Dictionary(
            try RecordRows.fetch(db, ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { found[$0] }
    }

    /// The document numbers of the indexed records that pass `filter`, ascending.
    public func indexedDocNumbers(matching filter: RecordFilter) throws -> [Int] {
        try RecordRows.indexedDocNumbers(db, filter: filter).sorted()
    }

    public func recordCount() throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0 }

    /// Goes up by one with every transaction that changes a record.
    public func corpusVersion() throws -> Int {
        Int(try String.fetchOne(db, sql: "SELECT value FROM storeMeta WHERE key = 'corpusVersion'") ?? "0") ?? 0
    }

    // MARK: - The index tables

    public func indexMeta() throws -> [String: String] {
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM indexMeta") { meta[row[0]] = row[1] }
        return meta
    }

    public func indexDocuments() throws -> [IndexDocumentRow] {
        try Row.fetchAll(
            db,
            sql:
                "SELECT docNumber, recordId, titleLength, bodyLength, uniqueTerms, norm FROM indexDocument ORDER BY docNumber"
        )
        .map(Self.document)
    }

    public func indexDocument(recordId: String) throws -> IndexDocumentRow? {
        try Row.fetchOne(
            db,
            sql:
                "SELECT docNumber, recordId, titleLength, bodyLength, uniqueTerms, norm FROM indexDocument WHERE recordId = ?",
            arguments: [recordId]
        )
        .map(Self.document)
    }

    /// The rows of those of `terms` that are in the index.
    public func indexTerms(_ terms: some Collection<String>) throws -> [IndexTermRow] {
        let statement = try db.cachedStatement(
            sql: "SELECT term, documentFrequency, collectionFrequency, postings FROM indexTerm WHERE term = ?")
        return try terms.compactMap { term in try Row.fetchOne(statement, arguments: [term]).map(Self.term) }
    }

    /// Every term row, in term order, one at a time (for checks and exports of the whole index).
    public func forEachIndexTerm(_ body: (IndexTermRow) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT term, documentFrequency, collectionFrequency, postings FROM indexTerm ORDER BY term")
        while let row = try cursor.next() { try body(Self.term(row)) }
    }

    /// Every semantic term row: term, idf and coordinates.
    public func semanticTerms() throws -> [(term: String, idf: Double, vector: [Float])] {
        try Row.fetchAll(db, sql: "SELECT term, idf, vector FROM semanticTerm ORDER BY term").map { row in
            (row[0], row[1], FloatBlob.floats((row[2] as DatabaseValue).storage.blobBytes))
        }
    }

    /// Every record's semantic vector, in document order, read straight into one contiguous buffer.
    public func semanticDocuments() throws -> (docNumbers: [Int], vectors: [Float]) {
        var numbers: [Int] = []
        var values: [Float] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT docNumber, vector FROM semanticDocument ORDER BY docNumber")
        while let row = try cursor.next() {
            numbers.append(row[0])
            values.append(contentsOf: FloatBlob.floats((row[1] as DatabaseValue).storage.blobBytes))
        }
        return (numbers, values)
    }

    /// A record's nearest records in the semantic space, closest first.
    public func related(docNumber: Int) throws -> [(docNumber: Int, score: Double)] {
        try Row.fetchAll(
            db, sql: "SELECT relatedDocNumber, score FROM relatedRecord WHERE docNumber = ? ORDER BY position",
            arguments: [docNumber]
        )
        .map { ($0[0], $0[1]) }
    }

    /// The nearest records of several records at once, closest first, keyed by document number.
    public func related(docNumbers: [Int]) throws -> [Int: [(docNumber: Int, score: Double)]] {
        var result: [Int: [(docNumber: Int, score: Double)]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT docNumber, relatedDocNumber, score FROM relatedRecord WHERE docNumber IN (\(RecordRows.placeholders(docNumbers.count))) ORDER BY docNumber, position",
            arguments: StatementArguments(docNumbers))
        while let row = try rows.next() { result[row[0], default: []].append((row[1], row[2])) }
        return result
    }

    /// The record id and title of indexed documents, keyed by document number (numbers no longer in use are left out).
    public func titles(docNumbers: [Int]) throws -> [Int: (recordId: String, title: String)] {
        var result: [Int: (recordId: String, title: String)] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT indexDocument.docNumber, record.id, record.title FROM indexDocument JOIN record ON record.id = indexDocument.recordId WHERE indexDocument.docNumber IN (\(RecordRows.placeholders(docNumbers.count)))",
            arguments: StatementArguments(docNumbers))
        while let row = try rows.next() { result[row[0]] = (row[1], row[2]) }
        return result
    }

    /// For each record with stored passage vectors: the model and the content hash they were made from.
    public func passageVectorStamps() throws -> [String: (model: String, contentHash: String)] {
        var stamps: [String: (model: String, contentHash: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, model, contentHash FROM recordPassageVectors") {
            stamps[row[0]] = (row[1], row[2])
        }
        return stamps
    }

    /// Every record's passage vectors made by `model`, in record id order, one row per passage.
    public func passageVectors(model: String) throws -> [(recordId: String, passages: Int, vectors: [Float])] {
        var result: [(recordId: String, passages: Int, vectors: [Float])] = []
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT recordId, passages, vectors FROM recordPassageVectors WHERE model = ? ORDER BY recordId",
            arguments: [model])
        while let row = try cursor.next() {
            result.append((row[0], row[1], FloatBlob.floats((row[2] as DatabaseValue).storage.blobBytes)))
        }
        return result
    }

    public func indexTermCount() throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM indexTerm") ?? 0 }

    static func document(_ row: Row) -> IndexDocumentRow {
        IndexDocumentRow(
            docNumber: row[0], recordId: row[1], titleLength: row[2], bodyLength: row[3], uniqueTerms: row[4],
            norm: row[5])
    }

    static func term(_ row: Row) -> IndexTermRow {
        let data: [UInt8] = (row[3] as DatabaseValue).storage.blobBytes
        return IndexTermRow(term: row[0], documentFrequency: row[1], collectionFrequency: row[2], postings: data)
    }
}

extension DatabaseValue.Storage {
    var blobBytes: [UInt8] {
        if case .blob(let data) = self { return [UInt8](data) }
        return []
    }
}
