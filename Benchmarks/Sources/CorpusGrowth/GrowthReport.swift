internal import Foundation

/// The corpus-growth results as written to `Benchmarks/results/`: a Markdown table, a CSV
/// (one `records,system,measure,value` row per number) and an SVG chart (log-log: build time and
/// query p50 against the corpus size, one line per system), each stamped, and `growth-latest.*`.
struct GrowthReport {
    let results: [GrowthRun.SizeResult]
    let seed: UInt64
    /// The STREAM-like triad's bandwidth in the same run, GB/s: what the semantic scan is held against.
    let triadGBps: Double
    let date = Date()

    /// One measured number.
    struct Value { var records: Int; var system: String; var measure: String; var value: Double }

    static let ours = "EvidenceEngine"

    /// Every number, in a fixed order.
    var values: [Value] {
        var list: [Value] = []
        for size in results {
            func add(_ system: String, _ measure: String, _ value: Double?) {
                if let value, value.isFinite {
                    list.append(Value(records: size.records, system: system, measure: measure, value: value))
                }
            }
            let build = size.build
            add(Self.ours, "import_s", build.importSeconds)
            add(Self.ours, "lexical_build_s", build.lexicalSeconds)
            add(Self.ours, "semantic_build_s", build.semanticSeconds)
            add(Self.ours, "whole_build_s", build.buildSeconds)
            add(Self.ours, "records_mb", Double(build.recordBytes) / 1e6)
            add(Self.ours, "lexical_index_mb", Double(build.lexicalIndexBytes) / 1e6)
            add(Self.ours, "semantic_mb", Double(build.semanticBytes) / 1e6)
            add(Self.ours, "build_peak_rss_mb", build.peakResidentMegabytes)
            add(
                Self.ours, "answer_peak_rss_mb",
                max(size.oneWorker.peakResidentMegabytes, size.twoWorkers.peakResidentMegabytes))
            add(Self.ours, "cold_open_s", size.oneWorker.coldOpenSeconds)
            for latency in size.oneWorker.latencies + size.twoWorkers.latencies {
                let key = Self.key(latency.name)
                add(Self.ours, key + "_p50_ms", latency.percentile(50))
                add(Self.ours, key + "_p95_ms", latency.percentile(95))
                add(Self.ours, key + "_p99_ms", latency.percentile(99))
            }
            add(Self.ours, "default_queries_per_s_1_worker", size.oneWorker.queriesPerSecond)
            add(Self.ours, "default_queries_per_s_2_workers", size.twoWorkers.queriesPerSecond)
            add(Self.ours, "batch_sgemm_queries_per_s", size.oneWorker.batchQueriesPerSecond)
            add(Self.ours, "sgemv_scan_ms", size.oneWorker.scanMilliseconds)
            let fts5 = "SQLite FTS5"
            add(fts5, "build_s", size.fts5.buildSeconds)
            add(fts5, "index_mb", Double(size.fts5.indexBytes) / 1e6)
            add(fts5, "peak_rss_mb", size.fts5.peakResidentMegabytes)
            add(fts5, "p50_ms", size.fts5.latency.percentile(50))
            add(fts5, "p95_ms", size.fts5.latency.percentile(95))
            add(fts5, "p99_ms", size.fts5.latency.percentile(99))
            add(fts5, "queries", Double(size.fts5.latency.milliseconds.count))
            for peer in size.peers where peer.failed == nil {
                add(peer.peer, "build_s", peer.build_s)
                add(peer.peer, "index_mb", peer.index_mb)
                add(peer.peer, "peak_rss_mb", peer.peak_rss_mb)
                add(peer.peer, "p50_ms", peer.p50_ms)
                add(peer.peer, "p95_ms", peer.p95_ms)
                add(peer.peer, "p99_ms", peer.p99_ms)
            }
        }
        return list
    }

    /// "default (BM25 + LSA + feedback), 2 at once" → "default_2_at_once".
    static func key(_ name: String) -> String {
        let base = name.prefix { $0 != " " }
        return name.contains("at once") ? base + "_2_at_once" : String(base)
    }

    func value(_ records: Int, _ system: String, _ measure: String) -> Double? {
        values.first { $0.records == records && $0.system == system && $0.measure == measure }?.value
    }

    /// The series of one (system, measure) against the corpus size.
    func series(_ system: String, _ measure: String, name: String) -> LogLogChart.Series {
        LogLogChart.Series(
            name: name,
            points: values.filter { $0.system == system && $0.measure == measure }.map {
                (Double($0.records), $0.value)
            })
    }

    /// The peers that answered at some size, in a fixed order.
    var peerNames: [String] {
        PythonPeers.peers.filter { name in
            results.contains { $0.peers.contains { $0.peer == name && $0.failed == nil } }
        }
    }

    var chart: String {
        let build = LogLogChart(
            title: "Index build time", xLabel: "records", yLabel: "seconds",
            series: [
                series(Self.ours, "lexical_build_s", name: "EvidenceEngine lexical index"),
                series(Self.ours, "whole_build_s", name: "EvidenceEngine import + index + LSA"),
                series("SQLite FTS5", "build_s", name: "SQLite FTS5"),
            ] + peerNames.map { series($0, "build_s", name: $0) })
        let query = LogLogChart(
            title: "Query latency, p50, one thread", xLabel: "records", yLabel: "milliseconds",
            series: [
                series(Self.ours, "lexical_p50_ms", name: "EvidenceEngine lexical"),
                series(Self.ours, "default_p50_ms", name: "EvidenceEngine default"),
                series("SQLite FTS5", "p50_ms", name: "SQLite FTS5"),
            ] + peerNames.map { series($0, "p50_ms", name: $0) })
        return LogLogChart.document([build, query])
    }

    /// The least-squares slope of log y on log N: cost grows as N^slope. Nil with fewer than two sizes.
    static func exponent(_ points: [(x: Double, y: Double)]) -> Double? {
        let logs = points.filter { $0.x > 0 && $0.y > 0 }.map { (log10($0.x), log10($0.y)) }
        guard logs.count >= 2 else { return nil }
        let meanX = logs.map(\.0).reduce(0, +) / Double(logs.count),
            meanY = logs.map(\.1).reduce(0, +) / Double(logs.count)
        let covariance = logs.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let variance = logs.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
        return variance > 0 ? covariance / variance : nil
    }

    var csv: String {
        "records,system,measure,value\n"
            + values.map { "\($0.records),\($0.system),\($0.measure),\(String(format: "%.4f", $0.value))" }.joined(
                separator: "\n") + "\n"
    }

    var markdown: String {
        func cell(_ value: Double?, _ digits: Int = 1) -> String { value.map { format($0, digits) } ?? "–" }
        func ratio(_ a: Double?, _ b: Double?) -> String {
            (a != nil && b != nil && b! > 0) ? format(a! / b!, 2) + "×" : "–"
        }
        let stamp = ISO8601DateFormatter().string(from: date)
        var text = """
            # Corpus growth: EvidenceEngine beside SQLite FTS5\(peerNames.isEmpty ? "" : " and the Python peers")

            \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Int(Double(ProcessInfo.processInfo.physicalMemory) / 1e9)) GB, seed \(seed), \(stamp).
            Synthetic records (title 6–14 words, text 40–420) and 200 queries of 40–120 words from `corpus-growth`;
            every system reads the same files. Each step runs in a child process of its own (peak memory is that
            process's); queries one at a time on one thread (`OPENBLAS_NUM_THREADS=1`) unless marked otherwise.
            FTS5 and the Python peers answer for at most their query budget (the count is given).

            ## Build

            | records | system | import s | index s | LSA + related s | whole build s | index records/s | index MB | peak RSS MB |
            |---:|---|---:|---:|---:|---:|---:|---:|---:|

            """
        for size in results {
            let n = size.records, b = size.build
            text +=
                "| \(n) | EvidenceEngine | \(format(b.importSeconds)) | \(format(b.lexicalSeconds)) | \(format(b.semanticSeconds)) | \(format(b.buildSeconds)) | \(Int(Double(n) / b.lexicalSeconds)) | \(format(Double(b.lexicalIndexBytes) / 1e6)) + \(format(Double(b.semanticBytes) / 1e6)) LSA | \(format(b.peakResidentMegabytes, 0)) |\n"
            text +=
                "| \(n) | SQLite FTS5 | | \(format(size.fts5.buildSeconds)) | | \(format(size.fts5.buildSeconds)) | \(Int(Double(n) / size.fts5.buildSeconds)) | \(format(Double(size.fts5.indexBytes) / 1e6)) (with the text) | \(format(size.fts5.peakResidentMegabytes, 0)) |\n"
            for peer in size.peers {
                text +=
                    "| \(n) | \(peer.peer) | | \(cell(peer.build_s)) | | \(cell(peer.build_s)) | \(peer.build_s.map { String(Int(Double(n) / $0)) } ?? "–") | \(cell(peer.index_mb)) | \(cell(peer.peak_rss_mb, 0)) |\(peer.failed.map { " \($0)" } ?? "")\n"
            }
        }
        text += """

            ## Queries

            | records | system | path | queries | p50 ms | p95 ms | p99 ms | cold open s | peak RSS MB |
            |---:|---|---|---:|---:|---:|---:|---:|---:|

            """
        for size in results {
            let n = size.records
            for (index, latency) in (size.oneWorker.latencies + size.twoWorkers.latencies).enumerated() {
                let first = index == 0
                text +=
                    "| \(n) | EvidenceEngine | \(latency.name) | \(latency.milliseconds.count) | \(format(latency.percentile(50), 2)) | \(format(latency.percentile(95), 2)) | \(format(latency.percentile(99), 2)) | \(first ? format(size.oneWorker.coldOpenSeconds, 2) : "") | \(first ? format(size.oneWorker.peakResidentMegabytes, 0) : "") |\n"
            }
            let f = size.fts5.latency
            text +=
                "| \(n) | SQLite FTS5 | bm25() | \(f.milliseconds.count) | \(format(f.percentile(50), 2)) | \(format(f.percentile(95), 2)) | \(format(f.percentile(99), 2)) | | \(format(size.fts5.peakResidentMegabytes, 0)) |\n"
            for peer in size.peers where peer.failed == nil {
                text +=
                    "| \(n) | \(peer.peer) | | | \(cell(peer.p50_ms, 2)) | \(cell(peer.p95_ms, 2)) | \(cell(peer.p99_ms, 2)) | | \(cell(peer.peak_rss_mb, 0)) |\n"
            }
        }
        text += """

            ## Throughput (ours)

            | records | default, 1 worker (queries/s) | default, 2 workers (queries/s) | batch: all queries by one `sgemm` (queries/s) | `sgemv` scan p50 ms |
            |---:|---:|---:|---:|---:|

            """
        for size in results {
            let scanGBps = size.oneWorker.scanMilliseconds.map { Double(size.records) * 100 * 4 / ($0 / 1000) / 1e9 }
            text +=
                "| \(size.records) | \(format(size.oneWorker.queriesPerSecond)) | \(format(size.twoWorkers.queriesPerSecond)) | \(cell(size.oneWorker.batchQueriesPerSecond, 0)) | \(cell(size.oneWorker.scanMilliseconds, 2)) (\(cell(scanGBps)) GB/s) |\n"
        }
        text += "\nThe same run's STREAM-like triad (one thread): \(format(triadGBps)) GB/s.\n"
        text += "\n## Growth\n\nFitted exponent e of p50 ∝ N^e over the sizes measured (1 is linear):\n\n"
        let fitted: [(String, String, String)] =
            [
                (Self.ours, "lexical_p50_ms", "EvidenceEngine lexical"),
                (Self.ours, "semantic_p50_ms", "EvidenceEngine semantic scan"),
                (Self.ours, "default_p50_ms", "EvidenceEngine default"), ("SQLite FTS5", "p50_ms", "SQLite FTS5"),
            ] + peerNames.map { ($0, "p50_ms", $0) }
        for (system, measure, name) in fitted {
            text +=
                "- \(name): \(Self.exponent(series(system, measure, name: name).points).map { format($0, 2) } ?? "–")\n"
        }
        if let largest = results.last {
            let n = largest.records
            let fastest = peerNames.compactMap { name in value(n, name, "p50_ms").map { (name, $0) } }.min {
                $0.1 < $1.1
            }
            text += """

                ## Against the goals at \(n) records

                - lexical index build: \(format(largest.build.lexicalSeconds)) s; \(ratio(largest.build.lexicalSeconds, value(n, "tantivy", "build_s"))) tantivy's, \(ratio(largest.build.lexicalSeconds, largest.fts5.buildSeconds)) FTS5's
                - whole build (import, index, LSA and related records): \(format(largest.build.buildSeconds)) s
                - default p50 \(cell(value(n, Self.ours, "default_p50_ms"), 2)) ms, p99 \(cell(value(n, Self.ours, "default_p99_ms"), 2)) ms; \(fastest.map { "\(ratio(value(n, Self.ours, "default_p50_ms"), $0.1)) the fastest peer's (\($0.0), \(format($0.1, 2)) ms)" } ?? "no Python peer in this run")
                - peak memory while answering: \(format(max(largest.oneWorker.peakResidentMegabytes, largest.twoWorkers.peakResidentMegabytes), 0)) MB

                """
        }
        return text
    }

    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: date).replacingOccurrences(of: ":", with: "")
        let chartName = "growth-\(stamp).svg"
        let page = markdown + "\n![Build time and query p50 against corpus size](\(chartName))\n"
        for (name, content) in [
            ("growth-\(stamp).md", page), ("growth-\(stamp).csv", csv), (chartName, chart),
            ("growth-latest.md", page.replacingOccurrences(of: chartName, with: "growth-latest.svg")),
            ("growth-latest.svg", chart),
        ] {
            try content.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }
}
