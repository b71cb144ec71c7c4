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
                    cblas_sgemv(
                        CblasRowMajor, CblasNoTrans, Int32(a.rows), Int32(a.columns), 1,
                        matrix.baseAddress, Int32(a.columns), vector.baseAddress, 1, 0, result.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// C = A·B (row-major). BLAS `sgemm`; O(m × n × k).
    public static func multiply(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        sgemm(a, transposed: false, b, transposed: false)
    }

    /// C = Aᵀ·B (row-major A: k × m, B: k × n). BLAS `sgemm` with A transposed; O(m × n × k).
    public static func multiplyTransposed(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        sgemm(a, transposed: true, b, transposed: false)
    }

    /// C = A·Bᵀ (row-major A: m × k, B: n × k). BLAS `sgemm` with B transposed; O(m × n × k).
    public static func multiplyByTranspose(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        sgemm(a, transposed: false, b, transposed: true)
    }

    /// op(A)·op(B) for row-major matrices, op being the identity or the transpose.
    private static func sgemm(
        _ a: DenseMatrix, transposed transposeA: Bool, _ b: DenseMatrix, transposed transposeB: Bool
    ) -> DenseMatrix {
        let m = transposeA ? a.columns : a.rows, k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition(k == (transposeB ? b.columns : b.rows), "the inner dimensions of a product must agree")
        var c = DenseMatrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.values.withUnsafeBufferPointer { left in
            b.values.withUnsafeBufferPointer { right in
                c.values.withUnsafeMutableBufferPointer { result in
                    cblas_sgemm(
                        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1, left.baseAddress, Int32(a.columns),
                        right.baseAddress, Int32(b.columns), 0, result.baseAddress, Int32(n))
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
