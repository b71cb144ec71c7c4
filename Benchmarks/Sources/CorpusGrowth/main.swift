internal import Foundation

/// corpus-growth: how EvidenceEngine's build and query costs grow with the corpus, beside SQLite FTS5
/// (always) and the Python peers (with --peers), every system on the same generated files.
let usage = """
    usage: corpus-growth run [--records N,N,…] [--peers] [--seed S] [--budget SECONDS] [--results DIR]
               for each size: generate, then measure our build and queries and FTS5's (and the peers'),
               and write a Markdown table, a CSV and an SVG chart to DIR (default Benchmarks/results)
           corpus-growth generate --records N [--seed S] --out DIR
               write DIR/docs.jsonl and DIR/queries.jsonl
    """
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
func required(_ name: String) -> String {
    guard let value = option(name) else {
        log("corpus-growth \(arguments.first ?? ""): \(name) is required\n\(usage)"); exit(64)
    }
    return value
}
func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
let seed = UInt64(option("--seed") ?? "") ?? 20261128

func generator() -> CorpusGenerator {
    let texts = CorpusGenerator.trainingTexts(repository: repository)
    let model = WordModel(texts: texts)
    log(
        "word model: \(model.words.count) distinct words from \(texts.count) texts, \(Int(model.tailShare * 100))% made-up tail"
    )
    return CorpusGenerator(model: model, seed: seed)
}

do {
    switch arguments.first {
    case "run":
        let sizes = (option("--records") ?? "1000,10000,100000,1000000").split(separator: ",").compactMap { Int($0) }
        let work = NSTemporaryDirectory() + "corpus-growth-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: work) }
        var run = GrowthRun(sizes: sizes, generator: generator(), work: work)
        if arguments.contains("--peers") { run.peers = PythonPeers(repository: repository) }
        if let budget = option("--budget").flatMap(Double.init) { run.queryBudget = budget }
        let triad = Measure.triadBandwidth()
        log("triad: \(format(triad)) GB/s")
        let report = GrowthReport(results: try run.run(log: log), seed: seed, triadGBps: triad)
        let folder = option("--results") ?? repository + "/Benchmarks/results"
        try report.write(to: folder)
        print(report.markdown)
        log("wrote \(folder)/growth-latest.md, .svg and the stamped .md, .csv and .svg")

    case "generate":
        guard let count = Int(required("--records")) else { log(usage); exit(64) }
        try generator().write(count: count, to: required("--out"))
        log("wrote \(count) records and 200 queries to \(required("--out"))")

    // The measuring steps, each run by `run` in a child process of its own.
    case "build":
        try ChildProcess.reply(BuildStep(corpus: required("--corpus"), database: required("--database")).run(log: log))
    case "answer":
        let step = AnswerStep(
            database: required("--database"), queries: try AnswerStep.readQueries(required("--queries")),
            workers: Int(required("--workers")) ?? 1, launchedAt: Double(required("--launched")) ?? 0)
        try ChildProcess.reply(step.run())
    case "fts5":
        try ChildProcess.reply(
            FTS5Step(
                corpus: required("--corpus"), database: required("--database"),
                budget: Double(required("--budget")) ?? 20
            ).run())

    default:
        log(usage)
        exit(64)
    }
} catch {
    log("corpus-growth: \(error)")
    exit(1)
}
