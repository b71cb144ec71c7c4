internal import Foundation
public import EvidenceCore
internal import Store
internal import Indexing
public import Search
public import Evaluation
public import Embedding

/// Measures ranking configurations on a test collection: indexes its documents in a throwaway database
/// (deleted afterwards), ranks every query with each configuration and scores the runs against the
/// collection's judgments. Queries are never written anywhere. Cost: one index build, then per
/// configuration one ranking of every query (plus one LSA computation when it asks for a rank the
/// build did not store).
public struct CollectionEvaluator {
    /// How many documents each query's ranking keeps (trec_eval's usual depth).
    public static let depth = 1000

    public struct Result: Sendable {
        public var configuration: RankingConfiguration
        public var run: TrecRun
        /// nil when the collection has no judgments.
        public var metrics: RetrievalMetrics?
        /// Time to rank every query, in seconds.
        public var seconds: Double
    }

    public let collection: TestCollection
    public let documents: [EvidenceRecord]
    /// When given, configurations with an encoder weight also match by meaning: the documents' passages
    /// and every query are encoded (a minute or so per thousand documents on two cores).
    public let encoder: SentenceEncoder?

    public init(collection: TestCollection, documents: [EvidenceRecord], encoder: SentenceEncoder? = nil) {
        self.collection = collection
        self.documents = documents
        self.encoder = encoder
    }

    /// One result per configuration, in the order given; `progress(done, total)` after each.
    public func evaluate(
        _ configurations: [RankingConfiguration], progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> [Result] {
        let workspace = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "evidence-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let store = try EvidenceStore(path: workspace + "/eval.sqlite")
        _ = try CorpusWriter(store: store).upsert(documents)
        _ = try IndexBuilder().build(store)
        var meanings: [String: [Float]] = [:]
        if let encoder, configurations.contains(where: { $0.encoderWeight > 0 }) {
            try PassageVectors(encoder: encoder).refresh(store)
            meanings = Dictionary(
                uniqueKeysWithValues: zip(collection.queries.map(\.id), encoder.encode(collection.queries.map(\.text))))
        }

        var results: [Result] = []
        for configuration in configurations {
            let started = Date()
            let rankings = try store.read { reader in
                let scorer = try HybridScorer(reader: reader, configuration: configuration)
                var rankings: [String: [(document: String, score: Double)]] = [:]
                for query in collection.queries {
                    let terms = CaseReader.contentTerms(scorer.lexical.analyzer.analyze(query.text))
                    rankings[query.id] = try scorer.rank(terms: terms, meaning: meanings[query.id], k: Self.depth).map {
                        ($0.recordId, $0.score)
                    }
                }
                return rankings
            }
            let seconds = Date().timeIntervalSince(started).magnitude
            let run = TrecRun(tag: Self.tag(configuration), rankings: rankings)
            let metrics = collection.qrels.map { RetrievalMetrics.mean(rankings: run.orderedDocuments, qrels: $0).mean }
            results.append(Result(configuration: configuration, run: run, metrics: metrics, seconds: seconds))
            progress(results.count, configurations.count)
        }
        return results
    }

    /// The run tag for a configuration: "evidence-" and its name's letters, digits and dots.
    public static func tag(_ configuration: RankingConfiguration) -> String {
        "evidence-" + configuration.name.filter { $0.isLetter || $0.isNumber || $0 == "." }
    }
}
