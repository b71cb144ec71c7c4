internal import Foundation

/// Writes a query benchmark's results as a Markdown table (machine, date, seed) and prints it.
struct QueryReport {
    let report: QueryBenchmark.Report
    let seed: UInt64

    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func ms(_ value: Double) -> String { String(format: "%.2f", value) }
        var text = """
            # Query cost: EvidenceEngine beside SQLite FTS5

            \(ProcessInfo.processInfo.activeProcessorCount) cores, seed \(seed), \(ISO8601DateFormatter().string(from: Date())).
            \(report.records) synthetic records; 200 case-description-length queries (40–120 words); one thread.
            Lexical index built in \(String(format: "%.1f", report.lexicalBuildSeconds)) s; semantic space (LSA rank 100) and each
            record's 5 nearest records in \(String(format: "%.1f", report.semanticBuildSeconds)) s.

            | path | queries | p50 ms | p95 ms | p99 ms |
            |---|---:|---:|---:|---:|

            """
        for latency in report.latencies {
            text += "| \(latency.name) | \(latency.milliseconds.count) | \(ms(latency.percentile(50))) | \(ms(latency.percentile(95))) | \(ms(latency.percentile(99))) |\n"
        }
        text += """

            Semantic scan (`sgemv` over \(report.records) × 100 float32): median \(ms(report.scanMilliseconds)) ms, \
            \(String(format: "%.1f", report.scanGBps)) GB/s = \(Int(report.scanGBps / report.triadGBps * 100))% of the triad's \
            \(String(format: "%.1f", report.triadGBps)) GB/s measured in the same run.
            Batch: 200 queries scored against every record by one `sgemm`: \(Int(report.batchQueriesPerSecond)) queries/s.

            """
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        try text.write(toFile: folder + "/query-\(stamp).md", atomically: true, encoding: .utf8)
        try text.write(toFile: folder + "/query-latest.md", atomically: true, encoding: .utf8)
        print(text)
    }
}
