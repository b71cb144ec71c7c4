internal import ArgumentParser

/// The `evidence` command: one subcommand per file in this folder.
@main
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Research, practice learning and lived experience for children's social care, on your own machine.",
        discussion: """
            The database is --database, else $EVIDENCE_DATABASE, else $XDG_DATA_HOME/evidence/evidence.sqlite \
            (~/.local/share/evidence/evidence.sqlite when XDG_DATA_HOME is unset).

            Exit status: 0 success; 1 invalid input (nothing was written); 3 database problem; \
            4 no such record; 5 the search index is missing, out of date or damaged; 64 a mistake in the command line.
            """,
        subcommands: [
            SearchCommand.self, ServeCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self,
            RemoveCommand.self,
            ExportCommand.self, StatsCommand.self, IndexCommand.self, EvalCommand.self,
        ]
    )
}
