internal import ArgumentParser
internal import EvidenceCore
internal import Store
internal import Recommender

/// `evidence stats`: what the database holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the records by kind, topic and strength of evidence; show the database path and size.")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print the counts as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            let stats = try database.open().statistics()
            if json { printEncoded(stats); return }
            print("Database: \(stats.databasePath) (\(Self.size(stats.databaseBytes)))")
            print(
                "Records:  \(stats.records)\(stats.sourcesDisagree > 0 ? " (\(stats.sourcesDisagree) where sources disagree)" : "")"
            )
            print("Meaning:  \(EncoderLoader().status)")
            Self.table("By kind", EvidenceKind.allCases.map { ($0.label, stats.byKind[$0.rawValue] ?? 0) })
            Self.table(
                "By strongest evidence",
                EvidenceStrength.allCases.map { ($0.label, stats.byStrongestEvidence[$0.rawValue] ?? 0) })
            Self.table("By topic", Topic.allCases.map { ($0.label, stats.byTopic[$0.rawValue] ?? 0) })
        }
    }

    private static func table(_ heading: String, _ rows: [(String, Int)]) {
        print("\n\(heading)")
        for (label, count) in rows where count > 0 {
            print(
                "  " + Terminal.pad(label, 48) + String(repeating: " ", count: max(0, 6 - String(count).count))
                    + String(count))
        }
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\((bytes + 500) / 1000) kB" : "\(Double(bytes / 100_000) / 10) MB"
    }
}
