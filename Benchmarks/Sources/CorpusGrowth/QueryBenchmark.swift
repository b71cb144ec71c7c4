internal import Foundation
internal import GRDB
internal import EvidenceCore
internal import Store
internal import Indexing
internal import Ranking

/// Query cost on one corpus: the lexical path, the semantic scan and the default fused pipeline,
/// single-threaded, beside SQLite FTS5 `bm25()` on the same records and queries; the semantic scan's
/// bandwidth against a STREAM-like triad measured in the same run; and batch throughput via `sgemm`.
struct QueryBenchmark {
    let documents: [CorpusGenerator.Document]
    let queries: [(id: String, text: String)]
    let workFolder: String

    struct Latency {
        var name: String
        var milliseconds: [Double]
        func percentile(_ p: Double) -> Double {
            let sorted = milliseconds.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted[min(sorted.count - 1, Int((p / 100) * Double(sorted.count)))]
        }
    }

    struct Report {
        var records: Int
        var lexicalBuildSeconds: Double
        var semanticBuildSeconds: Double
        var latencies: [Latency]
        var triadGBps: Double
        var scanGBps: Double
        var scanMilliseconds: Double
        var batchQueriesPerSecond: Double
    }

    func run(log: (String) -> Void) throws -> Report {
        let path = workFolder + "/query.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try EvidenceStore(path: path)
        try store.upsert(documents.map { EvidenceRecord(id: $0.id, title: $0.title, kind: .impactStudy, summary: $0.text) })
        var builder = IndexBuilder()
        builder.includesSemantic = false
        var started = Date()
        _ = try builder.build(store)
        let lexicalBuild = Date().timeIntervalSince(started)
        log("  lexical index built in \(String(format: "%.1f", lexicalBuild)) s")
        started = Date()
        try store.write("store the semantic space in") { transaction in
            try SemanticIndex.compute(transaction.reader, rank: RankingConfiguration().semanticRank).write(to: transaction)
            try transaction.setIndexMeta([IndexFormat.MetaKey.semanticRank: String(RankingConfiguration().semanticRank)])
        }
        let semanticBuild = Date().timeIntervalSince(started)
        log("  semantic space and related records built in \(String(format: "%.1f", semanticBuild)) s")

        var lexical = Latency(name: "EvidenceEngine lexical (BM25, top 10)", milliseconds: [])
        var semantic = Latency(name: "EvidenceEngine semantic scan (LSA 100, top 10)", milliseconds: [])
        var fused = Latency(name: "EvidenceEngine default (BM25 + LSA + Rocchio, top 10)", milliseconds: [])
        var scanSeconds: [Double] = []
        var dimensionMajorSeconds: [Double] = []
        var batchRate = 0.0
        try store.read { reader in
            let scorer = try HybridScorer(reader: reader, configuration: RankingConfiguration())
            let space = try require(scorer.semantic)
            for query in queries {
                var clock = Date()
                let terms = scorer.lexical.analyzer.terms(query.text)
                _ = try scorer.lexical.top(terms: terms, k: 10)
                lexical.milliseconds.append(Date().timeIntervalSince(clock) * 1000)

                clock = Date()
                let vector = space.queryVector(terms: scorer.lexical.analyzer.terms(query.text))
                let scanStart = Date()
                let cosines = space.space.scores(vector)
                scanSeconds.append(Date().timeIntervalSince(scanStart))
                _ = TopK.select(cosines.map(Double.init), identifiers: Array(repeating: "", count: cosines.count), k: 10)
                semantic.milliseconds.append(Date().timeIntervalSince(clock) * 1000)

                clock = Date()
                _ = try scorer.rank(query.text, k: 10)
                fused.milliseconds.append(Date().timeIntervalSince(clock) * 1000)
            }
            // The same scan over a dimension-major copy (k × N): y = Mᵀ q as an sgemm with one column.
            let vectors = space.space.documentVectors
            var byDimension = DenseMatrix(rows: vectors.columns, columns: vectors.rows)
            for row in 0..<vectors.rows { for j in 0..<vectors.columns { byDimension[j, row] = vectors[row, j] } }
            for query in queries.prefix(100) {
                let vector = space.queryVector(terms: scorer.lexical.analyzer.terms(query.text))
                let start = Date()
                _ = Kernels.multiplyTransposed(byDimension, DenseMatrix(rows: vector.count, columns: 1, values: vector))
                dimensionMajorSeconds.append(Date().timeIntervalSince(start))
            }
            // Batch: every query's vector in one matrix, all scored by one sgemm.
            var batch = DenseMatrix(rows: queries.count, columns: space.space.rank)
            for (row, query) in queries.enumerated() {
                let vector = space.queryVector(terms: scorer.lexical.analyzer.terms(query.text))
                for j in 0..<vector.count { batch[row, j] = vector[j] }
            }
            let batchStart = Date()
            _ = Kernels.multiplyByTranspose(space.space.documentVectors, batch)
            batchRate = Double(queries.count) / Date().timeIntervalSince(batchStart)
        }
        let rank = Double(RankingConfiguration().semanticRank)
        let scan = scanSeconds.sorted()[scanSeconds.count / 2]
        let scanGBps = Double(documents.count) * rank * 4 / scan / 1e9
        let dimensionMajor = dimensionMajorSeconds.sorted()[dimensionMajorSeconds.count / 2]
        log("  dimension-major scan: median \(String(format: "%.2f", dimensionMajor * 1000)) ms, \(String(format: "%.1f", Double(documents.count) * rank * 4 / dimensionMajor / 1e9)) GB/s")
        return Report(records: documents.count, lexicalBuildSeconds: lexicalBuild, semanticBuildSeconds: semanticBuild,
                      latencies: [lexical, semantic, fused, try fts5Latency()], triadGBps: Self.triadBandwidth(),
                      scanGBps: scanGBps, scanMilliseconds: scan * 1000, batchQueriesPerSecond: batchRate)
    }

    /// FTS5 with the porter tokenizer, queried as the shared peer script does: the query's words,
    /// lower-cased, de-duplicated, quoted and OR-ed, ordered by bm25(), top 10. At most 20 s of queries.
    func fts5Latency() throws -> Latency {
        let path = workFolder + "/fts5-query.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, tokenize = 'porter unicode61')")
            let statement = try db.makeStatement(sql: "INSERT INTO docs (id, title, text) VALUES (?, ?, ?)")
            for document in documents { try statement.execute(arguments: [document.id, document.title, document.text]) }
        }
        var latency = Latency(name: "SQLite FTS5 bm25() (porter, top 10)", milliseconds: [])
        let budget = Date().addingTimeInterval(20)
        try queue.read { db in
            for query in queries where Date() < budget {
                var seen = Set<String>()
                let words = query.text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { seen.insert($0).inserted }
                let match = words.map { "\"\($0)\"" }.joined(separator: " OR ")
                let clock = Date()
                _ = try String.fetchAll(db, sql: "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", arguments: [match])
                latency.milliseconds.append(Date().timeIntervalSince(clock) * 1000)
            }
        }
        return latency
    }

    /// STREAM-like triad a[i] = b[i] + s·c[i] over arrays far larger than the caches; GB/s counting
    /// the 12 bytes each element moves (two float reads, one write). Best of five.
    static func triadBandwidth() -> Double {
        let count = 25_000_000
        var a = [Float](repeating: 0, count: count)
        let b = [Float](repeating: 1, count: count), c = [Float](repeating: 2, count: count)
        var best = 0.0
        for _ in 0..<5 {
            let start = Date()
            a.withUnsafeMutableBufferPointer { out in
                b.withUnsafeBufferPointer { x in
                    c.withUnsafeBufferPointer { y in
                        for index in 0..<count { out[index] = x[index] + 3 * y[index] }
                    }
                }
            }
            best = max(best, Double(count * 12) / Date().timeIntervalSince(start) / 1e9)
        }
        precondition(a[count / 2] == 7)
        return best
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CocoaError(.featureUnsupported) }
    return value
}
