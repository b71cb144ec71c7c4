internal import Foundation
internal import GRDB
internal import EvidenceCore
internal import Store
internal import Indexing

/// Import and lexical-index build of one corpus, ours and SQLite FTS5 (porter tokenizer, bm25) side by
/// side on the same records in the same run. Sizes are bytes on disk after a WAL checkpoint.
struct IndexBuildBenchmark {
    struct Result {
        var system: String
        var records: Int
        var importSeconds: Double
        var buildSeconds: Double
        var indexBytes: Int64
        var recordsPerSecond: Double { Double(records) / buildSeconds }
    }

    let documents: [CorpusGenerator.Document]
    let workFolder: String

    func runOurs() throws -> Result {
        let path = workFolder + "/evidence.sqlite"
        removeDatabase(path)
        let store = try EvidenceStore(path: path)
        let records = documents.map { EvidenceRecord(id: $0.id, title: $0.title, kind: .impactStudy, summary: $0.text) }
        let importStart = Date()
        try store.upsert(records)
        let importSeconds = Date().timeIntervalSince(importStart)
        let before = try checkpointedSize(path)
        let buildStart = Date()
        let stages = StageClock(start: buildStart)
        _ = try IndexBuilder().build(store) { stage, done, total in stages.note(stage.rawValue, done: done, total: total) }
        let buildSeconds = Date().timeIntervalSince(buildStart)
        FileHandle.standardError.write(Data("  stages: \(stages.summary(end: Date()))\n".utf8))
        let after = try checkpointedSize(path)
        return Result(system: "EvidenceEngine (lexical)", records: records.count, importSeconds: importSeconds, buildSeconds: buildSeconds, indexBytes: after - before)
    }

    /// FTS5 keeps its own copy of the text (not contentless), as the shared peer script configures it;
    /// its import and build are one step, so both columns carry the same time.
    func runFTS5() throws -> Result {
        let path = workFolder + "/fts5.sqlite"
        removeDatabase(path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize = 'porter unicode61')") }
        let before = try checkpointedSize(path)
        let start = Date()
        try queue.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO docs (id, title, text) VALUES (?, ?, ?)")
            for document in documents { try statement.execute(arguments: [document.id, document.title, document.text]) }
        }
        let seconds = Date().timeIntervalSince(start)
        let after = try checkpointedSize(path)
        try queue.close()
        return Result(system: "SQLite FTS5 (porter)", records: documents.count, importSeconds: seconds, buildSeconds: seconds, indexBytes: after - before)
    }

    private func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The file's size once the WAL has been folded into it.
    private func checkpointedSize(_ path: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// When each build stage started and ended, from the builder's progress reports.
final class StageClock: @unchecked Sendable {
    private let start: Date
    private var marks: [(name: String, first: Date, last: Date)] = []
    private let lock = NSLock()

    init(start: Date) { self.start = start }

    func note(_ name: String, done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if let index = marks.firstIndex(where: { $0.name == name }) { marks[index].last = now } else { marks.append((name, now, now)) }
    }

    func summary(end: Date) -> String {
        marks.map { "\($0.name) first report at \(String(format: "%.2f", $0.first.timeIntervalSince(start))) s, last at \(String(format: "%.2f", $0.last.timeIntervalSince(start))) s" }
            .joined(separator: "; ") + "; end \(String(format: "%.2f", end.timeIntervalSince(start))) s"
    }
}
