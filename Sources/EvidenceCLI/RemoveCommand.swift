internal import ArgumentParser
internal import Indexing

/// `evidence remove ID`: deletes one record (and its entry in the search index).
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove one record from the database.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The record's id.", valueName: "id"))
    var id: String

    func run() throws {
        try reportingFailures {
            let store = try database.open()
            let result = try CorpusWriter(store: store).remove(ids: [id])
            guard !result.changes.isEmpty else {
                throw CLIFailure("no record with the id '\(id)'; 'evidence list' shows the ids", status: .notFound)
            }
            print("Removed \(id).")
        }
    }
}
