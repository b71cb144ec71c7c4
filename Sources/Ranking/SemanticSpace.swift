/// The latent semantic (LSA) space of a corpus: a truncated SVD of its weighted record-term matrix.
///
/// Records and queries are compared as unit vectors in the space of the leading right singular vectors
/// V_k: a record's vector is its weighted term row times V_k, a query's likewise, and their score is the
/// cosine. Words that occur in similar records get similar directions, so "drinks most nights" can meet
/// "parental alcohol misuse" without sharing a word. Scoring all records is one `sgemv` over a contiguous
/// N × k matrix: O(N·k).
public struct SemanticSpace: Sendable {
    /// One row per term: the term's coordinates (columns × k).
    public var termVectors: DenseMatrix
    /// One unit row per record (rows × k).
    public var documentVectors: DenseMatrix

    public var rank: Int { termVectors.columns }

    public init(termVectors: DenseMatrix, documentVectors: DenseMatrix) {
        self.termVectors = termVectors
        self.documentVectors = documentVectors
    }

    /// Builds the space of `rank` dimensions from a weighted record-term matrix (rows: records).
    public static func build(_ matrix: SparseMatrix, rank: Int, seed: UInt64 = 0x5EED) throws -> SemanticSpace {
        var svd = RandomizedSVD(rank: rank)
        svd.seed = seed
        let decomposition = try svd.decompose(matrix)
        var documents = matrix.multiply(decomposition.rightVectors)
        documents.normaliseRows()
        return SemanticSpace(termVectors: decomposition.rightVectors, documentVectors: documents)
    }

    /// A weighted bag of terms (term index, weight) as a unit vector of the space; zero when no term is known.
    public func project(_ terms: [(term: Int, weight: Float)]) -> [Float] {
        let k = rank
        var vector = [Float](repeating: 0, count: k)
        for (term, weight) in terms where term >= 0 && term < termVectors.rows {
            let base = term * k
            for j in 0..<k { vector[j] += weight * termVectors.values[base + j] }
        }
        let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? vector.map { $0 / length } : vector
    }

    /// The cosine of every record with a unit query vector (`Kernels.multiply`, i.e. `sgemv`).
    public func scores(_ query: [Float]) -> [Float] { Kernels.multiply(documentVectors, query) }

    /// For every record, its `count` nearest other records (row, cosine), closest first, ties by row.
    /// Computed in blocks of `block` rows: each block's cosines with all records are one `sgemm`
    /// (`Kernels.multiplyByTranspose`). O(N² · k) time, O(block · N) memory.
    public func nearestNeighbours(count: Int, block: Int = 256) -> [[(row: Int, score: Float)]] {
        let n = documentVectors.rows, k = rank
        var result: [[(row: Int, score: Float)]] = []
        result.reserveCapacity(n)
        let identifiers = (0..<n).map { String(format6($0)) }
        var start = 0
        while start < n {
            let end = min(n, start + block)
            let slice = DenseMatrix(rows: end - start, columns: k, values: Array(documentVectors.values[(start * k)..<(end * k)]))
            let cosines = Kernels.multiplyByTranspose(slice, documentVectors)
            for local in 0..<(end - start) {
                var scores = cosines.values[(local * n)..<((local + 1) * n)].map(Double.init)
                scores[start + local] = -.infinity   // not its own neighbour
                result.append(TopK.select(scores, identifiers: identifiers, k: min(count, n - 1)).map { ($0.index, Float($0.score)) })
            }
            start = end
        }
        return result
    }
}

/// A row number as a fixed-width text, so that `TopK`'s tie-break by identifier is by row.
private func format6(_ value: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
}
