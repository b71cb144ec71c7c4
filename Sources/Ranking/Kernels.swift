internal import CBLAS

/// The dense products the ranking core needs, each with a BLAS version and a plain-loop reference
/// version beside it; a seeded test checks that the two agree.
public enum Kernels {
    /// y = A·x for a row-major A (rows × columns). BLAS `sgemv`; O(rows × columns).
    public static func multiply(_ a: DenseMatrix, _ x: [Float]) -> [Float] {
        precondition(x.count == a.columns)
        var y = [Float](repeating: 0, count: a.rows)
        guard a.rows > 0, a.columns > 0 else { return y }
        a.values.withUnsafeBufferPointer { matrix in
            x.withUnsafeBufferPointer { vector in
                y.withUnsafeMutableBufferPointer { result in
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(a.rows), Int32(a.columns), 1,
                                matrix.baseAddress, Int32(a.columns), vector.baseAddress, 1, 0, result.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// C = A·B (row-major). BLAS `sgemm`; O(m × n × k).
    public static func multiply(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        precondition(a.columns == b.rows)
        var c = DenseMatrix(rows: a.rows, columns: b.columns)
        guard a.rows > 0, b.columns > 0, a.columns > 0 else { return c }
        a.values.withUnsafeBufferPointer { left in
            b.values.withUnsafeBufferPointer { right in
                c.values.withUnsafeMutableBufferPointer { result in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(a.rows), Int32(b.columns), Int32(a.columns), 1,
                                left.baseAddress, Int32(a.columns), right.baseAddress, Int32(b.columns), 0, result.baseAddress, Int32(b.columns))
                }
            }
        }
        return c
    }

    /// C = Aᵀ·B (row-major A: k × m, B: k × n). BLAS `sgemm` with A transposed; O(m × n × k).
    public static func multiplyTransposed(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        precondition(a.rows == b.rows)
        var c = DenseMatrix(rows: a.columns, columns: b.columns)
        guard a.columns > 0, b.columns > 0, a.rows > 0 else { return c }
        a.values.withUnsafeBufferPointer { left in
            b.values.withUnsafeBufferPointer { right in
                c.values.withUnsafeMutableBufferPointer { result in
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(a.columns), Int32(b.columns), Int32(a.rows), 1,
                                left.baseAddress, Int32(a.columns), right.baseAddress, Int32(b.columns), 0, result.baseAddress, Int32(b.columns))
                }
            }
        }
        return c
    }

    /// C = A·Bᵀ (row-major A: m × k, B: n × k). BLAS `sgemm` with B transposed; O(m × n × k).
    public static func multiplyByTranspose(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        precondition(a.columns == b.columns)
        var c = DenseMatrix(rows: a.rows, columns: b.rows)
        guard a.rows > 0, b.rows > 0, a.columns > 0 else { return c }
        a.values.withUnsafeBufferPointer { left in
            b.values.withUnsafeBufferPointer { right in
                c.values.withUnsafeMutableBufferPointer { result in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(a.rows), Int32(b.rows), Int32(a.columns), 1,
                                left.baseAddress, Int32(a.columns), right.baseAddress, Int32(b.columns), 0, result.baseAddress, Int32(b.rows))
                }
            }
        }
        return c
    }

    /// Reference loops for the products above, written for clarity, not speed.
    public enum Reference {
        public static func multiply(_ a: DenseMatrix, _ x: [Float]) -> [Float] {
            (0..<a.rows).map { row in (0..<a.columns).reduce(Float(0)) { $0 + a[row, $1] * x[$1] } }
        }

        public static func multiply(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
            var c = DenseMatrix(rows: a.rows, columns: b.columns)
            for i in 0..<a.rows { for j in 0..<b.columns { for k in 0..<a.columns { c[i, j] += a[i, k] * b[k, j] } } }
            return c
        }

        public static func multiplyTransposed(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
            var c = DenseMatrix(rows: a.columns, columns: b.columns)
            for i in 0..<a.columns { for j in 0..<b.columns { for k in 0..<a.rows { c[i, j] += a[k, i] * b[k, j] } } }
            return c
        }

        public static func multiplyByTranspose(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
            var c = DenseMatrix(rows: a.rows, columns: b.rows)
            for i in 0..<a.rows { for j in 0..<b.rows { for k in 0..<a.columns { c[i, j] += a[i, k] * b[j, k] } } }
            return c
        }
    }
}
