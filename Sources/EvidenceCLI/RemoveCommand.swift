internal import ArgumentParser

/// `evidence remove ID`: deletes one record.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove one record from the database.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The record's id.", valueName: "id"))
    var id: String

    func run() throws {
        try reportingFailures {
            try database.open().remove(id: id)
            print("Removed \(id).")
        }
    }
}
