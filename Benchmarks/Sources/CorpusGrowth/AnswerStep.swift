internal import Foundation
internal import EvidenceCore
internal import Store
internal import Ranking
internal import Search
internal import Recommender

/// What answering costs, measured in a child process started for it: the time from the process's
/// launch to its first answer (open the database, read the per-record table and the semantic space,
/// rank), then each query path over every query, and the peak memory of the process while answering.
///
/// With one worker (run with `OPENBLAS_NUM_THREADS=1`): the lexical path, the semantic scan and the
/// default fused pipeline one query at a time, and every query's vector scored at once by one `sgemm`.
/// With two workers: two threads answering by the default pipeline at once, as a server on both cores.
/// The default pipeline is the ranking the server uses: a read snapshot per query and the `IndexReader`'s
/// searcher. The server's whole path is measured beside it: `Recommender.recommend` for 10 results,
/// with records, reasons, snippets and related titles, without and with a filter (the filter allows
/// every generated record, so it measures the cost of the mask, not a smaller candidate set).
struct AnswerStep {
    struct Measurement: Codable {
        var workers: Int
        var coldOpenSeconds: Double
        var latencies: [Latency]
        var queriesPerSecond: Double
        var batchQueriesPerSecond: Double?
        var scanMilliseconds: Double?
        var peakResidentMegabytes: Double
    }

    let database: String
    let queries: [String]
    let workers: Int
    /// When the parent launched this process (seconds since 1970).
    let launchedAt: Double

    static let defaultName = "default (BM25 + LSA + feedback)"
    static let lexicalName = "lexical (BM25)"
    static let semanticName = "semantic scan (LSA 100)"
    static let recommendName = "Recommender.recommend k10"
    static let filteredName = "Recommender.recommend k10 filtered"

    func run() throws -> Measurement {
        let store = try EvidenceStore(path: database, readOnly: true)
        let indexReader = IndexReader()
        let configuration = RankingConfiguration()
        @Sendable func answer(_ text: String) throws -> [ScoredRecord] {
            try store.read { reader in
                try indexReader.searcher(reader).scorer(reader, configuration: configuration).rank(text, k: 10)
            }
        }
        _ = try answer(queries[0])
        let coldOpen = Date().timeIntervalSince1970 - launchedAt

        if workers > 1 {
            let next = Counter()
            let results = Results()
            let seconds = Measure.seconds {
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var latency = Latency(name: Self.defaultName + ", \(workers) at once")
                    while let index = next.take(below: queries.count) {
                        do { _ = try latency.time { try answer(queries[index]) } } catch { results.fail(error) }
                    }
                    results.add(latency)
                }
            }
            if let failure = results.failure { throw failure }
            return Measurement(
                workers: workers, coldOpenSeconds: coldOpen, latencies: [results.merged],
                queriesPerSecond: Double(queries.count) / seconds,
                batchQueriesPerSecond: nil, scanMilliseconds: nil,
                peakResidentMegabytes: Measure.peakResidentMegabytes())
        }

        var fused = Latency(name: Self.defaultName)
        let seconds = try Measure.seconds { for query in queries { _ = try fused.time { try answer(query) } } }
        let recommender = Recommender(store: store)
        var recommended = Latency(name: Self.recommendName), filtered = Latency(name: Self.filteredName)
        // One pass unmeasured first, so neither measured pass finds the other's term rows and snippets warm.
        for query in queries { _ = try recommender.recommend(SearchRequest(description: query)) }
        for query in queries {
            _ = try recommended.time { try recommender.recommend(SearchRequest(description: query)) }
        }
        let everyRecord = RecordFilter(kinds: [.unclassified])
        for query in queries {
            _ = try filtered.time { try recommender.recommend(SearchRequest(description: query, filter: everyRecord)) }
        }
        var lexical = Latency(name: Self.lexicalName), semantic = Latency(name: Self.semanticName)
        var scan = Latency(name: "sgemv")
        var batchRate = 0.0
        try store.read { reader in
            let scorer = try indexReader.searcher(reader).scorer(reader, configuration: configuration)
            guard let space = scorer.semantic else { throw BenchmarkFailure("the database has no semantic space") }
            for query in queries {
                _ = try lexical.time { try scorer.lexical.top(terms: scorer.lexical.analyzer.terms(query), k: 10) }
                semantic.time {
                    let vector = space.queryVector(terms: scorer.lexical.analyzer.terms(query))
                    let cosines = scan.time { space.space.scores(vector) }
                    _ = TopK.select(cosines.map(Double.init), k: 10) { String($0) }
                }
            }
            var batch = DenseMatrix(rows: queries.count, columns: space.space.rank)
            for (row, query) in queries.enumerated() {
                let vector = space.queryVector(terms: scorer.lexical.analyzer.terms(query))
                for j in 0..<vector.count { batch[row, j] = vector[j] }
            }
            batchRate = Double(queries.count) / Measure.seconds { _ = space.space.scores(batch: batch) }
        }
        return Measurement(
            workers: 1, coldOpenSeconds: coldOpen, latencies: [lexical, semantic, fused, recommended, filtered],
            queriesPerSecond: Double(queries.count) / seconds,
            batchQueriesPerSecond: batchRate, scanMilliseconds: scan.percentile(50),
            peakResidentMegabytes: Measure.peakResidentMegabytes())
    }

    /// The queries of a `queries.jsonl` file, in order.
    static func readQueries(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = object["text"] as? String
            else {
                throw BenchmarkFailure("\(path): a line without a text")
            }
            return text
        }
    }
}

/// The next query to answer, shared by the workers.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// The workers' latencies, merged, and the first failure.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var merged = Latency(name: "")
    private(set) var failure: Error?
    func add(_ latency: Latency) {
        lock.lock()
        merged.name = latency.name
        merged.milliseconds += latency.milliseconds
        lock.unlock()
    }
    func fail(_ error: Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }
}
