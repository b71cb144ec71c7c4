import Foundation
import Testing
@testable import Embedding

/// The vectors and token ids that `scripts/embedding_fixture.py` computed with an independent
/// implementation (Hugging Face `tokenizers` and a numpy forward pass), and the encoder under test
/// when the model is present.
struct ReferenceFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var tokenIDs: [Int32]
        var embedding: [Float]

        var testDescription: String { name }
    }

    var model: String
    var maxSequenceLength: Int
    var foodBreadCosine: Double
    var cases: [Case]

    /// The fixture file shipped with the tests.
    static let shared: ReferenceFixture = {
        guard let url = Bundle.module.url(forResource: "Fixtures/reference-embeddings", withExtension: "json") else {
            fatalError("Fixtures/reference-embeddings.json is missing from the test bundle")
        }
        do {
            return try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read Fixtures/reference-embeddings.json: \(error)")
        }
    }()

    /// The model folder as the encoder resolves it ($EVIDENCE_MODEL, XDG cache, ~/.cache).
    static let location = ModelLocation.resolve()

    /// Whether the model's files are present; tests that need the model are skipped, with that
    /// reason, when they are not. A model that is present but damaged fails those tests instead.
    static let modelIsPresent = location.isPresent

    /// The encoder, loaded once for all tests.
    static let encoder = Result { try SentenceEncoder(location: location) }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let normA = a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let normB = b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return dot / (normA * normB)
    }
}
