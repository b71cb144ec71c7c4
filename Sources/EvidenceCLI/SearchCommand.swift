internal import ArgumentParser
internal import Foundation
internal import EvidenceCore
internal import Recommender

/// `evidence search`: evidence for a case description, on the command line.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find evidence for a case description (as an argument, with --file, or on standard input).",
        discussion: """
            Describe the case in your own words; leave out names and other identifying details. The \
            description is used in memory only: it is never written to disk or to a log.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The case description (or use --file, or standard input).", valueName: "description"))
    var words: [String] = []

    @Option(name: .long, help: ArgumentHelp("Read the case description from this file.", valueName: "file"))
    var file: String?

    @OptionGroup var filters: FilterOptions

    @Option(
        name: .short,
        help: ArgumentHelp(
            "How many results (\(SearchRequest.kRange.lowerBound) to \(SearchRequest.kRange.upperBound)).",
            valueName: "k"))
    var k = SearchRequest.defaultK

    @Flag(name: .long, help: "Print {\"results\": [...]} as JSON (see the README for the fields).")
    var json = false

    @Flag(name: .long, help: "With --json, include each score's explanation tree.")
    var explain = false

    func run() throws {
        try reportingFailures {
            let request = SearchRequest(
                description: try readDescription(), filter: try filters.filter(), k: k, explain: explain)
            do { try request.validate() } catch {
                throw CLIFailure(
                    "\(error)"
                        + (words.isEmpty && file == nil
                            ? " (give it as an argument, with --file, or on standard input)" : ""),
                    status: .invalidInput)
            }
            let response = try Recommender(store: try database.open(), encoders: EncoderLoader()).recommend(request)
            if json {
                printEncoded(response)
                return
            }
            let results = response.results
            if let message = response.reading.message {
                print(message)
                return
            }
            guard !results.isEmpty else { print("No evidence matched. Try other words, or fewer filters."); return }
            let reading = [
                response.reading.ages.isEmpty
                    ? nil : "ages " + response.reading.ages.map { $0.label.lowercased() }.joined(separator: ", "),
                response.reading.context.isEmpty ? nil : "context " + response.reading.context.joined(separator: "; "),
            ].compactMap { $0 }
            if !reading.isEmpty { print("Read as: " + reading.joined(separator: "; ") + ".") }
            let titleWidth = max(Terminal.width - 62, 24)
            print("  # " + Terminal.pad("KIND", 19) + " " + Terminal.pad("EVIDENCE", 28) + " YEAR TITLE")
            for result in results {
                let record = result.record
                print(
                    String(format: "%3d ", result.rank) + Terminal.pad(record.kind.label, 19) + " "
                        + Terminal.pad(record.badge, 28) + " "
                        + Terminal.pad(record.year.map(String.init) ?? "—", 4) + " "
                        + Terminal.fit(record.title, titleWidth))
                print(
                    String(repeating: " ", count: 4)
                        + Terminal.fit("why: " + (result.reasons.first ?? ""), Terminal.width - 4))
            }
        }
    }

    private func readDescription() throws -> String {
        if let file {
            do { return try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CLIFailure("cannot read \(file): \(error.localizedDescription)", status: .invalidInput)
            }
        }
        if !words.isEmpty { return words.joined(separator: " ") }
        if Terminal.standardInputIsTerminal {
            Terminal.standardError("Type or paste the case description, then press Ctrl-D:\n")
        }
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}
