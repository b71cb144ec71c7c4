/// Combines two score lists over the same records into one.
///
/// Linear fusion of z-scores: each list is standardised over all N records (a record a list did not
/// score counts 0), z = (s − mean) / sd, and fused = (1 − w)·z_lexical + w·z_semantic. Standardising puts
/// BM25's unbounded scores and cosines on one scale. O(N).
public enum ScoreFusion {
    /// The mean and standard deviation of a list: two passes (the mean, then the squared deviations),
    /// each with four running sums so the additions pipeline. O(N).
    public struct Moments: Sendable {
        public let mean: Double
        public let standardDeviation: Double

        public init(_ values: [Double]) {
            let count = Double(max(values.count, 1))
            mean = Self.sum(values) { $0 } / count
            let mean = mean
            standardDeviation = (Self.sum(values) { ($0 - mean) * ($0 - mean) } / count).squareRoot()
        }

        /// (x − mean) / sd; 0 when the list does not vary.
        public func z(_ x: Double) -> Double { standardDeviation > 0 ? (x - mean) / standardDeviation : 0 }

        @inline(__always)
        private static func sum(_ values: [Double], _ term: (Double) -> Double) -> Double {
            values.withUnsafeBufferPointer { buffer in
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                var index = 0
                while index + 4 <= buffer.count {
                    s0 += term(buffer[index]); s1 += term(buffer[index + 1])
                    s2 += term(buffer[index + 2]); s3 += term(buffer[index + 3])
                    index += 4
                }
                while index < buffer.count { s0 += term(buffer[index]); index += 1 }
                return (s0 + s1) + (s2 + s3)
            }
        }
    }

    public static func linear(lexical: [Double], semantic: [Double], semanticWeight w: Double) -> [Double] {
        linear(lexical: lexical, Moments(lexical), semantic: semantic, Moments(semantic), semanticWeight: w)
    }

    /// The same with each list's moments already known: one pass, fused = a·lexical + b·semantic + c,
    /// with a = (1 − w)/sd_lexical, b = w/sd_semantic, c = −a·mean_lexical − b·mean_semantic (a term
    /// whose list does not vary is left out).
    public static func linear(
        lexical: [Double], _ lexicalMoments: Moments, semantic: [Double], _ semanticMoments: Moments,
        semanticWeight w: Double
    ) -> [Double] {
        precondition(lexical.count == semantic.count)
        let a = lexicalMoments.standardDeviation > 0 ? (1 - w) / lexicalMoments.standardDeviation : 0
        let b = semanticMoments.standardDeviation > 0 ? w / semanticMoments.standardDeviation : 0
        let c = -a * lexicalMoments.mean - b * semanticMoments.mean
        return [Double](unsafeUninitializedCapacity: lexical.count) { fused, initialised in
            lexical.withUnsafeBufferPointer { lexical in
                semantic.withUnsafeBufferPointer { semantic in
                    for index in 0..<lexical.count { fused[index] = a * lexical[index] + b * semantic[index] + c }
                }
            }
            initialised = lexical.count
        }
    }

    /// (x − mean) / standard deviation; all zeros when the list does not vary.
    public static func standardised(_ values: [Double]) -> [Double] {
        let moments = Moments(values)
        return values.map(moments.z)
    }
}
