import Testing
import EvidenceTestSupport
@testable import Ranking

/// Every BLAS kernel agrees with its plain-loop reference on seeded random inputs (relative error ≤ 1e-4).
@Suite struct KernelTests {
    static func random(_ rows: Int, _ columns: Int, _ generator: inout SeededGenerator) -> DenseMatrix {
        DenseMatrix(
            rows: rows, columns: columns,
            values: (0..<(rows * columns)).map { _ in Float.random(in: -1...1, using: &generator) })
    }

    static func relativeError(_ a: [Float], _ b: [Float]) -> Float {
        let difference = zip(a, b).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let size = b.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return size > 0 ? difference / size : difference
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func matrixVectorAgrees(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let a = Self.random(
            Int.random(in: 1...300, using: &generator), Int.random(in: 1...64, using: &generator), &generator)
        let x = (0..<a.columns).map { _ in Float.random(in: -1...1, using: &generator) }
        #expect(Self.relativeError(Kernels.multiply(a, x), Kernels.Reference.multiply(a, x)) <= 1e-4)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func matrixMatrixAgrees(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let m = Int.random(in: 1...80, using: &generator), k = Int.random(in: 1...60, using: &generator),
            n = Int.random(in: 1...70, using: &generator)
        let a = Self.random(m, k, &generator), b = Self.random(k, n, &generator), c = Self.random(m, n, &generator)
        #expect(Self.relativeError(Kernels.multiply(a, b).values, Kernels.Reference.multiply(a, b).values) <= 1e-4)
        #expect(
            Self.relativeError(
                Kernels.multiplyTransposed(a, c).values, Kernels.Reference.multiplyTransposed(a, c).values) <= 1e-4)
        let d = Self.random(n, k, &generator)
        #expect(
            Self.relativeError(
                Kernels.multiplyByTranspose(a, d).values, Kernels.Reference.multiplyByTranspose(a, d).values) <= 1e-4)
    }

    @Test func aBatchScoresLikeSingleQueries() throws {
        var generator = SeededGenerator(seed: 11)
        var documents = Self.random(50, 8, &generator)
        documents.normaliseRows()
        let space = SemanticSpace(termVectors: DenseMatrix(rows: 1, columns: 8), documentVectors: documents)
        var queries = Self.random(4, 8, &generator)
        queries.normaliseRows()
        let batch = space.scores(batch: queries)
        for q in 0..<4 {
            let single = space.scores(Array(queries.row(q)))
            #expect(Self.relativeError((0..<50).map { batch[$0, q] }, single) <= 1e-4)
        }
    }

    @Test(arguments: [UInt64(7), 8])
    func sparseProductsAgreeWithDense(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let rows = 40, columns = 30
        let entries: [[(column: Int, value: Float)]] = (0..<rows).map { _ in
            Array(Set((0..<5).map { _ in Int.random(in: 0..<columns, using: &generator) })).sorted().map {
                ($0, Float.random(in: -1...1, using: &generator))
            }
        }
        let sparse = SparseMatrix(columns: columns, rowEntries: entries)
        var dense = DenseMatrix(rows: rows, columns: columns)
        for (row, list) in entries.enumerated() { for entry in list { dense[row, entry.column] = entry.value } }
        let b = Self.random(columns, 6, &generator), c = Self.random(rows, 6, &generator)
        #expect(Self.relativeError(sparse.multiply(b).values, Kernels.Reference.multiply(dense, b).values) <= 1e-4)
        #expect(
            Self.relativeError(
                sparse.multiplyTransposed(c).values, Kernels.Reference.multiplyTransposed(dense, c).values) <= 1e-4)
    }
}

@Suite struct SemanticTests {
    @Test func randomizedSVDRecoversAKnownSpectrum() throws {
        // A = diag(5, 3, 1, 0.5, …) on a 60 × 50 sparse matrix: its singular values are known exactly.
        let diagonal: [Float] = [5, 3, 1, 0.5, 0.25]
        let entries: [[(column: Int, value: Float)]] = (0..<60).map { row in
            row < diagonal.count ? [(row, diagonal[row])] : []
        }
        let result = try RandomizedSVD(rank: 3).decompose(SparseMatrix(columns: 50, rowEntries: entries))
        #expect(result.singularValues.count == 3)
        for (found, expected) in zip(result.singularValues, diagonal) { #expect(abs(found - expected) < 1e-3) }
        // The right vectors are the first three unit axes, up to sign.
        for axis in 0..<3 { #expect(abs(abs(result.rightVectors[axis, axis]) - 1) < 1e-3) }
    }

    @Test func relatedTermsMeetInTheSpace() throws {
        // Records 0–2 use terms {0, 1}, records 3–5 use {2, 3}; a query on term 0 finds records with term 1.
        let entries: [[(column: Int, value: Float)]] = [
            [(0, 1), (1, 1)], [(1, 1)], [(0, 1), (1, 1)], [(2, 1), (3, 1)], [(3, 1)], [(2, 1), (3, 1)],
        ]
        let space = try SemanticSpace.build(SparseMatrix(columns: 4, rowEntries: entries), rank: 2)
        let scores = space.scores(space.project([(term: 0, weight: 1)]))
        #expect(scores[1] > 0.9)  // record 1 never says term 0, but its topic is the same
        #expect(abs(scores[4]) < 0.1)
    }

    @Test func fusionStandardisesBothLists() {
        let fused = ScoreFusion.linear(lexical: [10, 0, 0, 5], semantic: [0.1, 0.9, 0.1, 0.1], semanticWeight: 0.5)
        #expect(fused.firstIndex(of: fused.max()!) == 0)
        #expect(abs(fused.reduce(0, +)) < 1e-9)  // z-scores sum to zero, and so does their mix
        #expect(ScoreFusion.standardised([3, 3, 3]) == [0, 0, 0])
    }

    @Test func topKIsBestFirstWithTiesByIdentifier() {
        let picked = TopK.select([1, 5, 5, 2, 5], identifiers: ["a", "e", "b", "c", "d"], k: 3)
        #expect(picked.map(\.index) == [2, 4, 1])  // the three 5s, by identifier b, d, e
        #expect(TopK.select([1], identifiers: ["a"], k: 0).isEmpty)
    }
}
