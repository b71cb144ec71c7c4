internal import Foundation
internal import GRDB

/// SQLite FTS5 on the same files, in a child process, configured and queried as the shared peer script
/// does: `tokenize = 'porter unicode61'`, the text kept in the table (not contentless); each query's
/// words lower-cased, de-duplicated, quoted and OR-ed, `ORDER BY bm25(docs) LIMIT 10`. The build time
/// includes reading and decoding `docs.jsonl`, as ours does; queries stop after `budget` seconds.
struct FTS5Step {
    struct Measurement: Codable {
        var buildSeconds: Double
        var indexBytes: Int64
        var latency: Latency
        var peakResidentMegabytes: Double
    }

    let corpus: String
    let database: String
    let budget: Double

    func run() throws -> Measurement {
        Measure.removeDatabase(database)
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(
                sql: "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize = 'porter unicode61')")
        }
        let empty = Measure.databaseBytes(database)
        let buildSeconds = try Measure.seconds {
            guard let reader = FileHandle(forReadingAtPath: corpus + "/docs.jsonl") else {
                throw BenchmarkFailure("cannot read \(corpus)/docs.jsonl")
            }
            let text = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
            try queue.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO docs (id, title, text) VALUES (?, ?, ?)")
                for line in text.split(separator: "\n") {
                    guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
                    else { continue }
                    try statement.execute(arguments: [object["id"], object["title"], object["text"]])
                }
            }
        }
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        var latency = Latency(name: "SQLite FTS5 bm25() (porter)")
        let deadline = Date().addingTimeInterval(budget)
        try queue.read { db in
            for query in try AnswerStep.readQueries(corpus + "/queries.jsonl") where Date() < deadline {
                var seen = Set<String>()
                let words = query.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
                    .filter { seen.insert($0).inserted }
                let match = words.map { "\"\($0)\"" }.joined(separator: " OR ")
                _ = try latency.time {
                    try String.fetchAll(
                        db, sql: "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10",
                        arguments: [match])
                }
            }
        }
        try queue.close()
        return Measurement(
            buildSeconds: buildSeconds, indexBytes: Measure.databaseBytes(database) - empty, latency: latency,
            peakResidentMegabytes: Measure.peakResidentMegabytes())
    }
}
