internal import ArgumentParser
internal import Foundation
internal import EvidenceCore
internal import Ingest
internal import Indexing
internal import Store
internal import Recommender

/// `evidence import PATH…`: reads evidence files and folders and upserts them by id, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import evidence from Markdown, JSON Lines, CSV or RIS files, or folders of them.",
        discussion: """
            The format is chosen by extension: .md (front matter and sections, one record per file), .jsonl, \
            .csv (header row; lists separated by ';') and .ris. Records are matched by id: new ones are added, \
            changed ones replaced. An import is all or nothing: if any record is invalid, nothing is written \
            and every problem is listed with its file, line and field. Folders are read recursively; README \
            files without front matter and test collections (folders with a qrels.tsv or queries.jsonl) are skipped.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    @Flag(name: .customLong("dry-run"), help: "Check the files and report; write nothing.")
    var dryRun = false

    @Flag(
        name: .customLong("skip-invalid"),
        help: "Import the valid records and report the invalid ones, instead of importing nothing.")
    var skipInvalid = false

    @Flag(
        name: .customLong("if-empty"),
        help: "Import only into an empty database (how 'make run' loads the bundled corpus once).")
    var ifEmpty = false

    @Flag(name: .long, help: "Print the outcome as JSON on standard output.")
    var json = false

    func run() throws {
        try reportingFailures {
            if ifEmpty, !dryRun, let existing = try? EvidenceStore(path: database.path, create: false).count(),
                existing > 0
            {
                print("The database \(database.path) already holds \(existing) records; nothing imported (--if-empty).")
                return
            }
            let reading = ProgressBar("Reading")
            let loaded = EvidenceLoader().load(paths: paths) { reading.update($0, of: $1) }
            reading.finish()
            report(loaded)

            var summary = EvidenceStore.UpsertSummary()
            var indexUpdated = false
            let willWrite = !dryRun && (!loaded.hasErrors || skipInvalid) && !loaded.records.isEmpty
            if willWrite {
                let store = try database.open(create: true)
                let writing = ProgressBar("Writing")
                let records = loaded.records
                let encoders = EncoderLoader()
                let encoder = encoders.isPresent ? encoders.encoder : nil
                let result = try CorpusWriter(store: store, encoder: encoder).upsert(records) {
                    writing.update($0, of: $1)
                }
                writing.finish()
                summary = EvidenceStore.UpsertSummary(result.changes)
                indexUpdated = result.indexUpdated
            }
            if json {
                printJSON(loaded, summary: summary, wrote: willWrite)
            } else {
                printSummary(loaded, summary: summary, wrote: willWrite)
            }
            if willWrite && !indexUpdated && !json {
                Terminal.standardError("The search index is not up to date; build it with 'evidence index build'.\n")
            }
            if loaded.hasErrors && !skipInvalid { throw ExitCode(CLIFailure.Status.invalidInput.rawValue) }
            if loaded.records.isEmpty && !loaded.hasErrors {
                throw CLIFailure("no records found in \(paths.joined(separator: ", "))", status: .invalidInput)
            }
        }
    }

    /// Every error, and the warnings: each on its own line when few, grouped by message when many.
    private func report(_ loaded: EvidenceLoader.Result) {
        for error in loaded.errors { Terminal.standardError("\(error)\n") }
        let warnings = loaded.warnings
        if warnings.count <= 20 {
            for warning in warnings { Terminal.standardError("\(warning)\n") }
        } else {
            var groups: [String: (count: Int, example: IngestDiagnostic)] = [:]
            var order: [String] = []
            for warning in warnings {
                let key = "field '\(warning.field ?? "-")': \(warning.message)"
                if groups[key] == nil { order.append(key); groups[key] = (0, warning) }
                groups[key]!.count += 1
            }
            for key in order {
                let group = groups[key]!
                let place = group.example.file + (group.example.line.map { ":\($0)" } ?? "")
                Terminal.standardError("warning: \(group.count) × \(key) (first at \(place))\n")
            }
        }
        if !loaded.skipped.isEmpty {
            Terminal.standardError(
                "Skipped \(loaded.skipped.count) file\(loaded.skipped.count == 1 ? "" : "s") or folder\(loaded.skipped.count == 1 ? "" : "s") that hold no evidence:\n"
            )
            for line in loaded.skipped.prefix(10) { Terminal.standardError("  \(line)\n") }
            if loaded.skipped.count > 10 { Terminal.standardError("  … and \(loaded.skipped.count - 10) more\n") }
        }
    }

    private func printSummary(_ loaded: EvidenceLoader.Result, summary: EvidenceStore.UpsertSummary, wrote: Bool) {
        let files = "\(loaded.filesRead.count) file\(loaded.filesRead.count == 1 ? "" : "s")"
        let errors = loaded.errors.count
        if dryRun {
            print(
                errors == 0
                    ? "Checked \(loaded.records.count) records in \(files): no errors. Nothing written (dry run)."
                    : "Checked \(files): \(errors) error\(errors == 1 ? "" : "s"), \(loaded.records.count) valid records. Nothing written (dry run)."
            )
        } else if loaded.hasErrors && !skipInvalid {
            print(
                "Nothing was imported: \(errors) error\(errors == 1 ? "" : "s") in \(files). Fix them and run again, or use --skip-invalid to import the \(loaded.records.count) valid records."
            )
        } else if wrote {
            let skipped =
                loaded.hasErrors
                ? "; \(errors) invalid record\(errors == 1 ? "" : "s") or file problem\(errors == 1 ? "" : "s") skipped"
                : ""
            print(
                "Imported \(loaded.records.count) records from \(files) into \(database.path): \(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged\(skipped)."
            )
        }
    }

    private func printJSON(_ loaded: EvidenceLoader.Result, summary: EvidenceStore.UpsertSummary, wrote: Bool) {
        struct Problem: Encodable {
            var severity, file: String; var line: Int?; var field: String?; var message: String
        }
        struct Outcome: Encodable {
            var database: String; var dryRun, written: Bool;
            var filesRead, validRecords, inserted, updated, unchanged: Int
            var errors, warnings: [Problem]; var skipped: [String]
        }
        func problems(_ list: [IngestDiagnostic]) -> [Problem] {
            list.map {
                Problem(
                    severity: $0.severity.rawValue, file: $0.file, line: $0.line, field: $0.field, message: $0.message)
            }
        }
        let outcome = Outcome(
            database: database.path, dryRun: dryRun, written: wrote, filesRead: loaded.filesRead.count,
            validRecords: loaded.records.count, inserted: summary.inserted, updated: summary.updated,
            unchanged: summary.unchanged, errors: problems(loaded.errors), warnings: problems(loaded.warnings),
            skipped: loaded.skipped)
        printEncoded(outcome)
    }
}

/// Prints any value as indented JSON with sorted keys.
func printEncoded(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let data = try? encoder.encode(value) { print(String(decoding: data, as: UTF8.self)) }
}
