internal import ArgumentParser
internal import EvidenceCore
internal import Ingest

/// `evidence show ID`: one record, everything it holds.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one record in full.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The record's id.", valueName: "id"))
    var id: String

    @Flag(name: .long, help: "Print the record as one JSON object.")
    var json = false

    func run() throws {
        try reportingFailures {
            guard let record = try database.open().record(id: id) else {
                throw CLIFailure("no record with the id '\(id)'; 'evidence list' shows the ids", status: .notFound)
            }
            print(json ? String(RecordWriter.jsonLine(record).dropLast()) : Self.text(record))
        }
    }

    /// The record as plain text for a terminal.
    static func text(_ record: EvidenceRecord) -> String {
        var lines = [record.title, String(repeating: "=", count: min(record.title.count, 80))]
        var facts = [
            "\(record.kind.label)", record.year.map(String.init) ?? "year unknown", record.badge, record.ukTested.label,
        ]
        if record.sourcesDisagree { facts.append("sources disagree") }
        lines.append(facts.joined(separator: " · "))
        let by =
            (record.authors.isEmpty ? [] : [record.authors.joined(separator: ", ")])
            + (record.publisher.isEmpty ? [] : [record.publisher])
        if !by.isEmpty { lines.append(by.joined(separator: "; ")) }
        if !record.sourceLink.isEmpty { lines.append("Source: \(record.sourceLink)") }
        if !record.topics.isEmpty { lines.append("Topics: " + record.topics.map(\.label).joined(separator: ", ")) }
        if !record.ageGroups.isEmpty { lines.append("Ages: " + record.ageGroups.map(\.label).joined(separator: ", ")) }
        lines += ["", "Summary", record.summary]
        if !record.findings.isEmpty { lines += ["", "Findings", record.findings] }
        if !record.practiceImplications.isEmpty {
            lines += ["", "What this means for practice", record.practiceImplications]
        }
        if !record.outcomes.isEmpty {
            lines += ["", "Evidence by outcome"]
            lines += record.outcomes.map { "- \($0.outcome): \($0.badge)" + ($0.basis.isEmpty ? "" : " (\($0.basis))") }
        }
        if !record.sourceRatings.isEmpty {
            lines += ["", "Ratings by others"]
            lines += record.sourceRatings.map {
                "- \($0.scale): \($0.value)" + ($0.asOf.isEmpty ? "" : ", as of \($0.asOf)")
                    + ($0.url.isEmpty ? "" : " <\($0.url)>")
            }
        }
        if !record.caveats.isEmpty {
            lines += ["", "Caveats"]
            lines += record.caveats.map { "- \($0)" }
        }
        lines += ["", "Id: \(record.id)" + (record.lastChecked.isEmpty ? "" : " · last checked \(record.lastChecked)")]
        return lines.joined(separator: "\n")
    }
}
