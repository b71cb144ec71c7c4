internal import Foundation
internal import Analysis
public import Store
public import Ranking

/// The LSA space over the lexical index, and its storage.
///
/// Built from the postings: the record-term matrix weighted (1 + ln tf)·ln(N/df), each record's row
/// scaled to unit length, decomposed by `SemanticSpace`; terms in a single record or in every record
/// carry no co-occurrence and are left out. Stored as float32 blobs: each term's coordinates and idf,
/// each record's unit vector, and each record's nearest records. Records added later are folded in:
/// projected onto the stored basis with the stored idf, until the next full build recomputes it.
public struct SemanticIndex: Sendable {
    public let space: SemanticSpace
    /// Term → row of `space.termVectors`.
    let termRows: [String: Int]
    let inverseDocumentFrequency: [Float]
    /// Row of `space.documentVectors` → document number, and back.
    let docNumbers: [Int]
    let rowOfDoc: [Int: Int]

    init(space: SemanticSpace, termRows: [String: Int], inverseDocumentFrequency: [Float], docNumbers: [Int]) {
        self.space = space
        self.termRows = termRows
        self.inverseDocumentFrequency = inverseDocumentFrequency
        self.docNumbers = docNumbers
        rowOfDoc = Dictionary(uniqueKeysWithValues: docNumbers.enumerated().map { ($1, $0) })
    }

    /// Dimensions of the LSA space a build computes unless told otherwise.
    public static let defaultRank = 100

    /// How many nearest records are kept for each record.
    public static let relatedCount = 5

    // MARK: - Building

    /// Computes the space from the postings in `reader`'s snapshot. O(postings + randomized SVD).
    public static func compute(_ reader: StoreReader, rank: Int) throws -> SemanticIndex {
        let documents = try reader.indexDocuments()
        var rowOfDoc: [Int: Int] = [:]
        for (row, document) in documents.enumerated() { rowOfDoc[document.docNumber] = row }
        let n = Double(documents.count)
        var termRows: [String: Int] = [:]
        var idf: [Float] = []
        var entries = [[(column: Int, value: Float)]](repeating: [], count: documents.count)
        try reader.forEachIndexTerm { row in
            guard row.documentFrequency >= 2, Double(row.documentFrequency) < n else { return }
            let column = idf.count
            let weight = Float(log(n / Double(row.documentFrequency)))
            termRows[row.term] = column
            idf.append(weight)
            try PostingsCodec.forEach(row.postings) { posting in
                guard let docRow = rowOfDoc[posting.docNumber] else { return }
                let tf = IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency)
                entries[docRow].append((column, (1 + Float(log(Double(tf)))) * weight))
            }
        }
        for index in entries.indices {
            let length = entries[index].reduce(Float(0)) { $0 + $1.value * $1.value }.squareRoot()
            if length > 0 { entries[index] = entries[index].map { ($0.column, $0.value / length) } }
        }
        let matrix = SparseMatrix(columns: idf.count, rowEntries: entries)
        let space = try SemanticSpace.build(matrix, rank: min(rank, max(1, min(documents.count, idf.count) - 1)))
        return SemanticIndex(
            space: space, termRows: termRows, inverseDocumentFrequency: idf, docNumbers: documents.map(\.docNumber))
    }

    /// Writes the space, the record vectors and each record's nearest records (replacing what was there),
    /// and records the space's rank in the index metadata.
    public func write(to transaction: StoreTransaction) throws {
        try transaction.clearSemantic()
        try transaction.setIndexMeta([IndexFormat.MetaKey.semanticRank: String(space.rank)])
        let k = space.rank
        for (term, row) in termRows {
            try transaction.putSemanticTerm(
                term, idf: Double(inverseDocumentFrequency[row]),
                vector: Array(space.termVectors.values[(row * k)..<((row + 1) * k)]))
        }
        for (row, doc) in docNumbers.enumerated() {
            try transaction.putSemanticDocument(
                docNumber: doc, vector: Array(space.documentVectors.values[(row * k)..<((row + 1) * k)]))
        }
        for (row, neighbours) in space.nearestNeighbours(count: Self.relatedCount).enumerated() {
            try transaction.putRelated(
                docNumber: docNumbers[row], related: neighbours.map { (docNumbers[$0.row], Double($0.score)) })
        }
    }

    // MARK: - Loading

    /// The stored space, or nil when none is stored.
    public static func load(_ reader: StoreReader) throws -> SemanticIndex? {
        let terms = try reader.semanticTerms()
        guard let k = terms.first?.vector.count, k > 0 else { return nil }
        var termRows: [String: Int] = [:]
        var termValues: [Float] = []
        termValues.reserveCapacity(terms.count * k)
        var idf: [Float] = []
        for (row, entry) in terms.enumerated() {
            termRows[entry.term] = row
            termValues += entry.vector
            idf.append(Float(entry.idf))
        }
        let documents = try reader.semanticDocuments()
        let space = SemanticSpace(
            termVectors: DenseMatrix(rows: terms.count, columns: k, values: termValues),
            documentVectors: DenseMatrix(rows: documents.docNumbers.count, columns: k, values: documents.vectors))
        return SemanticIndex(
            space: space, termRows: termRows, inverseDocumentFrequency: idf, docNumbers: documents.docNumbers)
    }

    // MARK: - Using

    /// A bag of terms (term → count) as a unit vector of the space: weights (1 + ln count)·idf, projected.
    public func vector(termCounts: [String: Int]) -> [Float] {
        let weighted = termCounts.compactMap { term, count -> (term: Int, weight: Float)? in
            guard let row = termRows[term] else { return nil }
            return (row, (1 + Float(log(Double(count)))) * inverseDocumentFrequency[row])
        }
        return space.project(weighted)
    }

    /// The query terms (with repeats) as a unit vector of the space.
    public func queryVector(terms: [String]) -> [Float] {
        var counts: [String: Int] = [:]
        for term in terms { counts[term, default: 0] += 1 }
        return vector(termCounts: counts)
    }

    /// Cosine of each record with the query terms, indexed by document number (0 where none).
    public func scores(terms: [String], slots: Int) -> [Double] {
        scores(query: queryVector(terms: terms), slots: slots)
    }

    /// Cosine of each record with a unit query vector, indexed by document number (0 where none).
    public func scores(query: [Float], slots: Int) -> [Double] {
        var result = [Double](repeating: 0, count: slots)
        guard query.contains(where: { $0 != 0 }) else { return result }
        let cosines = space.scores(query)
        result.withUnsafeMutableBufferPointer { result in
            cosines.withUnsafeBufferPointer { cosines in
                docNumbers.withUnsafeBufferPointer { docNumbers in
                    for row in 0..<docNumbers.count where docNumbers[row] < slots {
                        result[docNumbers[row]] = Double(cosines[row])
                    }
                }
            }
        }
        return result
    }

    /// Rocchio feedback: the unit vector of q + β·(mean of the records' vectors). O(|records| · k).
    public func rocchio(_ query: [Float], towards records: [Int], weight beta: Float) -> [Float] {
        let k = space.rank
        var moved = query
        let rows = records.compactMap { rowOfDoc[$0] }
        guard !rows.isEmpty else { return query }
        for row in rows {
            for j in 0..<k { moved[j] += beta * space.documentVectors.values[row * k + j] / Float(rows.count) }
        }
        let length = moved.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? moved.map { $0 / length } : moved
    }

    /// The nearest records of the given records (by document number), as (document number, cosine),
    /// closest first: blocks of `sgemm` against every record. O(records · N · k).
    public func nearest(of documents: [Int], count: Int) -> [Int: [(docNumber: Int, score: Double)]] {
        let rows = documents.compactMap { rowOfDoc[$0] }
        var result: [Int: [(docNumber: Int, score: Double)]] = [:]
        for (row, neighbours) in zip(rows, space.nearestNeighbours(of: rows, count: count)) {
            result[docNumbers[row]] = neighbours.map { (docNumbers[$0.row], Double($0.score)) }
        }
        return result
    }
}
