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
}
