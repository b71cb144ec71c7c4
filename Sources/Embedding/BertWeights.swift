/// The parameters of the BERT encoder, copied out of `model.safetensors` and checked against
/// ``BertConfiguration``.
///
/// Linear layers keep Hugging Face's layout: a weight W of shape [out × in], row-major, applied as
/// y = x·Wᵀ + b (BLAS is asked for the transpose, nothing is copied to transpose). The query, key
/// and value projections of each layer are stacked at load into one [3d × d] weight (rows 0..<d
/// query, d..<2d key, 2d..<3d value) with a [3d] bias, so one GEMM produces Q, K and V together.
/// Tensor names may carry a `bert.` prefix (checkpoints saved from `BertForPreTraining` and the
/// like) or not (a bare `BertModel`); the pooler, unused by mean pooling, is ignored.
struct BertWeights: Sendable {
    /// One transformer layer.
    struct Layer: Sendable {
        /// [3d × d]: query, key and value weights stacked by rows.
        var attentionInWeight: [Float]
        /// [3d]: query, key and value biases.
        var attentionInBias: [Float]
        /// [d × d] and [d]: the projection of the concatenated heads.
        var attentionOutWeight: [Float]
        var attentionOutBias: [Float]
        /// [d]: γ and β of the LayerNorm after attention.
        var attentionNormScale: [Float]
        var attentionNormShift: [Float]
        /// [f × d] and [f]: the first feed-forward projection (f = 1536).
        var feedForwardInWeight: [Float]
        var feedForwardInBias: [Float]
        /// [d × f] and [d]: the second feed-forward projection.
        var feedForwardOutWeight: [Float]
        var feedForwardOutBias: [Float]
        /// [d]: γ and β of the LayerNorm after the feed-forward block.
        var outputNormScale: [Float]
        var outputNormShift: [Float]
    }

    /// [vocabulary × d], [positions × d], [types × d].
    var wordEmbeddings: [Float]
    var positionEmbeddings: [Float]
    var tokenTypeEmbeddings: [Float]
    /// [d]: γ and β of the LayerNorm over the summed embeddings.
    var embeddingNormScale: [Float]
    var embeddingNormShift: [Float]
    var layers: [Layer]

    /// Reads every tensor the forward pass needs, checking each name, dtype (F32) and shape.
    /// O(parameter count) time; about 87 MB of floats for all-MiniLM-L6-v2.
    init(file: SafetensorsFile, configuration c: BertConfiguration) throws {
        let prefix: String
        if file.entries["embeddings.word_embeddings.weight"] != nil {
            prefix = ""
        } else if file.entries["bert.embeddings.word_embeddings.weight"] != nil {
            prefix = "bert."
        } else {
            throw EmbeddingError.missingTensor(path: file.url.path, name: "embeddings.word_embeddings.weight")
        }
        func tensor(_ name: String, _ shape: Int...) throws -> [Float] {
            try file.floats(prefix + name, shape: shape)
        }
        let d = c.hiddenSize, f = c.intermediateSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", c.vocabularySize, d)
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", c.maximumPositions, d)
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", c.typeVocabularySize, d)
        embeddingNormScale = try tensor("embeddings.LayerNorm.weight", d)
        embeddingNormShift = try tensor("embeddings.LayerNorm.bias", d)
        layers = try (0..<c.layerCount).map { index in
            let p = "encoder.layer.\(index)."
            return Layer(
                attentionInWeight: try tensor(p + "attention.self.query.weight", d, d)
                    + tensor(p + "attention.self.key.weight", d, d)
                    + tensor(p + "attention.self.value.weight", d, d),
                attentionInBias: try tensor(p + "attention.self.query.bias", d)
                    + tensor(p + "attention.self.key.bias", d)
                    + tensor(p + "attention.self.value.bias", d),
                attentionOutWeight: try tensor(p + "attention.output.dense.weight", d, d),
                attentionOutBias: try tensor(p + "attention.output.dense.bias", d),
                attentionNormScale: try tensor(p + "attention.output.LayerNorm.weight", d),
                attentionNormShift: try tensor(p + "attention.output.LayerNorm.bias", d),
                feedForwardInWeight: try tensor(p + "intermediate.dense.weight", f, d),
                feedForwardInBias: try tensor(p + "intermediate.dense.bias", f),
                feedForwardOutWeight: try tensor(p + "output.dense.weight", d, f),
                feedForwardOutBias: try tensor(p + "output.dense.bias", d),
                outputNormScale: try tensor(p + "output.LayerNorm.weight", d),
                outputNormShift: try tensor(p + "output.LayerNorm.bias", d)
            )
        }
    }
}
