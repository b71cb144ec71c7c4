internal import Foundation

/// Writes one run's results as CSV and as a Markdown table with the machine, date and ratios to FTS5.
struct IndexBuildReport {
    let rows: [IndexBuildBenchmark.Result]
    let seed: UInt64

    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var csv = "system,records,import_s,build_s,records_per_s,index_bytes\n"
        for row in rows {
            csv += "\(row.system),\(row.records),\(format(row.importSeconds)),\(format(row.buildSeconds)),\(Int(row.recordsPerSecond)),\(row.indexBytes)\n"
        }
        var markdown = """
            # Index build: EvidenceEngine beside SQLite FTS5

            \(machine()), seed \(seed), \(ISO8601DateFormatter().string(from: Date())).
            Synthetic records (title 6–14 words, text 40–420 words) from `corpus-growth`; both systems index
            the same records in the same run. Ratios are ours ÷ FTS5's (build speed: higher is better; size:
            lower is better).

            | records | system | import (s) | index build (s) | records/s | index on disk (MB) | speed ratio | size ratio |
            |---:|---|---:|---:|---:|---:|---:|---:|

            """
        for size in Set(rows.map(\.records)).sorted() {
            let group = rows.filter { $0.records == size }
            let fts = group.first { $0.system.hasPrefix("SQLite") }
            for row in group {
                let speed = fts.map { format(row.recordsPerSecond / $0.recordsPerSecond) } ?? ""
                let size_ = fts.map { format(Double(row.indexBytes) / Double(max($0.indexBytes, 1))) } ?? ""
                markdown += "| \(row.records) | \(row.system) | \(format(row.importSeconds)) | \(format(row.buildSeconds)) | \(Int(row.recordsPerSecond)) | \(format(Double(row.indexBytes) / 1_000_000)) | \(speed) | \(size_) |\n"
            }
        }
        try csv.write(toFile: folder + "/index-build-\(stamp).csv", atomically: true, encoding: .utf8)
        try markdown.write(toFile: folder + "/index-build-\(stamp).md", atomically: true, encoding: .utf8)
        try markdown.write(toFile: folder + "/index-build-latest.md", atomically: true, encoding: .utf8)
        print(markdown)
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }

    private func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
        return "\(cores) cores, \(memory) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}
