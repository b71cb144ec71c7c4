internal import Foundation

/// corpus-growth: the corpus-growth benchmarks.
///
///   corpus-growth generate --records N [--seed S] --out DIR     write docs.jsonl and queries.jsonl
///   corpus-growth index [--records N,N,…] [--seed S] [--results DIR]
///                                  import and index build, ours beside SQLite FTS5, per corpus size
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
let seed = UInt64(option("--seed") ?? "") ?? 20261128

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

func model() -> WordModel {
    let texts = CorpusGenerator.trainingTexts(repository: repository)
    let model = WordModel(texts: texts)
    log("word model: \(model.words.count) distinct words from \(texts.count) texts, \(Int(model.tailShare * 100))% made-up tail")
    return model
}

switch arguments.first {
case "generate":
    guard let count = Int(option("--records") ?? ""), let out = option("--out") else {
        log("usage: corpus-growth generate --records N [--seed S] --out DIR"); exit(64)
    }
    let generator = CorpusGenerator(model: model(), seed: seed)
    try CorpusGenerator.write(generator.documents(count: count), queries: generator.queries(), to: out)
    log("wrote \(count) records and 200 queries to \(out)")

case "index":
    let sizes = (option("--records") ?? "1000,10000,100000").split(separator: ",").compactMap { Int($0) }
    let results = option("--results") ?? repository + "/Benchmarks/results"
    let work = NSTemporaryDirectory() + "corpus-growth-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let generator = CorpusGenerator(model: model(), seed: seed)
    var rows: [IndexBuildBenchmark.Result] = []
    for size in sizes {
        let benchmark = IndexBuildBenchmark(documents: generator.documents(count: size), workFolder: work)
        for result in [try benchmark.runOurs(), try benchmark.runFTS5()] {
            log("\(size) records, \(result.system): build \(String(format: "%.2f", result.buildSeconds)) s, \(Int(result.recordsPerSecond)) records/s, index \(result.indexBytes / 1_000_000) MB")
            rows.append(result)
        }
    }
    try IndexBuildReport(rows: rows, seed: seed).write(to: results)

case "query":
    let size = Int(option("--records") ?? "") ?? 100_000
    let work = NSTemporaryDirectory() + "corpus-growth-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let generator = CorpusGenerator(model: model(), seed: seed)
    let report = try QueryBenchmark(documents: generator.documents(count: size), queries: generator.queries(), workFolder: work).run(log: log)
    try QueryReport(report: report, seed: seed).write(to: option("--results") ?? repository + "/Benchmarks/results")

default:
    log("usage: corpus-growth generate|index …  (see Benchmarks/README.md)")
    exit(64)
}
