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

    /// The cosines of every record with each row of `queries` (unit vectors): one `sgemm`, records × queries.
    public func scores(batch queries: DenseMatrix) -> DenseMatrix {
        Kernels.multiplyByTranspose(documentVectors, queries)
    }

    /// Up to this many records, `nearestNeighbours(count:)` is exact; above it, approximate.
    public static let exactNeighbourLimit = 20_000

    /// For every record, its `count` nearest other records (row, cosine), closest first, ties by row.
    /// Up to `exactNeighbourLimit` records exact, in blocks of `block` rows: each block's cosines with all
    /// records are one `sgemm` (`Kernels.multiplyByTranspose`), then a single pass keeps the best few,
    /// O(N² · k) time and O(block · N) memory. Above it, `ClusteredNeighbours` (O(N^1.5 · k), approximate).
    public func nearestNeighbours(count: Int, block: Int = 256) -> [[(row: Int, score: Float)]] {
        if documentVectors.rows > Self.exactNeighbourLimit {
            return ClusteredNeighbours().neighbours(of: documentVectors, count: count)
        }
        return nearestNeighbours(of: Array(0..<documentVectors.rows), count: count, block: block)
    }

    /// The same for the given rows only: O(rows · N · k).
    public func nearestNeighbours(of rows: [Int], count: Int, block: Int = 256) -> [[(row: Int, score: Float)]] {
        let n = documentVectors.rows, k = rank
        var result: [[(row: Int, score: Float)]] = []
        result.reserveCapacity(rows.count)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + block)]
            var slice = DenseMatrix(rows: chunk.count, columns: k)
            for (local, row) in chunk.enumerated() {
                for j in 0..<k { slice.values[local * k + j] = documentVectors.values[row * k + j] }
            }
            let cosines = Kernels.multiplyByTranspose(slice, documentVectors)
            cosines.values.withUnsafeBufferPointer { values in
                for (local, row) in chunk.enumerated() {
                    result.append(Self.best(count, of: values[(local * n)..<((local + 1) * n)], skipping: row))
                }
            }
            start += chunk.count
        }
        return result
    }

    /// The `count` largest values (and their positions, 0-based within the slice) but one position,
    /// largest first, ties by position; one pass with a small sorted list. O(N · count) worst case.
    static func best(
        _ count: Int, of values: Slice<UnsafeBufferPointer<Float>>, skipping skipped: Int
    ) -> [(row: Int, score: Float)] {
        var kept: [(row: Int, score: Float)] = []
        kept.reserveCapacity(count + 1)
        let base = values.startIndex
        for index in values.indices {
            let row = index - base, score = values[index]
            guard row != skipped else { continue }
            if kept.count == count, let last = kept.last, score <= last.score { continue }
            var position = kept.count
            while position > 0 && kept[position - 1].score < score { position -= 1 }
            kept.insert((row, score), at: position)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
