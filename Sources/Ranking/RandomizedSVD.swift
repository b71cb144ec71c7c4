internal import Foundation
internal import CLAPACKE
internal import EvidenceCore

/// A truncated singular value decomposition A ≈ U Σ Vᵀ of a sparse matrix by the randomized range finder
/// (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1):
///
/// 1. Y = A Ω with a seeded Gaussian Ω (columns × ℓ, ℓ = rank + oversampling);
/// 2. `powerIterations` times: Q = orth(Y), Z = orth(Aᵀ Q), Y = A Z (sharpens a slowly decaying spectrum);
/// 3. Q = orth(Y); Z = Aᵀ Q (= Bᵀ for B = Qᵀ A);
/// 4. the small SVD Z = Ũ Σ W̃ᵀ (LAPACK `sgesdd`); then A's right singular vectors are V = Ũ.
///
/// orth is a QR factorisation (LAPACK `sgeqrf` + `sorgqr`). Cost: O((nnz(A)·ℓ)·(2 + 2q) + columns·ℓ²).
public struct RandomizedSVD: Sendable {
    public var rank: Int
    public var oversampling = 10
    public var powerIterations = 2
    public var seed: UInt64 = 0x5EED

    public init(rank: Int) { self.rank = rank }

    public struct Result: Sendable {
        /// A's leading right singular vectors, one row per column of A (columns × rank).
        public var rightVectors: DenseMatrix
        public var singularValues: [Float]
    }

    public enum Failure: Error, CustomStringConvertible {
        case lapack(routine: String, info: Int32)
        public var description: String {
            switch self {
            case let .lapack(routine, info): "LAPACK \(routine) failed (info \(info))"
            }
        }
    }

    public func decompose(_ a: SparseMatrix) throws(Failure) -> Result {
        let width = min(rank + oversampling, a.rows, a.columns)
        let keep = min(rank, width)
        var generator = Gaussian(seed: seed)
        var omega = DenseMatrix(rows: a.columns, columns: width)
        for index in omega.values.indices { omega.values[index] = generator.next() }

        var y = a.multiply(omega)
        for _ in 0..<powerIterations {
            try Self.orthonormalise(&y)
            var z = a.multiplyTransposed(y)
            try Self.orthonormalise(&z)
            y = a.multiply(z)
        }
        try Self.orthonormalise(&y)
        var z = a.multiplyTransposed(y)  // columns × width

        var singular = [Float](repeating: 0, count: width)
        var u = DenseMatrix(rows: z.rows, columns: width)
        var vt = DenseMatrix(rows: width, columns: width)
        let info = z.values.withUnsafeMutableBufferPointer { zb in
            singular.withUnsafeMutableBufferPointer { sb in
                u.values.withUnsafeMutableBufferPointer { ub in
                    vt.values.withUnsafeMutableBufferPointer { vb in
                        LAPACKE_sgesdd(
                            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(z.rows), Int32(width), zb.baseAddress,
                            Int32(width),
                            sb.baseAddress, ub.baseAddress, Int32(width), vb.baseAddress, Int32(width))
                    }
                }
            }
        }
        guard info == 0 else { throw .lapack(routine: "sgesdd", info: info) }
        return Result(rightVectors: u.leadingColumns(keep), singularValues: Array(singular.prefix(keep)))
    }

    /// Replaces the columns of `m` (rows ≥ columns) by an orthonormal basis of their span (QR).
    static func orthonormalise(_ m: inout DenseMatrix) throws(Failure) {
        let rows = Int32(m.rows), columns = Int32(m.columns)
        var tau = [Float](repeating: 0, count: m.columns)
        var info = m.values.withUnsafeMutableBufferPointer { values in
            tau.withUnsafeMutableBufferPointer {
                LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, rows, columns, values.baseAddress, columns, $0.baseAddress)
            }
        }
        guard info == 0 else { throw .lapack(routine: "sgeqrf", info: info) }
        info = m.values.withUnsafeMutableBufferPointer { values in
            tau.withUnsafeMutableBufferPointer {
                LAPACKE_sorgqr(LAPACK_ROW_MAJOR, rows, columns, columns, values.baseAddress, columns, $0.baseAddress)
            }
        }
        guard info == 0 else { throw .lapack(routine: "sorgqr", info: info) }
    }
}

/// Seeded standard normal numbers (`SplitMix64` and the Box–Muller transform).
struct Gaussian {
    private var uniform: SplitMix64
    private var spare: Float?

    init(seed: UInt64) { uniform = SplitMix64(seed: seed) }

    /// Uniform in (0, 1): never 0, so its logarithm is finite.
    private mutating func open() -> Double { (Double(uniform.next() >> 11) + 0.5) / Double(UInt64(1) << 53) }

    mutating func next() -> Float {
        if let spare { self.spare = nil; return spare }
        let radius = (-2 * log(open())).squareRoot(), angle = 2 * Double.pi * open()
        spare = Float(radius * sin(angle))
        return Float(radius * cos(angle))
    }
}
