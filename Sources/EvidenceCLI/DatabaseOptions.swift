internal import ArgumentParser
internal import Store

/// `--database PATH`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The evidence database.", valueName: "path"))
    var database: String?

    var path: String { database ?? DatabaseLocation.defaultPath }

    /// Opens the store; a missing database is an error unless `create` (only import creates one).
    func open(create: Bool = false) throws -> EvidenceStore {
        do { return try EvidenceStore(path: path, create: create) } catch { throw CLIFailure(error) }
    }
}
