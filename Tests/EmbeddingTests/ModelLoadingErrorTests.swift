import Foundation
import Testing
@testable import Embedding

/// What loading says about a missing or damaged model; needs no real model.
struct ModelLoadingErrorTests {
    private func loadingError(_ directory: TestModelDirectory) throws -> EmbeddingError {
        try #require(throws: EmbeddingError.self) { try SentenceEncoder(modelDirectory: directory.url) }
    }

    @Test("a missing folder says where it looked and to run make model")
    func missingFolder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-model-\(UUID().uuidString)")
        let error = try #require(throws: EmbeddingError.self) { try SentenceEncoder(modelDirectory: path) }
        #expect(error == .modelNotFound(directory: path.path, missingFiles: ModelLocation.requiredFiles))
        #expect(error.description.hasPrefix("model not found at \(path.path)"))
        #expect(error.description.hasSuffix("run `make model`"))
        #expect(error.localizedDescription == error.description)
    }

    @Test("a folder missing only the weights names that file")
    func missingWeightsFile() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        #expect(
            try loadingError(directory)
                == .modelNotFound(directory: directory.url.path, missingFiles: ["model.safetensors"]))
    }

    @Test("a file too short for the header length is damaged, not missing")
    func tooShort() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        try directory.write(text: "abc", to: "model.safetensors")
        guard case let .invalidWeights(_, reason) = try loadingError(directory) else {
            Issue.record("expected invalidWeights")
            return
        }
        #expect(reason.contains("truncated"))
    }

    @Test("a header length beyond the end of the file is reported")
    func headerBeyondFile() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        var contents = withUnsafeBytes(of: UInt64(1000).littleEndian) { Data($0) }
        contents.append(Data("{\"a\":".utf8))
        try contents.write(to: directory.url.appendingPathComponent("model.safetensors"))
        guard case let .invalidWeights(_, reason) = try loadingError(directory) else {
            Issue.record("expected invalidWeights")
            return
        }
        #expect(reason.contains("1000 bytes") && reason.contains("truncated"))
    }

    @Test("a header that is not JSON is reported")
    func headerNotJSON() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        var contents = withUnsafeBytes(of: UInt64(4).littleEndian) { Data($0) }
        contents.append(Data("nope".utf8))
        try contents.write(to: directory.url.appendingPathComponent("model.safetensors"))
        guard case let .invalidWeights(_, reason) = try loadingError(directory) else {
            Issue.record("expected invalidWeights")
            return
        }
        #expect(reason.contains("not valid JSON"))
    }

    @Test("a tensor whose data runs past the end of the file names the tensor")
    func truncatedTensor() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        let size = 30522 * 384 * 4
        try directory.writeSafetensors(
            header: [
                "__metadata__": ["format": "pt"],
                "embeddings.word_embeddings.weight": TestModelDirectory.tensor("F32", [30522, 384], from: 0, to: size),
            ],
            dataBytes: 1000)
        let error = try loadingError(directory)
        guard case let .invalidWeights(_, reason) = error else {
            Issue.record("expected invalidWeights, got \(error)")
            return
        }
        #expect(
            reason.contains("tensor embeddings.word_embeddings.weight ends at byte") && reason.contains("truncated"))
        #expect(error.description.contains("run `make model` to fetch the model again"))
    }

    @Test("a byte count that disagrees with the shape is reported")
    func byteCountMismatch() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        try directory.writeSafetensors(
            header: ["embeddings.LayerNorm.bias": TestModelDirectory.tensor("F32", [384], from: 0, to: 1000)],
            dataBytes: 1000)
        guard case let .invalidWeights(_, reason) = try loadingError(directory) else {
            Issue.record("expected invalidWeights")
            return
        }
        #expect(reason.contains("embeddings.LayerNorm.bias") && reason.contains("1000 bytes"))
    }

    @Test("a missing tensor is named")
    func missingTensor() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        try directory.writeSafetensors(
            header: ["pooler.dense.bias": TestModelDirectory.tensor("F32", [384], from: 0, to: 1536)],
            dataBytes: 1536)
        #expect(
            try loadingError(directory)
                == .missingTensor(
                    path: directory.url.appendingPathComponent("model.safetensors").path,
                    name: "embeddings.word_embeddings.weight"))
    }

    @Test("a wrong shape is named with the shape config.json implies", arguments: ["", "bert."])
    func wrongShape(prefix: String) throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        try directory.writeSafetensors(
            header: [
                prefix + "embeddings.word_embeddings.weight": TestModelDirectory.tensor(
                    "F32", [100, 384], from: 0, to: 153_600)
            ],
            dataBytes: 153_600)
        let error = try loadingError(directory)
        #expect(
            error
                == .tensorMismatch(
                    path: directory.url.appendingPathComponent("model.safetensors").path,
                    name: prefix + "embeddings.word_embeddings.weight",
                    expected: "F32 [30522, 384]", found: "F32 [100, 384]"))
    }

    @Test("a wrong element type is named")
    func wrongDtype() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        let size = 30522 * 384 * 2
        try directory.writeSafetensors(
            header: [
                "embeddings.word_embeddings.weight": TestModelDirectory.tensor("F16", [30522, 384], from: 0, to: size)
            ],
            dataBytes: size)
        guard case let .tensorMismatch(_, name, expected, found) = try loadingError(directory) else {
            Issue.record("expected tensorMismatch")
            return
        }
        #expect(
            name == "embeddings.word_embeddings.weight" && expected == "F32 [30522, 384]" && found == "F16 [30522, 384]"
        )
    }

    @Test("a config.json of another architecture is refused, naming the key")
    func otherArchitecture() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        var configuration = TestModelDirectory.configuration
        configuration["num_hidden_layers"] = 12
        try directory.write(json: configuration, to: "config.json")
        try directory.writeSafetensors(header: [:], dataBytes: 0)
        guard case let .unsupportedConfiguration(_, reason) = try loadingError(directory) else {
            Issue.record("expected unsupportedConfiguration")
            return
        }
        #expect(reason == "num_hidden_layers is 12, but all-MiniLM-L6-v2 has 6")
    }

    @Test("a tokenizer whose ids overrun the word-embedding table is refused")
    func tokenizerBeyondVocabulary() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        var tokenizer = TestModelDirectory.tokenizer
        tokenizer["model"] = [
            "type": "WordPiece", "unk_token": "[UNK]",
            "vocab": ["[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "beyond": 30522],
        ]
        try directory.write(json: tokenizer, to: "tokenizer.json")
        try directory.writeSafetensors(header: [:], dataBytes: 0)
        guard case let .invalidTokenizer(_, reason) = try loadingError(directory) else {
            Issue.record("expected invalidTokenizer")
            return
        }
        #expect(reason.contains("0..<30522"))
    }

    @Test("a damaged tokenizer.json is reported as such")
    func damagedTokenizer() throws {
        let directory = try TestModelDirectory(withTextFiles: true)
        try directory.write(text: "{\"model\": ", to: "tokenizer.json")
        try directory.writeSafetensors(header: [:], dataBytes: 0)
        guard case .invalidTokenizer = try loadingError(directory) else {
            Issue.record("expected invalidTokenizer")
            return
        }
    }
}
