public import Foundation
internal import Dispatch

/// Turns text into 384-dimensional unit vectors with sentence-transformers' all-MiniLM-L6-v2, run
/// on BLAS: WordPiece tokens (at most ``maximumTokens``), a 6-layer BERT encoder, the mean of the
/// token vectors, L2 normalisation. Cosine similarity of two results is their dot product.
///
/// Loading reads `config.json`, `tokenizer.json` and the memory-mapped `model.safetensors` from
/// the model folder and checks their structure (not their checksums: `make model` does that); it
/// takes a fraction of a second and holds about 90 MB. Encoding n tokens costs
/// 6·(n·384·4608 + 2n²·384) multiply-adds, about 6 GFLOP for a 256-token passage.
/// The value is immutable and `Sendable`: share one encoder across threads.
public struct SentenceEncoder: Sendable {
    /// The width of every embedding.
    public static let dimension = 384
    /// The longest token sequence the encoder sees, `[CLS]` and `[SEP]` included (the model's
    /// `max_seq_length`); longer texts are cut, keeping their beginning.
    public static let maximumTokens = 256
    /// Rows (tokens) packed into one forward pass by the batch ``encode(_:maximumConcurrency:)``:
    /// large enough for efficient GEMMs, small enough to keep each thread's workspace near 16 MB.
    static let batchTokenBudget = 1024

    /// Where the model was loaded from.
    public let location: ModelLocation
    let tokenizer: WordPieceTokenizer
    private let model: BertModel

    /// Loads the model from `modelDirectory`.
    /// - Throws: ``EmbeddingError/modelNotFound(directory:missingFiles:)`` when files are absent,
    ///   another ``EmbeddingError`` naming the file (and tensor) when one is damaged.
    public init(modelDirectory: URL) throws {
        try self.init(location: ModelLocation(directory: modelDirectory))
    }

    /// Loads the model from a resolved location; by default the one ``ModelLocation/resolve(explicit:environment:)``
    /// finds from the environment.
    public init(location: ModelLocation = .resolve()) throws {
        try location.requirePresent()
        let configurationURL = location.file("config.json")
        let configuration = try BertConfiguration(contentsOf: configurationURL)
        guard configuration.maximumPositions >= Self.maximumTokens else {
            throw EmbeddingError.unsupportedConfiguration(
                path: configurationURL.path,
                reason:
                    "max_position_embeddings is \(configuration.maximumPositions), fewer than the \(Self.maximumTokens) tokens the encoder feeds it"
            )
        }
        let tokenizerURL = location.file("tokenizer.json")
        tokenizer = try WordPieceTokenizer(contentsOf: tokenizerURL)
        guard tokenizer.fitsVocabulary(ofSize: configuration.vocabularySize) else {
            throw EmbeddingError.invalidTokenizer(
                path: tokenizerURL.path,
                reason:
                    "it has token ids outside 0..<\(configuration.vocabularySize), the rows of the model's word embeddings"
            )
        }
        let weights = try BertWeights(
            file: SafetensorsFile(contentsOf: location.file("model.safetensors")),
            configuration: configuration)
        model = BertModel(configuration: configuration, weights: weights)
        self.location = location
    }

    /// The number of tokens the model sees for `text`, `[CLS]` and `[SEP]` included; a result of
    /// ``maximumTokens`` means the text was (or just fits without being) cut. O(length of text).
    public func tokenCount(of text: String) -> Int {
        tokenIDs(for: text).count
    }

    /// The unit-length embedding of `text` (``dimension`` floats). An empty text still yields a
    /// vector (that of `[CLS] [SEP]`). Runs on the calling thread; about 0.1 s for 256 tokens.
    public func encode(_ text: String) -> [Float] {
        model.embed([tokenIDs(for: text)])[0]
    }

    /// The embeddings of `texts`, in order; the same vectors as encoding each alone.
    ///
    /// Texts are tokenised, packed in order into batches of up to 1024 tokens (one forward pass
    /// each, no padding), and the batches are shared round-robin among
    /// `min(maximumConcurrency, batches)` threads through `DispatchQueue.concurrentPerform`.
    /// With `maximumConcurrency` 1 everything runs on the calling thread and BLAS keeps its own
    /// threading. With more, OpenBLAS's process-wide thread count is set to 1 while the batch runs
    /// and restored after it (two encoder threads on single-threaded BLAS beat one on two BLAS
    /// threads; both multi-threaded fight): see ``BLASThreading``. Cost: the sum of the texts'
    /// forward passes (see the type's summary), divided among the threads.
    public func encode(
        _ texts: [String],
        maximumConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [[Float]] {
        let threads = max(1, maximumConcurrency)
        var tokenSlots = [[Int32]](repeating: [], count: texts.count)
        tokenSlots.withUnsafeMutableBufferPointer { buffer in
            // Each index is written by exactly one thread, and read only after all have finished.
            nonisolated(unsafe) let output = buffer
            Self.forEach(texts.count, threads: threads) { output[$0] = tokenIDs(for: texts[$0]) }
        }
        let tokens = tokenSlots
        var batches: [Range<Int>] = []
        var first = 0, rows = 0
        for (index, sequence) in tokens.enumerated() {
            if rows + sequence.count > Self.batchTokenBudget && index > first {
                batches.append(first..<index)
                first = index
                rows = 0
            }
            rows += sequence.count
        }
        if first < tokens.count { batches.append(first..<tokens.count) }

        var vectors = [[Float]](repeating: [], count: texts.count)
        vectors.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            Self.forEach(batches.count, threads: threads) { [batches] batch in
                let range = batches[batch]
                for (index, vector) in zip(range, model.embed(Array(tokens[range]))) { output[index] = vector }
            }
        }
        return vectors
    }

    /// The model input ids of `text` (for the tests and ``tokenCount(of:)``).
    func tokenIDs(for text: String) -> [Int32] {
        tokenizer.tokenIDs(for: text, maximumLength: Self.maximumTokens)
    }

    /// Runs `body(0..<count)` on up to `threads` threads, thread t taking t, t + threads, …; with
    /// more than one, OpenBLAS is held to a single thread of its own meanwhile (``BLASThreading``).
    private static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = min(threads, count)
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        BLASThreading.withSingleThreadedBLAS {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: count, by: workers) { body(index) }
            }
        }
    }
}
