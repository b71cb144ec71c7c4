internal import ArgumentParser
internal import Foundation
internal import Evaluation
internal import Ingest
internal import Search
internal import Recommender

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

    @Option(
        name: .long, help: ArgumentHelp("The documents: a file or folder (default DIR/docs.jsonl).", valueName: "path"))
    var documents: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A configuration to evaluate, repeatable: SCHEME[+lsa[:WEIGHT][@RANK]][+rocchio[:BETA][@DOCS]][+encoder[:WEIGHT]], SCHEME being bm25[:k1,b], lnc.ltc or pivoted[:slope]. Default: the default configuration (bm25+lsa:0.2@100+rocchio:0.5@5+encoder:0.5; the encoder only when its model is installed) and plain bm25.",
            valueName: "config"))
    var config: [String] = []

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp(
            "Write the first configuration's TREC run (top 1000 per query, distinct scores) to this file.",
            valueName: "file"))
    var runFile: String?

    @Option(name: .long, help: ArgumentHelp("Write every configuration's TREC run to this folder.", valueName: "dir"))
    var runs: String?

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    @Flag(
        name: .customLong("no-encoder"),
        help: "Leave the sentence encoder out, even when its model is installed (configurations then rank without it).")
    var noEncoder = false

    func validate() throws {
        if cases == (folder != nil) { throw ValidationError("give a collection folder, or --cases (not both)") }
        for name in config where RankingConfiguration(name: name) == nil {
            throw ValidationError(
                "--config: '\(name)' is not SCHEME[+lsa[:WEIGHT][@RANK]][+rocchio[:BETA][@DOCS]] (SCHEME: bm25[:k1,b], lnc.ltc, pivoted[:slope]; rocchio needs lsa)"
            )
        }
    }

    func run() throws {
        try reportingFailures {
            let collectionFolder = cases ? "Corpus/cases" : folder!
            let documentsPath = documents ?? (cases ? "Corpus/evidence" : nil)
            let collection: TestCollection
            do {
                collection = try TestCollection(
                    folder: collectionFolder, queriesPath: queries, documentsPath: documentsPath)
            } catch let error as TestCollection.LoadError {
                throw CLIFailure(
                    "\(error.description)\(cases ? " (run --cases from the repository's top folder)" : "")",
                    status: .invalidInput)
            }
            let configurations =
                config.isEmpty
                ? [RankingConfiguration(), .lexicalOnly] : config.compactMap(RankingConfiguration.init(name:))

            let loaded = EvidenceLoader().load(paths: [collection.documentsPath])
            guard !loaded.records.isEmpty else {
                for error in loaded.errors.prefix(10) { Terminal.standardError("\(error)\n") }
                throw CLIFailure("no document of the collection could be read", status: .invalidInput)
            }
            if let first = loaded.errors.first {
                // An unreadable document (e.g. one with neither title nor text) cannot be found anyway.
                Terminal.standardError(
                    "Left out \(loaded.errors.count) document\(loaded.errors.count == 1 ? "" : "s") that could not be read (first: \(first)).\n"
                )
            }
            let progress = ProgressBar("Evaluating")
            let encoder = noEncoder ? nil : EncoderLoader().encoder
            let results = try CollectionEvaluator(collection: collection, documents: loaded.records, encoder: encoder)
                .evaluate(configurations) { done, total in
                    progress.update(done, of: total)
                }
            progress.finish()
            for (index, result) in results.enumerated() {
                if let runs { try write(result.run, to: runs + "/\(collection.name).\(result.run.tag).run") }
                if let runFile, index == 0 { try write(result.run, to: runFile) }
            }
            guard let qrels = collection.qrels else {
                let kept = (runFile ?? runs).map { "the run is in \($0)" } ?? "give --run FILE to keep the run"
                print("\(collection.name): no qrels.tsv, so nothing to score; \(kept).")
                return
            }
            if json {
                struct Row: Encodable {
                    var configuration: String; var metrics: RetrievalMetrics; var querySeconds: Double
                }
                struct Output: Encodable {
                    var collection: String; var documents, queriesScored: Int; var results: [Row];
                    var peers: [String: Double]
                }
                printEncoded(
                    Output(
                        collection: collection.name, documents: loaded.records.count,
                        queriesScored: qrels.scoredQueries.count,
                        results: results.map {
                            Row(
                                configuration: $0.configuration.name, metrics: $0.metrics ?? RetrievalMetrics(),
                                querySeconds: $0.seconds)
                        },
                        peers: collection.peerNDCG))
                return
            }
            print(
                "\(collection.name): \(loaded.records.count) documents, \(collection.queries.count) queries, \(qrels.scoredQueries.count) with relevant judgments\n"
            )
            print(Terminal.pad("system", 44) + "  nDCG@10     MAP   R@100    P@10  MRR@10")
            func number(_ value: Double) -> String { String(format: "%7.4f", value) }
            for result in results {
                let m = result.metrics ?? RetrievalMetrics()
                print(
                    Terminal.pad(result.configuration.name, 44) + " "
                        + [m.ndcgAt10, m.meanAveragePrecision, m.recallAt100, m.precisionAt10, m.reciprocalRankAt10]
                        .map(number).joined(separator: " "))
            }
            for (peer, ndcg) in collection.peerNDCG.sorted(by: { $0.value > $1.value }) {
                print(Terminal.pad("peer \(peer)", 44) + " " + number(ndcg))
            }
        }
    }

    private func write(_ run: TrecRun, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
            try run.text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIFailure("cannot write the run to \(path): \(error.localizedDescription)", status: .invalidInput)
        }
    }
}
