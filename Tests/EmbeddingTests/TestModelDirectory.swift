import Foundation

/// A temporary model folder for the loader's error paths: a valid all-MiniLM-L6-v2 `config.json`,
/// a tiny valid `tokenizer.json`, and whatever `model.safetensors` a test writes. Removed on deinit.
final class TestModelDirectory {
    let url: URL

    static var configuration: [String: Any] {
        [
            "model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute",
            "hidden_size": 384, "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536,
            "vocab_size": 30522, "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
        ]
    }

    static var tokenizer: [String: Any] {
        [
            "added_tokens": [["id": 1, "content": "[UNK]", "special": true, "normalized": false]],
            "normalizer": [
                "type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                "strip_accents": NSNull(), "lowercase": true,
            ],
            "pre_tokenizer": ["type": "BertPreTokenizer"],
            "model": [
                "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                "max_input_chars_per_word": 100,
                "vocab": ["[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "care": 4, "##r": 5],
            ],
        ]
    }

    /// An empty folder, or one with `config.json` and `tokenizer.json` when `withTextFiles`.
    init(withTextFiles: Bool = false) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("embedding-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if withTextFiles {
            try write(json: Self.configuration, to: "config.json")
            try write(json: Self.tokenizer, to: "tokenizer.json")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(json: [String: Any], to name: String) throws {
        try JSONSerialization.data(withJSONObject: json).write(to: url.appendingPathComponent(name))
    }

    func write(text: String, to name: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    /// Writes `model.safetensors`: the 8-byte little-endian length of `header`, the header JSON,
    /// then `dataBytes` zero bytes (a sparse extension, so large tensors cost no disk).
    func writeSafetensors(header: [String: Any], dataBytes: Int) throws {
        let json = try JSONSerialization.data(withJSONObject: header)
        var contents = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Data($0) }
        contents.append(json)
        let file = url.appendingPathComponent("model.safetensors")
        try contents.write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(contents.count + dataBytes))
    }

    /// A header entry: `{"dtype", "shape", "data_offsets"}`.
    static func tensor(_ dtype: String, _ shape: [Int], from begin: Int, to end: Int) -> [String: Any] {
        ["dtype": dtype, "shape": shape, "data_offsets": [begin, end]]
    }
}
