internal import Foundation
internal import EvidenceCore

/// A dense row-major matrix of `Float`: `values[row * columns + column]`.
public struct DenseMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "a \(rows) × \(columns) matrix needs \(rows * columns) values")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public func row(_ index: Int) -> ArraySlice<Float> { values[(index * columns)..<((index + 1) * columns)] }

    /// The first `count` columns.
    public func leadingColumns(_ count: Int) -> DenseMatrix {
        var result = DenseMatrix(rows: rows, columns: count)
        for row in 0..<rows {
            for column in 0..<count { result[row, column] = self[row, column] }
        }
        return result
    }

    /// Scales every row to unit Euclidean length (rows of zeros stay zero).
    public mutating func normaliseRows() {
        for row in 0..<rows {
            let range = (row * columns)..<((row + 1) * columns)
            let length = values[range].reduce(0) { $0 + $1 * $1 }.squareRoot()
            if length > 0 { for index in range { values[index] /= length } }
        }
    }
}

/// A sparse matrix in compressed sparse row form: row r's entries are `columnIndices[rowStarts[r]..<rowStarts[r+1]]`.
public struct SparseMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var rowStarts: [Int]
    public var columnIndices: [Int32]
    public var values: [Float]

    public init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int32], values: [Float]) {
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Builds the matrix from each row's (column, value) entries.
    public init(columns: Int, rowEntries: [[(column: Int, value: Float)]]) {
        rows = rowEntries.count
        self.columns = columns
        rowStarts = [0]
        columnIndices = []
        values = []
        for entries in rowEntries {
            for entry in entries {
                columnIndices.append(Int32(entry.column))
                values.append(entry.value)
            }
            rowStarts.append(columnIndices.count)
        }
    }

    /// self · dense: (rows × columns)(columns × k) → rows × k. O(nonzeros × k), the rows spread over
    /// every core in blocks (each block writes its own rows of the result).
    public func multiply(_ dense: DenseMatrix) -> DenseMatrix {
        precondition(dense.rows == columns)
        let k = dense.columns
        var result = DenseMatrix(rows: rows, columns: k)
        result.values.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let target = out
            _ = forEachRowBlock { range in accumulate(rows: range, of: dense, into: target, transposed: false) }
        }
        return result
    }

    /// selfᵀ · dense: (columns × rows)(rows × k) → columns × k. O(nonzeros × k); each block of rows
    /// adds into a partial result of its own, and the partial results are summed (O(blocks × columns × k)).
    public func multiplyTransposed(_ dense: DenseMatrix) -> DenseMatrix {
        precondition(dense.rows == rows)
        let k = dense.columns
        let partials = forEachRowBlock { range in
            var partial = [Float](repeating: 0, count: columns * k)
            partial.withUnsafeMutableBufferPointer { accumulate(rows: range, of: dense, into: $0, transposed: true) }
            return partial
        }
        var result = DenseMatrix(
            rows: columns, columns: k, values: partials.first ?? [Float](repeating: 0, count: columns * k))
        for partial in partials.dropFirst() {
            for index in result.values.indices { result.values[index] += partial[index] }
        }
        return result
    }

    /// For each row r in `range` and each entry (c, v) of it: out[r] += v·dense[c] (or out[c] += v·dense[r]
    /// when `transposed`), rows of k floats.
    private func accumulate(
        rows range: Range<Int>, of dense: DenseMatrix, into out: UnsafeMutableBufferPointer<Float>, transposed: Bool
    ) {
        let k = dense.columns
        dense.values.withUnsafeBufferPointer { input in
            for row in range {
                for entry in rowStarts[row]..<rowStarts[row + 1] {
                    let value = values[entry], column = Int(columnIndices[entry])
                    let source = (transposed ? row : column) * k, target = (transposed ? column : row) * k
                    for j in 0..<k { out[target + j] += value * input[source + j] }
                }
            }
        }
    }

    /// `body` over consecutive blocks of rows, one per core (one block in all for small matrices).
    private func forEachRowBlock<T>(_ body: (Range<Int>) -> T) -> [T] {
        let blocks = rows < 4096 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        let size = (rows + blocks - 1) / max(blocks, 1)
        return Parallel.map(blocks) { block in body(min(rows, block * size)..<min(rows, (block + 1) * size)) }
    }
}
