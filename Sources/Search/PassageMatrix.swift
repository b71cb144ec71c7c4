internal import Store
internal import Indexing
internal import Ranking

/// Every stored passage vector of one index version as one row-major matrix (passages × 384), with the
/// document each passage belongs to. A record scores as its best passage: one `sgemv` over all passages,
/// then a maximum per document. O(passages · 384) per query; about 1.5 KB a passage in memory.
struct PassageMatrix: Sendable {
    let vectors: DenseMatrix
    /// Document number of each row.
    let documents: [Int]

    /// The stored vectors of the indexed records, or nil when none are stored.
    static func load(_ reader: StoreReader, docNumbers: [String: Int]) throws -> PassageMatrix? {
        var values: [Float] = []
        var documents: [Int] = []
        var width = 0
        for entry in try reader.passageVectors(model: PassageVectors.model) {
            guard let doc = docNumbers[entry.recordId], entry.passages > 0, entry.vectors.count % entry.passages == 0
            else { continue }
            width = entry.vectors.count / entry.passages
            values += entry.vectors
            documents += Array(repeating: doc, count: entry.passages)
        }
        guard !documents.isEmpty, values.count == documents.count * width else { return nil }
        return PassageMatrix(
            vectors: DenseMatrix(rows: documents.count, columns: width, values: values), documents: documents)
    }

    /// Each document's best-passage cosine with the unit vector `query`, by document number; documents
    /// with no passages get the mean of the others, so that standardising leaves them neutral.
    func scores(query: [Float], slots: Int) -> [Double] {
        guard query.count == vectors.columns else { return [Double](repeating: 0, count: slots) }
        let cosines = Kernels.multiply(vectors, query)
        var best = [Double](repeating: -.infinity, count: slots)
        for (row, doc) in documents.enumerated() where doc < slots { best[doc] = max(best[doc], Double(cosines[row])) }
        let present = best.filter { $0 > -.infinity }
        let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
        for slot in best.indices where best[slot] == -.infinity { best[slot] = mean }
        return best
    }
}
