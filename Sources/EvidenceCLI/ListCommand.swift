internal import ArgumentParser
internal import EvidenceCore
internal import Ingest

/// `evidence list`: the records in the database, filtered.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List records, optionally filtered by kind, topic, age group, year, strength or UK testing."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: FilterOptions

    @Flag(name: .long, help: "Print {\"records\": [...]} as JSON, each record with every field.")
    var json = false

    func run() throws {
        try reportingFailures {
            let records = try database.open().records(matching: try filters.filter())
            if json {
                print(
                    "{\"records\":[" + records.map { RecordWriter.jsonLine($0).dropLast() }.joined(separator: ",\n")
                        + "]}")
                return
            }
            guard !records.isEmpty else {
                Terminal.standardError("No records match.\n")
                return
            }
            let titleWidth = max(Terminal.width - 79, 20)
            print(
                Terminal.pad("ID", 36) + " " + Terminal.pad("KIND", 20) + " YEAR " + Terminal.pad("EVIDENCE", 16)
                    + " TITLE")
            for record in records {
                print(
                    [
                        Terminal.pad(record.id, 36), Terminal.pad(record.kind.label, 20),
                        Terminal.pad(record.year.map(String.init) ?? "—", 4), Terminal.pad(record.badge, 16),
                        Terminal.fit(record.title, titleWidth),
                    ].joined(separator: " "))
            }
            Terminal.standardError("\(records.count) record\(records.count == 1 ? "" : "s")\n")
        }
    }
}
