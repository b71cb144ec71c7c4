internal import ArgumentParser
internal import Foundation
internal import Indexing
internal import Store
internal import Recommender

/// `evidence index build|check|status`: the search index.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build, check or describe the search index.",
        discussion: """
            Imports and removals keep the index up to date by themselves. Build it once after the first \
            import, and again after a new version of EvidenceEngine says the analysis has changed.
            """,
        subcommands: [Build.self, Check.self, Status.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the whole index beside the live one and swap it in at once.",
            discussion:
                "Searches keep answering from the old index until the new one is complete; an interrupted build leaves the old one as it was."
        )

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Say each stage on standard error as it starts.")
        var verbose = false

        @Flag(name: .customLong("if-stale"), help: "Build only when the index is missing or out of date.")
        var ifStale = false

        @Flag(
            name: .customLong("no-encoder"),
            help: "Leave out the sentence encoder's passage vectors, even when its model is installed.")
        var noEncoder = false

        func run() throws {
            try reportingFailures {
                let store = try database.open()
                if ifStale, try store.read({ try IndexStatus.read($0, analyzer: .standard) }).state == .current {
                    print("The search index is up to date; nothing to do (--if-stale).")
                    try encodePassages(store)
                    return
                }
                let bar = ProgressBar("Indexing")
                let verbose = self.verbose
                let announced = Announcer()
                let report = try IndexBuilder().build(store) { stage, done, total in
                    if verbose && announced.first(stage.rawValue) {
                        Terminal.standardError(
                            "\(stage.rawValue) \(total) \(stage == .analysing ? "records" : "terms")…\n")
                    }
                    bar.update(done, of: total)
                }
                bar.finish()
                print(
                    "Indexed \(report.documents) records: \(report.terms) terms, \(report.postings) postings, in \(String(format: "%.2f", report.seconds)) s."
                )
                try encodePassages(store)
            }
        }

        /// Brings the sentence encoder's passage vectors up to date (only new or changed records are
        /// encoded), or says why the encoder is not used.
        private func encodePassages(_ store: EvidenceStore) throws {
            guard !noEncoder else { return }
            let loader = EncoderLoader()
            guard let encoder = loader.encoder else {
                print("Matching by meaning is off: \(loader.status).")
                return
            }
            let bar = ProgressBar("Encoding passages")
            let report = try PassageVectors(encoder: encoder).refresh(store) { bar.update($0, of: $1) }
            bar.finish()
            guard report.encoded > 0 else { return }
            print(
                "Encoded \(report.passages) passages of \(report.encoded) records for matching by meaning in \(String(format: "%.1f", report.seconds)) s"
                    + " (\(String(format: "%.1f", Double(report.passages) / max(report.seconds, 0.001))) passages a second); \(report.kept) records unchanged."
            )
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the index's invariants against itself and the records.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try reportingFailures {
                let report = try IndexChecker().check(try database.open())
                if report.status.state == .missing { throw CLIFailure(IndexError.missing.description, status: .index) }
                for problem in report.problems { Terminal.standardError("problem: \(problem)\n") }
                if report.status.state == .stale, let problem = report.status.problem {
                    Terminal.standardError("note: \(problem.description)\n")
                }
                guard report.problems.isEmpty else {
                    throw CLIFailure(
                        "the index failed \(report.problems.count) check\(report.problems.count == 1 ? "" : "s"); rebuild it with 'evidence index build'",
                        status: .index)
                }
                print(
                    "Index OK: \(report.documents) records, \(report.terms) terms, \(report.postings) postings\(report.status.state == .stale ? " (but out of date)" : "")."
                )
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the index is current, and what it holds.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try reportingFailures {
                let (status, termCount) = try database.open().read {
                    (try IndexStatus.read($0, analyzer: .standard), try $0.indexTermCount())
                }
                if let problem = status.problem, status.state == .missing { print(problem.description); return }
                print(
                    "Index: \(status.documentCount) records, \(termCount) terms; built \(status.builtAt), updated \(status.updatedAt)."
                )
                print(status.problem.map { "Not usable: \($0.description)" } ?? "Up to date.")
            }
        }
    }
}

/// Remembers which stage names were already announced.
private final class Announcer: @unchecked Sendable {
    private var seen: Set<String> = []
    private let lock = NSLock()
    func first(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen.insert(name).inserted
    }
}
