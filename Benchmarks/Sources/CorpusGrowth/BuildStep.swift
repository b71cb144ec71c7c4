internal import Foundation
internal import GRDB
internal import EvidenceCore
internal import Ingest
internal import Store
internal import Indexing
internal import Ranking

/// What building EvidenceEngine's database from `docs.jsonl` costs, measured in a child process:
/// `evidence import` (read and check every record, store it in one transaction), the lexical index
/// build, and the semantic space with each record's related records, each timed apart, with the
/// database's size after each step and the process's peak memory.
struct BuildStep {
    struct Measurement: Codable {
        var records: Int
        var importSeconds: Double
        var lexicalSeconds: Double
        var semanticSeconds: Double
        var recordBytes: Int64
        var lexicalIndexBytes: Int64
        var semanticBytes: Int64
        var peakResidentMegabytes: Double
        var buildSeconds: Double { importSeconds + lexicalSeconds + semanticSeconds }
    }

    let corpus: String
    let database: String

    func run(log: (String) -> Void) throws -> Measurement {
        Measure.removeDatabase(database)
        let store = try EvidenceStore(path: database)
        var records = 0
        let importSeconds = try Measure.seconds {
            let loaded = EvidenceLoader().load(paths: [corpus + "/docs.jsonl"])
            guard !loaded.hasErrors else {
                throw BenchmarkFailure("the generated corpus has errors: \(loaded.errors.prefix(3))")
            }
            records = loaded.records.count
            _ = try CorpusWriter(store: store).upsert(loaded.records)
        }
        let afterImport = try checkpointedSize(store)
        log("  import: \(records) records in \(format(importSeconds)) s")
        var lexical = IndexBuilder()
        lexical.includesSemantic = false
        let lexicalSeconds = try Measure.seconds { _ = try lexical.build(store) }
        let afterLexical = try checkpointedSize(store)
        log("  lexical index: \(format(lexicalSeconds)) s")
        let rank = SemanticIndex.defaultRank
        var computeSeconds = 0.0
        let semanticSeconds = try Measure.seconds {
            try store.write("store the semantic space in") { transaction in
                var space: SemanticIndex?
                computeSeconds = try Measure.seconds {
                    space = try SemanticIndex.compute(transaction.reader, rank: rank)
                }
                try space?.write(to: transaction)
            }
        }
        let afterSemantic = try checkpointedSize(store)
        log(
            "  semantic space and related records: \(format(semanticSeconds)) s (the space computed in \(format(computeSeconds)) s, then related records and storage)"
        )
        return Measurement(
            records: records, importSeconds: importSeconds, lexicalSeconds: lexicalSeconds,
            semanticSeconds: semanticSeconds, recordBytes: afterImport, lexicalIndexBytes: afterLexical - afterImport,
            semanticBytes: afterSemantic - afterLexical, peakResidentMegabytes: Measure.peakResidentMegabytes())
    }

    private func checkpointedSize(_ store: EvidenceStore) throws -> Int64 {
        let queue = try DatabaseQueue(path: database)
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
        return Measure.databaseBytes(database)
    }
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
