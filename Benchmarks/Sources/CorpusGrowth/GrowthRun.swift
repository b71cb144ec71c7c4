internal import Foundation

/// The corpus-growth run: for each corpus size, generate the records and queries, then measure in
/// child processes our build, our answering with one worker and with two, and SQLite FTS5 on the same
/// files; with `peers`, the Python peers too. Sizes run smallest first; each size's files and databases
/// are deleted before the next.
struct GrowthRun {
    /// Everything measured at one corpus size.
    struct SizeResult: Codable {
        var records: Int
        var build: BuildStep.Measurement
        var oneWorker: AnswerStep.Measurement
        var twoWorkers: AnswerStep.Measurement
        var fts5: FTS5Step.Measurement
        var peers: [PythonPeers.Row]
    }

    let sizes: [Int]
    let generator: CorpusGenerator
    let work: String
    var peers: PythonPeers?
    var queryBudget = 20.0

    func run(log: @escaping (String) -> Void) throws -> [SizeResult] {
        try peers?.prepare(log: log)
        var results: [SizeResult] = []
        for size in sizes {
            let folder = work + "/\(size)"
            log("\(size) records")
            let generating = Measure.seconds { try? generator.write(count: size, to: folder) }
            log("  generated in \(format(generating)) s")
            let database = folder + "/evidence.sqlite"
            let build = try ChildProcess.run(
                ["build", "--corpus", folder, "--database", database], as: BuildStep.Measurement.self)
            let single = ["OPENBLAS_NUM_THREADS": "1"]
            func answer(workers: Int) throws -> AnswerStep.Measurement {
                try ChildProcess.run(
                    [
                        "answer", "--database", database, "--queries", folder + "/queries.jsonl", "--workers",
                        String(workers),
                        "--launched", String(Date().timeIntervalSince1970),
                    ], environment: single, as: AnswerStep.Measurement.self)
            }
            let one = try answer(workers: 1)
            let two = try answer(workers: 2)
            Measure.removeDatabase(database)
            log(
                "  ours: build \(format(build.buildSeconds)) s, default p50 \(format(one.latencies[2].percentile(50), 2)) ms, two at once \(format(two.queriesPerSecond)) queries/s"
            )
            let fts5 = try ChildProcess.run(
                ["fts5", "--corpus", folder, "--database", folder + "/fts5.sqlite", "--budget", String(queryBudget)],
                environment: single, as: FTS5Step.Measurement.self)
            Measure.removeDatabase(folder + "/fts5.sqlite")
            log(
                "  FTS5: build \(format(fts5.buildSeconds)) s, p50 \(format(fts5.latency.percentile(50), 2)) ms over \(fts5.latency.milliseconds.count) queries"
            )
            let peerRows = try peers?.run(corpus: folder, budget: queryBudget) ?? []
            results.append(
                SizeResult(records: size, build: build, oneWorker: one, twoWorkers: two, fts5: fts5, peers: peerRows))
            try? FileManager.default.removeItem(atPath: folder)
        }
        return results
    }
}
