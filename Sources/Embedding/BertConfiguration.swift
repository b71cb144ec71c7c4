internal import Foundation

/// The architecture numbers from the model's `config.json` (Hugging Face `BertConfig`).
///
/// The encoder implements all-MiniLM-L6-v2 only, so the four numbers that define that architecture
/// must be exactly width 384, 6 layers, 12 heads and a feed-forward width of 1536; the others
/// (vocabulary size, positions, token types, LayerNorm ε) are taken as written and then checked
/// against the tensors in `model.safetensors`.
struct BertConfiguration: Sendable, Equatable {
    /// d, the width of every token vector.
    var hiddenSize: Int
    /// L, the number of transformer layers.
    var layerCount: Int
    /// h, the number of attention heads; each sees d / h = 32 dimensions.
    var headCount: Int
    /// The width of the feed-forward layer.
    var intermediateSize: Int
    /// The number of rows of the word-embedding table.
    var vocabularySize: Int
    /// The number of rows of the position-embedding table: the longest sequence the model can see.
    var maximumPositions: Int
    /// The number of rows of the token-type (segment) embedding table.
    var typeVocabularySize: Int
    /// ε in LayerNorm's (x − μ) / √(σ² + ε).
    var layerNormEpsilon: Float

    /// The width each attention head sees, d / h.
    var headSize: Int { hiddenSize / headCount }

    /// The architecture of all-MiniLM-L6-v2, which `config.json` must match.
    static let expectedArchitecture = (hiddenSize: 384, layerCount: 6, headCount: 12, intermediateSize: 1536)

    /// Reads and checks `config.json`.
    init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EmbeddingError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let file: ConfigurationFile
        do {
            file = try JSONDecoder().decode(ConfigurationFile.self, from: data)
        } catch {
            throw EmbeddingError.unsupportedConfiguration(
                path: url.path, reason: "it is not a BERT config.json (\(error))")
        }
        func fail(_ reason: String) -> EmbeddingError {
            .unsupportedConfiguration(path: url.path, reason: reason)
        }
        if let modelType = file.modelType, modelType != "bert" {
            throw fail("model_type is \"\(modelType)\", expected \"bert\"")
        }
        if let activation = file.hiddenAct, activation != "gelu" {
            throw fail("hidden_act is \"\(activation)\", expected \"gelu\" (the exact, erf-based GELU)")
        }
        if let positions = file.positionEmbeddingType, positions != "absolute" {
            throw fail("position_embedding_type is \"\(positions)\", expected \"absolute\"")
        }
        let expected = Self.expectedArchitecture
        for (key, found, wanted) in [
            ("hidden_size", file.hiddenSize, expected.hiddenSize),
            ("num_hidden_layers", file.numHiddenLayers, expected.layerCount),
            ("num_attention_heads", file.numAttentionHeads, expected.headCount),
            ("intermediate_size", file.intermediateSize, expected.intermediateSize),
        ]
        where found != wanted {
            throw fail("\(key) is \(found), but all-MiniLM-L6-v2 has \(wanted)")
        }
        for (key, value) in [
            ("vocab_size", file.vocabSize), ("max_position_embeddings", file.maxPositionEmbeddings),
            ("type_vocab_size", file.typeVocabSize),
        ] where value <= 0 {
            throw fail("\(key) is \(value), expected a positive number")
        }
        guard file.layerNormEps > 0, file.layerNormEps < 1 else {
            throw fail("layer_norm_eps is \(file.layerNormEps), expected a small positive number")
        }
        hiddenSize = file.hiddenSize
        layerCount = file.numHiddenLayers
        headCount = file.numAttentionHeads
        intermediateSize = file.intermediateSize
        vocabularySize = file.vocabSize
        maximumPositions = file.maxPositionEmbeddings
        typeVocabularySize = file.typeVocabSize
        layerNormEpsilon = Float(file.layerNormEps)
    }
}

/// The keys of `config.json` that the encoder reads; the others are ignored.
private struct ConfigurationFile: Decodable {
    var modelType: String?
    var hiddenAct: String?
    var positionEmbeddingType: String?
    var hiddenSize: Int
    var numHiddenLayers: Int
    var numAttentionHeads: Int
    var intermediateSize: Int
    var vocabSize: Int
    var maxPositionEmbeddings: Int
    var typeVocabSize: Int
    var layerNormEps: Double

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type", hiddenAct = "hidden_act", positionEmbeddingType = "position_embedding_type"
        case hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers", numAttentionHeads =
            "num_attention_heads"
        case intermediateSize = "intermediate_size", vocabSize = "vocab_size"
        case maxPositionEmbeddings = "max_position_embeddings", typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps"
    }
}
