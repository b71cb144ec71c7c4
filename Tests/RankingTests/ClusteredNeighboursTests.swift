import Testing
import EvidenceTestSupport
@testable import Ranking

/// The approximate related-records search finds nearly all of the exact search's neighbours.
@Suite struct ClusteredNeighboursTests {
    /// `count` unit vectors in `dimensions`, each a noisy copy of one of `topics` random directions:
    /// the shape of LSA vectors, where records gather around what they are about.
    static func topicalVectors(count: Int, dimensions: Int, topics: Int, seed: UInt64) -> DenseMatrix {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<topics).map { _ in (0..<dimensions).map { _ in Float.random(in: -1...1, using: &generator) }
        }
        var matrix = DenseMatrix(rows: count, columns: dimensions)
        for row in 0..<count {
            let centre = centres[Int.random(in: 0..<topics, using: &generator)]
            for j in 0..<dimensions { matrix[row, j] = centre[j] + Float.random(in: -0.6...0.6, using: &generator) }
        }
        matrix.normaliseRows()
        return matrix
    }

    @Test func findsMostOfTheExactNeighbours() {
        let vectors = Self.topicalVectors(count: 6000, dimensions: 24, topics: 80, seed: 3)
        let space = SemanticSpace(termVectors: DenseMatrix(rows: 1, columns: 24), documentVectors: vectors)
        let exact = space.nearestNeighbours(of: Array(0..<vectors.rows), count: 5)
        let approximate = ClusteredNeighbours().neighbours(of: vectors, count: 5)

        var found = 0
        for row in 0..<vectors.rows {
            #expect(approximate[row].count == 5)
            #expect(!approximate[row].contains { $0.row == row }, "a record is never its own related record")
            #expect(
                zip(approximate[row], approximate[row].dropFirst()).allSatisfy { $0.score >= $1.score }, "closest first"
            )
            for neighbour in approximate[row] {
                let cosine = (0..<24).reduce(Float(0)) { $0 + vectors[row, $1] * vectors[neighbour.row, $1] }
                #expect(abs(cosine - neighbour.score) < 1e-4, "each score is the true cosine")
            }
            found += Set(approximate[row].map(\.row)).intersection(exact[row].map(\.row)).count
        }
        let recall = Double(found) / Double(5 * vectors.rows)
        #expect(recall >= 0.9, "recall of the exact 5 nearest: \(recall)")
    }

    @Test func isDeterministicAndCopesWithTinyInputs() {
        let vectors = Self.topicalVectors(count: 500, dimensions: 8, topics: 6, seed: 9)
        let first = ClusteredNeighbours().neighbours(of: vectors, count: 3).map { $0.map(\.row) }
        let second = ClusteredNeighbours().neighbours(of: vectors, count: 3).map { $0.map(\.row) }
        #expect(first == second)
        let one = ClusteredNeighbours().neighbours(
            of: Self.topicalVectors(count: 1, dimensions: 8, topics: 1, seed: 1), count: 3)
        #expect(one.count == 1 && one[0].isEmpty)
        let two = ClusteredNeighbours().neighbours(
            of: Self.topicalVectors(count: 2, dimensions: 8, topics: 1, seed: 1), count: 3)
        #expect(two.map { $0.map(\.row) } == [[1], [0]])
    }
}
