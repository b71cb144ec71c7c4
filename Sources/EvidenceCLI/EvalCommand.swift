internal import ArgumentParser
internal import Foundation
internal import Evaluation
internal import Indexing
internal import Search
internal import Ingest
internal import Store

/// `evidence eval DIR`: ranking quality on a test collection with relevance judgments.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure ranking quality on a test collection (nDCG@10, MAP, R@100, P@10, MRR@10).",
        discussion: """
        DIR holds docs.jsonl, queries.jsonl and qrels.tsv (the format of the shared test collections). \
        The documents are indexed in a temporary database, which is deleted afterwards; the queries are \
        never written anywhere. With --cases, the collection is the bundled corpus (Corpus/evidence) \
        judged against the fictional case descriptions in Corpus/cases. When the folder has a \
        baselines.json, the peers' nDCG@10 is shown beside ours.
        """
    )

    @Argument(help: ArgumentHelp("The test collection's folder.", valueName: "dir"))
    var folder: String?

    @Flag(name: .long, help: "Evaluate on the bundled corpus and its case descriptions.")
    var cases = false

    @Option(name: .long, help: ArgumentHelp("Another query set ({\"id\", \"text\"} per line).", valueName: "file"))
    var queries: String?

    @Option(name: .long, help: ArgumentHelp("The documents: a file or folder (default DIR/docs.jsonl).", valueName: "path"))
    var documents: String?

    @Option(name: .long, help: ArgumentHelp(
        "A configuration to evaluate, repeatable: SCHEME[+lsa[:WEIGHT][@RANK]][+rocchio[:BETA][@DOCS]], SCHEME being bm25[:k1,b], lnc.ltc or pivoted[:slope]. Default: the default configuration (bm25+lsa:0.2@100+rocchio:0.5@5) and plain bm25.",
        valueName: "config"))
    var config: [String] = []

    @Option(name: .customLong("run"), help: ArgumentHelp("Write the first configuration's TREC run (top 1000 per query, distinct scores) to this file.", valueName: "file"))
    var runFile: String?

    @Option(name: .long, help: ArgumentHelp("Write every configuration's TREC run to this folder.", valueName: "dir"))
    var runs: String?

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if cases == (folder != nil) { throw ValidationError("give a collection folder, or --cases (not both)") }
        for name in config where RankingConfiguration(name: name) == nil {
            throw ValidationError("--config: '\(name)' is not SCHEME[+lsa[:WEIGHT][@RANK]][+rocchio[:BETA][@DOCS]] (SCHEME: bm25[:k1,b], lnc.ltc, pivoted[:slope]; rocchio needs lsa)")
        }
    }

    func run() throws {
        try reportingFailures {
            let collectionFolder = cases ? "Corpus/cases" : folder!
            let documentsPath = documents ?? (cases ? "Corpus/evidence" : nil)
            let collection: TestCollection
            do { collection = try TestCollection(folder: collectionFolder, queriesPath: queries, documentsPath: documentsPath) } catch let error as TestCollection.LoadError {
                throw CLIFailure("\(error.description)\(cases ? " (run --cases from the repository's top folder)" : "")", status: .invalidInput)
            }
            let configurations = config.isEmpty ? [RankingConfiguration(), .lexicalOnly] : config.compactMap(RankingConfiguration.init(name:))

            let loaded = EvidenceLoader().load(paths: [collection.documentsPath])
            guard !loaded.records.isEmpty else {
                for error in loaded.errors.prefix(10) { Terminal.standardError("\(error)\n") }
                throw CLIFailure("no document of the collection could be read", status: .invalidInput)
            }
            if let first = loaded.errors.first {
                // An unreadable document (e.g. one with neither title nor text) cannot be found anyway.
                Terminal.standardError("Left out \(loaded.errors.count) document\(loaded.errors.count == 1 ? "" : "s") that could not be read (first: \(first)).\n")
            }
            let workspace = (NSTemporaryDirectory() as NSString).appendingPathComponent("evidence-eval-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: workspace) }
            let store = try EvidenceStore(path: workspace + "/eval.sqlite")
            try store.upsert(loaded.records)
            _ = try IndexBuilder().build(store)

            var rows: [(configuration: RankingConfiguration, metrics: RetrievalMetrics, seconds: Double)] = []
            let progress = ProgressBar("Evaluating")
            for (index, configuration) in configurations.enumerated() {
                let started = Date()
                let rankings = try store.read { reader in
                    let scorer = try HybridScorer(reader: reader, configuration: configuration)
                    var rankings: [String: [(document: String, score: Double)]] = [:]
                    for query in collection.queries {
                        rankings[query.id] = try scorer.rank(query.text, k: 1000).map { ($0.recordId, $0.score) }
                    }
                    return rankings
                }
                let seconds = Date().timeIntervalSince(started).magnitude
                let distinct = rankings.mapValues(Self.distinctScores)
                if let runs { try writeRun(distinct, configuration: configuration, to: runs + "/\(collection.name).\(Self.tag(configuration)).run") }
                if let runFile, index == 0 { try writeRun(distinct, configuration: configuration, to: runFile) }
                let ordered = distinct.mapValues(RetrievalMetrics.trecOrder)
                rows.append((configuration, collection.qrels.map { RetrievalMetrics.mean(rankings: ordered, qrels: $0).mean } ?? RetrievalMetrics(), seconds))
                progress.update(index + 1, of: configurations.count)
            }
            progress.finish()
            guard let qrels = collection.qrels else {
                let kept = (runFile ?? runs).map { "the run is in \($0)" } ?? "give --run FILE to keep the run"
                print("\(collection.name): no qrels.tsv, so nothing to score; \(kept).")
                return
            }
            if json {
                struct Row: Encodable { var configuration: String; var metrics: RetrievalMetrics; var querySeconds: Double }
                struct Output: Encodable { var collection: String; var documents, queriesScored: Int; var results: [Row]; var peers: [String: Double] }
                printEncoded(Output(collection: collection.name, documents: loaded.records.count, queriesScored: qrels.scoredQueries.count,
                                    results: rows.map { Row(configuration: $0.configuration.name, metrics: $0.metrics, querySeconds: $0.seconds) }, peers: collection.peerNDCG))
                return
            }
            print("\(collection.name): \(loaded.records.count) documents, \(collection.queries.count) queries, \(qrels.scoredQueries.count) with relevant judgments\n")
            print(Terminal.pad("system", 44) + "  nDCG@10     MAP   R@100    P@10  MRR@10")
            func number(_ value: Double) -> String { String(format: "%7.4f", value) }
            for row in rows {
                let m = row.metrics
                print(Terminal.pad(row.configuration.name, 44) + " " + [m.ndcgAt10, m.meanAveragePrecision, m.recallAt100, m.precisionAt10, m.reciprocalRankAt10].map(number).joined(separator: " "))
            }
            for (peer, ndcg) in collection.peerNDCG.sorted(by: { $0.value > $1.value }) {
                print(Terminal.pad("peer \(peer)", 44) + " " + number(ndcg))
            }
        }
    }

    /// Lowers tied scores by a hair, keeping our order (best first, ties by id), so that every tool
    /// that re-sorts the run by score, as trec_eval does, sees the same ranking.
    static func distinctScores(_ ranked: [(document: String, score: Double)]) -> [(document: String, score: Double)] {
        var result = ranked
        for index in result.indices.dropFirst() where result[index].score >= result[index - 1].score {
            result[index].score = result[index - 1].score - 1e-9 * max(1, abs(result[index - 1].score))
        }
        return result
    }

    static func tag(_ configuration: RankingConfiguration) -> String {
        "evidence-" + configuration.name.filter { $0.isLetter || $0.isNumber || $0 == "." }
    }

    private func writeRun(_ rankings: [String: [(document: String, score: Double)]], configuration: RankingConfiguration, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let tag = Self.tag(configuration)
        var lines = ""
        for (query, ranked) in rankings.sorted(by: { $0.key < $1.key }) {
            for (rank, entry) in ranked.enumerated() { lines += "\(query) Q0 \(entry.document) \(rank + 1) \(entry.score) \(tag)\n" }
        }
        do { try lines.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIFailure("cannot write the run to \(path): \(error.localizedDescription)", status: .invalidInput)
        }
    }
}
