public import Foundation

/// Why a ``SentenceEncoder`` could not be built, in plain words.
///
/// A model that was never fetched (``modelNotFound(directory:missingFiles:)``) is told apart from
/// one whose files are present but damaged or of another model (every other case), so a caller can
/// say "run `make model`" in the first case and "fetch it again" in the second.
public enum EmbeddingError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The model folder, or one of the files the encoder reads from it, does not exist.
    case modelNotFound(directory: String, missingFiles: [String])
    /// A file exists but could not be read (permissions, I/O error).
    case unreadableFile(path: String, reason: String)
    /// `config.json` is malformed or describes a model other than all-MiniLM-L6-v2.
    case unsupportedConfiguration(path: String, reason: String)
    /// `tokenizer.json` is malformed or asks for behaviour this WordPiece tokenizer does not implement.
    case invalidTokenizer(path: String, reason: String)
    /// `model.safetensors` is malformed or truncated.
    case invalidWeights(path: String, reason: String)
    /// `model.safetensors` lacks a tensor the forward pass needs.
    case missingTensor(path: String, name: String)
    /// A tensor has another shape or element type than `config.json` implies.
    case tensorMismatch(path: String, name: String, expected: String, found: String)

    public var description: String {
        switch self {
        case let .modelNotFound(directory, missingFiles):
            let missing = missingFiles.isEmpty ? "" : " (missing \(missingFiles.joined(separator: ", ")))"
            return "model not found at \(directory)\(missing); run `make model`"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .unsupportedConfiguration(path, reason):
            return "model configuration \(path) is not usable: \(reason); run `make model` to fetch the model again"
        case let .invalidTokenizer(path, reason):
            return "tokenizer \(path) is not usable: \(reason); run `make model` to fetch the model again"
        case let .invalidWeights(path, reason):
            return "model weights \(path) are damaged: \(reason); run `make model` to fetch the model again"
        case let .missingTensor(path, name):
            return "model weights \(path) lack the tensor \(name); run `make model` to fetch the model again"
        case let .tensorMismatch(path, name, expected, found):
            return
                "tensor \(name) in \(path) is \(found) but \(expected) was expected; run `make model` to fetch the model again"
        }
    }

    public var errorDescription: String? { description }
}
