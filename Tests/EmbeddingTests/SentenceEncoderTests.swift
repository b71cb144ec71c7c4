import Foundation
import Testing
@testable import Embedding

/// The encoder against the reference vectors; needs the model (`make model`).
@Suite(
    .enabled(
        if: ReferenceFixture.modelIsPresent,
        "needs the all-MiniLM-L6-v2 model: run `make model` (or set EVIDENCE_MODEL)"))
struct SentenceEncoderTests {
    @Test("token ids equal those of Hugging Face tokenizers", arguments: ReferenceFixture.shared.cases)
    func tokenIDsMatchReference(_ reference: ReferenceFixture.Case) throws {
        let encoder = try ReferenceFixture.encoder.get()
        #expect(encoder.tokenIDs(for: reference.text) == reference.tokenIDs)
    }

    @Test("each embedding has cosine ≥ 0.9999 with the reference", arguments: ReferenceFixture.shared.cases)
    func embeddingMatchesReference(_ reference: ReferenceFixture.Case) throws {
        let vector = try ReferenceFixture.encoder.get().encode(reference.text)
        #expect(vector.count == SentenceEncoder.dimension)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5, "the vector is L2-normalised")
        #expect(ReferenceFixture.cosine(vector, reference.embedding) >= 0.9999)
    }

    @Test("food and bread sentences have the model's cosine, 0.7553")
    func foodBreadCosine() throws {
        let encoder = try ReferenceFixture.encoder.get()
        let food = encoder.encode("A man is eating food."), bread = encoder.encode("A man is eating a piece of bread.")
        #expect(abs(ReferenceFixture.cosine(food, bread) - 0.7553) <= 0.001)
        #expect(abs(ReferenceFixture.shared.foodBreadCosine - 0.7553) <= 0.001, "the fixture itself agrees")
    }

    @Test("a batch, packed and spread over threads, gives the vectors of one-by-one encoding", arguments: [1, 2, 3])
    func batchMatchesSingle(threads: Int) throws {
        let encoder = try ReferenceFixture.encoder.get()
        let texts = ReferenceFixture.shared.cases.map(\.text) + ReferenceFixture.shared.cases.prefix(5).map(\.text)
        let batch = encoder.encode(texts, maximumConcurrency: threads)
        #expect(batch.count == texts.count)
        for (text, vector) in zip(texts, batch) {
            let single = encoder.encode(text)
            #expect(zip(single, vector).allSatisfy { abs($0 - $1) < 1e-5 }, "\(text.prefix(40))")
        }
        #expect(encoder.encode([]).isEmpty)
    }

    @Test("long texts are cut at 256 tokens, keeping their start")
    func truncation() throws {
        let encoder = try ReferenceFixture.encoder.get()
        let long = try #require(ReferenceFixture.shared.cases.first { $0.name == "long-case-note" })
        #expect(encoder.tokenCount(of: long.text) == SentenceEncoder.maximumTokens)
        #expect(encoder.tokenCount(of: long.text + " more words at the end") == SentenceEncoder.maximumTokens)
        #expect(encoder.encode(long.text) == encoder.encode(long.text + " more words at the end"))
        #expect(encoder.tokenCount(of: "") == 2)
    }

    @Test("a truncated copy of the real weights is reported, naming the tensor cut off")
    func truncatedRealWeights() throws {
        let directory = try TestModelDirectory()
        let source = ReferenceFixture.location
        for name in ["config.json", "tokenizer.json"] {
            try FileManager.default.copyItem(at: source.file(name), to: directory.url.appendingPathComponent(name))
        }
        let handle = try FileHandle(forReadingFrom: source.file("model.safetensors"))
        defer { try? handle.close() }
        try #require(try handle.read(upToCount: 2 << 20)).write(
            to: directory.url.appendingPathComponent("model.safetensors"))
        let error = try #require(throws: EmbeddingError.self) { try SentenceEncoder(modelDirectory: directory.url) }
        guard case let .invalidWeights(_, reason) = error else {
            Issue.record("expected invalidWeights, got \(error)")
            return
        }
        #expect(reason.contains("embeddings.word_embeddings.weight") && reason.contains("truncated"))
        #expect(error.description.contains("run `make model`"))
    }
}
