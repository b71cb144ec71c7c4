internal import Foundation
public import Analysis
public import Store
public import Ranking

/// The LSA space over the lexical index: the record-term matrix is read from the postings, weighted
/// (1 + ln tf)·ln(N/df) with each record's row scaled to unit length, and decomposed by `SemanticSpace`.
/// Terms in a single record or in every record carry no co-occurrence and are left out.
/// Building costs one pass over the postings plus the randomized SVD.
public struct SemanticIndex: Sendable {
    public let space: SemanticSpace
    /// Term → row of `space.termVectors`.
    let termRows: [String: Int]
    let inverseDocumentFrequency: [Float]
    /// Row of `space.documentVectors` → document number.
    let docNumbers: [Int]

    public static func build(_ reader: StoreReader, rank: Int) throws -> SemanticIndex {
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
        return SemanticIndex(space: space, termRows: termRows, inverseDocumentFrequency: idf, docNumbers: documents.map(\.docNumber))
    }

    /// Cosine of each record with the query terms, indexed by document number (0 where none).
    public func scores(terms: [String], slots: Int) -> [Double] {
        var counts: [Int: Int] = [:]
        for term in terms { if let row = termRows[term] { counts[row, default: 0] += 1 } }
        let weighted = counts.map { (term: $0.key, weight: (1 + Float(log(Double($0.value)))) * inverseDocumentFrequency[$0.key]) }
        var result = [Double](repeating: 0, count: slots)
        guard !weighted.isEmpty else { return result }
        let cosines = space.scores(space.project(weighted))
        for (row, doc) in docNumbers.enumerated() where doc < slots { result[doc] = Double(cosines[row]) }
        return result
    }
}
