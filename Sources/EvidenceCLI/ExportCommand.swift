internal import ArgumentParser
internal import Foundation
internal import EvidenceCore
internal import Ingest

/// `evidence export --format FORMAT`: writes records so that importing them again gives the same records.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export records as Markdown, JSON Lines, CSV or RIS.",
        discussion: """
            jsonl, csv and ris go to standard output, or to --output FILE. md writes one file per record \
            (ID.md) into the folder --output DIR. Importing an export into a fresh database gives identical records.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: FilterOptions

    @Option(name: .long, help: ArgumentHelp("md, jsonl, csv or ris.", valueName: "format"))
    var format: String

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write: a file (a folder for md).", valueName: "path"))
    var output: String?

    func validate() throws {
        guard let chosen = RecordFormat(fileExtension: format) else {
            throw ValidationError("--format: '\(format)' is not one of md, jsonl, csv, ris")
        }
        if chosen == .markdown && output == nil {
            throw ValidationError("--format md writes one file per record: give the folder with --output DIR")
        }
    }

    func run() throws {
        try reportingFailures {
            let chosen = RecordFormat(fileExtension: format)!
            let records = try database.open().records(matching: try filters.filter())
            if chosen == .markdown, let output {
                try writeFolder(records, to: output)
                Terminal.standardError("Wrote \(records.count) records to \(output)\n")
            } else if let output {
                try write(RecordWriter.text(records, format: chosen), to: output)
                Terminal.standardError("Wrote \(records.count) records to \(output)\n")
            } else {
                FileHandle.standardOutput.write(Data(RecordWriter.text(records, format: chosen).utf8))
            }
        }
    }

    private func writeFolder(_ records: [EvidenceRecord], to folder: String) throws {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw CLIFailure("cannot create the folder \(folder): \(error.localizedDescription)", status: .invalidInput)
        }
        let progress = ProgressBar("Exporting")
        for (index, record) in records.enumerated() {
            try write(
                RecordWriter.markdownDocument(for: record),
                to: (folder as NSString).appendingPathComponent(record.id + ".md"))
            progress.update(index + 1, of: records.count)
        }
        progress.finish()
    }

    private func write(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIFailure("cannot write \(path): \(error.localizedDescription)", status: .invalidInput)
        }
    }
}
