/// The element-wise kernels of the forward pass (the products are BLAS): branch-free scalar code
/// that the optimiser turns into SIMD loops, because calls to libm's `expf` and `erff` took a
/// third of the encoder's time. (Written on scalars rather than `SIMD8<Float>`, whose generic
/// lane-by-lane operations make unoptimised test builds about fifty times slower.)
///
/// Accuracy: ``exp(_:)`` is within 2 ulp of eˣ (Cephes `expf`); ``erf(_:)`` is within 4·10⁻⁷ of
/// erf(x) (7 ulp at worst, near |x| = 2.9), so the erf-based GELU below is exact to a relative
/// 2·10⁻⁷, the resolution of a float.
enum VectorMath {
    /// eˣ by x = k·ln 2 + r with |r| ≤ ½ ln 2, eʳ from a degree-6 polynomial and 2ᵏ written into
    /// the exponent bits. Inputs are clamped to [−87.3, 88]: below, the result is the smallest
    /// normal float (≈ 1.2·10⁻³⁸) instead of a subnormal or zero.
    @inline(__always)
    static func exp(_ input: Float) -> Float {
        let x = input < -87.336_54 ? -87.336_54 : (input > 88 ? 88 : input)
        // Adding 1.5·2²³ rounds x·log₂e to the nearest integer k and leaves k in the low mantissa bits.
        let magic: Float = 12_582_912
        let shifted = x * 1.442_695_04 + magic
        let k = shifted - magic
        let r = x - k * 0.693_359_375 + k * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let twoToTheK = Float(bitPattern: (shifted.bitPattern &- magic.bitPattern &+ 127) &<< 23)
        return (p * r * r + r + 1) * twoToTheK
    }

    /// erf(x) as x·P(x²)/Q(x²) on x clamped to [−4, 4] (beyond, erf rounds to ±1 in float), with
    /// the degree-13/8 minimax coefficients Eigen and TensorFlow use.
    @inline(__always)
    static func erf(_ input: Float) -> Float {
        let x = input < -4 ? -4 : (input > 4 ? 4 : input)
        let x2 = x * x
        var p: Float = -2.726_142_25e-10
        p = p * x2 + 2.770_681_42e-8
        p = p * x2 - 2.101_024_02e-6
        p = p * x2 - 5.692_506_39e-5
        p = p * x2 - 7.349_906_30e-4
        p = p * x2 - 2.954_599_81e-3
        p = p * x2 - 1.609_603_33e-2
        var q: Float = -1.456_607_18e-5
        q = q * x2 - 2.133_740_55e-4
        q = q * x2 - 1.682_826_97e-3
        q = q * x2 - 7.373_329_17e-3
        q = q * x2 - 1.426_473_91e-2
        return x * p / q
    }

    /// x ← x·½(1 + erf(x/√2)), the exact GELU, over `count` floats. O(count).
    static func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for k in 0..<count {
            let x = values[k]
            values[k] = 0.5 * x * (1 + erf(x * 0.707_106_78))
        }
    }

    /// x ← exp(x − max x) / Σ exp(x − max x) over one row of `count` floats. O(count).
    static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) {
        let largest = maximum(row, count: count)
        for k in 0..<count { row[k] = exp(row[k] - largest) }
        let reciprocal = 1 / sum(row, count: count)
        for k in 0..<count { row[k] *= reciprocal }
    }

    /// x ← γ ⊙ (x − μ)/√(σ² + ε) + β over one row, μ and σ² the row's mean and (biased) variance.
    /// O(count).
    static func layerNorm(
        _ row: UnsafeMutablePointer<Float>, count: Int,
        scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, epsilon: Float
    ) {
        let mean = sum(row, count: count) / Float(count)
        for k in 0..<count { row[k] -= mean }
        let inverseDeviation = 1 / (sumOfSquares(row, count: count) / Float(count) + epsilon).squareRoot()
        for k in 0..<count { row[k] = row[k] * inverseDeviation * scale[k] + shift[k] }
    }

    // Reductions, in eight lanes: the optimiser does not reorder a scalar float sum into SIMD.

    private typealias Lanes = SIMD8<Float>

    @inline(__always)
    private static func lanes(_ values: UnsafePointer<Float>, at offset: Int) -> Lanes {
        UnsafeRawPointer(values + offset).loadUnaligned(as: Lanes.self)
    }

    /// Σ values[k].
    private static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        var partial = Lanes(), k = 0
        while k + Lanes.scalarCount <= count {
            partial += lanes(values, at: k)
            k += Lanes.scalarCount
        }
        var total = partial.sum()
        while k < count {
            total += values[k]
            k += 1
        }
        return total
    }

    /// Σ values[k]².
    private static func sumOfSquares(_ values: UnsafePointer<Float>, count: Int) -> Float {
        var partial = Lanes(), k = 0
        while k + Lanes.scalarCount <= count {
            let x = lanes(values, at: k)
            partial += x * x
            k += Lanes.scalarCount
        }
        var total = partial.sum()
        while k < count {
            total += values[k] * values[k]
            k += 1
        }
        return total
    }

    /// max values[k] (−∞ for no values).
    private static func maximum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        var partial = Lanes(repeating: -.infinity), k = 0
        while k + Lanes.scalarCount <= count {
            let x = lanes(values, at: k)
            partial.replace(with: x, where: x .> partial)
            k += Lanes.scalarCount
        }
        var largest = -Float.infinity
        for lane in 0..<Lanes.scalarCount where partial[lane] > largest { largest = partial[lane] }
        while k < count {
            if values[k] > largest { largest = values[k] }
            k += 1
        }
        return largest
    }
}
