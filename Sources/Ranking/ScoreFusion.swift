/// Combines two score lists over the same records into one.
///
/// Linear fusion of z-scores: each list is standardised over all N records (a record a list did not
/// score counts 0), z = (s − mean) / sd, and fused = (1 − w)·z_lexical + w·z_semantic. Standardising puts
/// BM25's unbounded scores and cosines on one scale. O(N).
public enum ScoreFusion {
    public static func linear(lexical: [Double], semantic: [Double], semanticWeight w: Double) -> [Double] {
        precondition(lexical.count == semantic.count)
        let a = standardised(lexical), b = standardised(semantic)
        return zip(a, b).map { (1 - w) * $0 + w * $1 }
    }

    /// (x − mean) / standard deviation; all zeros when the list does not vary.
    public static func standardised(_ values: [Double]) -> [Double] {
        guard !values.isEmpty else { return [] }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let sd = variance.squareRoot()
        return sd > 0 ? values.map { ($0 - mean) / sd } : [Double](repeating: 0, count: values.count)
    }
}
