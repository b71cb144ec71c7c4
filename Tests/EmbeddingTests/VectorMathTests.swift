import Foundation
import Testing
@testable import Embedding

/// The SIMD kernels against Foundation's scalar functions and plain loops.
struct VectorMathTests {
    @Test("exp is within 2 ulp of the correctly rounded eˣ over the range softmax uses")
    func exponential() {
        for x in stride(from: Float(-87), through: 88, by: 0.013) {
            let expected = Foundation.exp(Double(x))
            #expect(abs(Double(VectorMath.exp(x)) - expected) <= 2 * Double(Float(expected).ulp), "exp(\(x))")
        }
        #expect(VectorMath.exp(-.infinity) < 1e-37)
        #expect(VectorMath.exp(0) == 1)
    }

    @Test("erf is within 4·10⁻⁷ of erf, and odd")
    func errorFunction() {
        for x in stride(from: Float(-6), through: 6, by: 0.001) {
            #expect(abs(Double(VectorMath.erf(x)) - Foundation.erf(Double(x))) <= 4e-7, "erf(\(x))")
            #expect(VectorMath.erf(-x) == -VectorMath.erf(x))
        }
    }

    @Test("softmax, layer norm and GELU agree with plain loops, tails included", arguments: [1, 7, 8, 9, 243, 384])
    func rowKernels(count: Int) {
        let input = (0..<count).map { Float(sin(Double($0) * 1.7) * 6) }
        var row = input
        row.withUnsafeMutableBufferPointer { VectorMath.softmax($0.baseAddress!, count: count) }
        let exponentials = input.map { Foundation.exp(Double($0 - input.max()!)) }
        let total = exponentials.reduce(0, +)
        #expect(zip(row, exponentials).allSatisfy { abs(Double($0) - $1 / total) < 1e-6 })

        let scale = (0..<count).map { 1 + Float($0 % 5) / 10 }, shift = (0..<count).map { Float($0 % 3) / 4 }
        row = input
        row.withUnsafeMutableBufferPointer {
            VectorMath.layerNorm($0.baseAddress!, count: count, scale: scale, shift: shift, epsilon: 1e-12)
        }
        let mean = input.reduce(0.0) { $0 + Double($1) } / Double(count)
        let variance = input.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(count)
        for k in 0..<count {
            let expected =
                (Double(input[k]) - mean) / (variance + 1e-12).squareRoot() * Double(scale[k]) + Double(shift[k])
            #expect(abs(Double(row[k]) - expected) < 1e-4 * max(1, abs(expected)))
        }

        row = input
        row.withUnsafeMutableBufferPointer { VectorMath.gelu($0.baseAddress!, count: count) }
        for k in 0..<count {
            let x = Double(input[k])
            #expect(abs(Double(row[k]) - 0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot()))) < 2e-6)
        }
    }
}
