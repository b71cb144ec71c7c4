internal import CBLAS

/// The BERT encoder's forward pass followed by mean pooling and L2 normalisation: token ids in,
/// one unit vector of width d = 384 per sequence out.
///
/// For a sequence of n tokens, with X the n × d matrix of token vectors:
/// - embeddings: Xᵢ = LayerNorm(word[idᵢ] + position[i] + tokenType[0]);
/// - each of the L = 6 layers:
///   [Q K V] = X·W_qkvᵀ + b_qkv (one GEMM against the stacked [3d × d] weight);
///   per head j (h = 12 heads of width d/h = 32): A_j = softmax(Q_j·K_jᵀ / √(d/h))·V_j, two GEMMs;
///   X = LayerNorm(X + [A_1 … A_h]·W_oᵀ + b_o);
///   X = LayerNorm(X + GELU(X·W_1ᵀ + b_1)·W_2ᵀ + b_2), GELU(x) = x·½(1 + erf(x/√2)) (exact);
/// - pooling: v = (1/n)·Σᵢ Xᵢ, returned as v / ‖v‖₂.
/// LayerNorm(x) = γ ⊙ (x − μ)/√(σ² + ε) + β over the d entries of each row.
///
/// A batch packs its sequences one after another (Σn rows) instead of padding them to a common
/// length: the dense layers run once over all rows, attention runs per sequence, so no token ever
/// sees another sequence and no attention mask is needed. Cost per sequence:
/// O(L·(n·d·(3d + d + 2f) + 2n²·d)) multiply-adds, f = 1536: about 21 MFLOP per token plus the
/// n² attention term, some 6 GFLOP for 256 tokens. Memory: Σn·(6d + f) + n_max² floats of
/// workspace per call (15 MB for 1024 tokens).
///
/// Thread safety: `embed` only reads the weights and allocates its own workspace, so concurrent
/// calls are safe; each call's BLAS products run on the calling thread unless the BLAS library
/// itself fans out.
struct BertModel: Sendable {
    let configuration: BertConfiguration
    let weights: BertWeights

    /// Embeds each sequence of token ids (each non-empty, at most
    /// ``BertConfiguration/maximumPositions`` long, every id below the vocabulary size) and returns
    /// one L2-normalised vector of width d per sequence, in order.
    func embed(_ sequences: [[Int32]]) -> [[Float]] {
        let d = configuration.hiddenSize, f = configuration.intermediateSize
        precondition(
            sequences.allSatisfy { !$0.isEmpty && $0.count <= configuration.maximumPositions },
            "every sequence needs 1...\(configuration.maximumPositions) tokens")
        guard !sequences.isEmpty else { return [] }
        let rows = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.map(\.count).max() ?? 0

        let workspace = UnsafeMutableBufferPointer<Float>.allocate(capacity: rows * (6 * d + f) + longest * longest)
        defer { workspace.deallocate() }
        let base = workspace.baseAddress!
        var hidden = base  // rows × d: the token vectors X
        var sum = hidden + rows * d  // rows × d: X + sublayer(X), before LayerNorm
        let qkv = sum + rows * d  // rows × 3d: Q, K, V side by side
        let context = qkv + rows * 3 * d  // rows × d: the heads' outputs, concatenated
        let inner = context + rows * d  // rows × f: the feed-forward hidden layer
        let scores = inner + rows * f  // n × n: one head's attention weights

        lookUpEmbeddings(sequences, into: hidden)
        layerNorm(hidden, rows: rows, scale: weights.embeddingNormScale, shift: weights.embeddingNormShift)
        for layer in weights.layers {
            linear(hidden, rows: rows, weight: layer.attentionInWeight, bias: layer.attentionInBias, into: qkv)
            attend(qkv, lengths: sequences.map(\.count), scores: scores, into: context)
            sum.update(from: hidden, count: rows * d)
            linear(
                context, rows: rows, weight: layer.attentionOutWeight, bias: layer.attentionOutBias, into: sum,
                accumulating: true)
            layerNorm(sum, rows: rows, scale: layer.attentionNormScale, shift: layer.attentionNormShift)
            swap(&hidden, &sum)

            linear(hidden, rows: rows, weight: layer.feedForwardInWeight, bias: layer.feedForwardInBias, into: inner)
            VectorMath.gelu(inner, count: rows * f)
            sum.update(from: hidden, count: rows * d)
            linear(
                inner, rows: rows, weight: layer.feedForwardOutWeight, bias: layer.feedForwardOutBias, into: sum,
                accumulating: true)
            layerNorm(sum, rows: rows, scale: layer.outputNormScale, shift: layer.outputNormShift)
            swap(&hidden, &sum)
        }
        return meanPooledUnitVectors(hidden, lengths: sequences.map(\.count))
    }

    /// Row r of `output` = word[id] + position[i] + tokenType[0] for the i-th token of its sequence.
    /// O(Σn·d).
    private func lookUpEmbeddings(_ sequences: [[Int32]], into output: UnsafeMutablePointer<Float>) {
        let d = configuration.hiddenSize
        weights.wordEmbeddings.withUnsafeBufferPointer { words in
            weights.positionEmbeddings.withUnsafeBufferPointer { positions in
                weights.tokenTypeEmbeddings.withUnsafeBufferPointer { types in
                    var row = output
                    for sequence in sequences {
                        for (position, id) in sequence.enumerated() {
                            precondition(
                                id >= 0 && Int(id) < configuration.vocabularySize,
                                "token id \(id) is outside the vocabulary")
                            let word = words.baseAddress! + Int(id) * d, place = positions.baseAddress! + position * d
                            for k in 0..<d { row[k] = word[k] + place[k] + types[k] }
                            row += d
                        }
                    }
                }
            }
        }
    }

    /// y = x·Wᵀ + b, or y += x·Wᵀ + b when `accumulating`, for x: rows × in and a Hugging Face
    /// weight W: out × in (so BLAS transposes W in place of a copy). One `sgemm`; O(rows·in·out).
    private func linear(
        _ x: UnsafePointer<Float>, rows: Int, weight: [Float], bias: [Float],
        into y: UnsafeMutablePointer<Float>, accumulating: Bool = false
    ) {
        let outputs = bias.count, inputs = weight.count / outputs
        bias.withUnsafeBufferPointer { b in
            for row in 0..<rows {
                let target = y + row * outputs
                if accumulating {
                    for k in 0..<outputs { target[k] += b[k] }
                } else {
                    target.update(from: b.baseAddress!, count: outputs)
                }
            }
        }
        weight.withUnsafeBufferPointer { w in
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                1, x, Int32(inputs), w.baseAddress, Int32(inputs), 1, y, Int32(outputs))
        }
    }

    /// Multi-head self-attention within each sequence: for every sequence and head j,
    /// context_j = softmax(Q_j·K_jᵀ / √(d/h))·V_j, reading Q, K, V in place from the
    /// rows × 3d `qkv` matrix through BLAS leading dimensions. 2h `sgemm`s per sequence;
    /// O(n²·d) per sequence.
    private func attend(
        _ qkv: UnsafePointer<Float>, lengths: [Int], scores: UnsafeMutablePointer<Float>,
        into context: UnsafeMutablePointer<Float>
    ) {
        let d = configuration.hiddenSize, headSize = configuration.headSize
        let stride = Int32(3 * d), scale = 1 / Float(headSize).squareRoot()
        var firstRow = 0
        for n in lengths {
            let n32 = Int32(n)
            for head in 0..<configuration.headCount {
                let query = qkv + firstRow * 3 * d + head * headSize
                let key = query + d, value = query + 2 * d
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, n32, n32, Int32(headSize),
                    scale, query, stride, key, stride, 0, scores, n32)
                for row in 0..<n { VectorMath.softmax(scores + row * n, count: n) }
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, Int32(headSize), n32,
                    1, scores, n32, value, stride, 0, context + firstRow * d + head * headSize, Int32(d))
            }
            firstRow += n
        }
    }

    /// Each row of `matrix` ← γ ⊙ (x − μ)/√(σ² + ε) + β (``VectorMath/layerNorm(_:count:scale:shift:epsilon:)``).
    /// O(rows·d).
    private func layerNorm(_ matrix: UnsafeMutablePointer<Float>, rows: Int, scale: [Float], shift: [Float]) {
        let d = configuration.hiddenSize
        scale.withUnsafeBufferPointer { gamma in
            shift.withUnsafeBufferPointer { beta in
                for row in 0..<rows {
                    VectorMath.layerNorm(
                        matrix + row * d, count: d, scale: gamma.baseAddress!, shift: beta.baseAddress!,
                        epsilon: configuration.layerNormEpsilon)
                }
            }
        }
    }

    /// For each sequence, the mean of its rows divided by its Euclidean norm (the norm floored at
    /// 10⁻¹² as sentence-transformers' Normalize does). O(Σn·d).
    private func meanPooledUnitVectors(_ hidden: UnsafePointer<Float>, lengths: [Int]) -> [[Float]] {
        let d = configuration.hiddenSize
        var firstRow = 0
        return lengths.map { n in
            var mean = [Float](repeating: 0, count: d)
            for row in firstRow..<firstRow + n {
                for k in 0..<d { mean[k] += hidden[row * d + k] }
            }
            firstRow += n
            let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot() / Float(n)
            let factor = 1 / (Float(n) * max(norm, 1e-12))
            return mean.map { $0 * factor }
        }
    }
}
