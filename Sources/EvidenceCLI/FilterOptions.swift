internal import ArgumentParser
internal import EvidenceCore
internal import Store

/// The record filters shared by `list` and `export`: each option may be given more than once.
struct FilterOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Only this kind (\(EvidenceKind.allValues.joined(separator: ", "))).", valueName: "kind"))
    var kind: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Only records on this topic (see Corpus/README.md for the list).", valueName: "topic"))
    var topic: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only records about this age group (\(AgeGroup.allValues.joined(separator: ", "))).", valueName: "age"))
    var age: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only records published in or after this year.", valueName: "year"))
    var since: Int?

    @Option(name: .long, help: ArgumentHelp("Only records published in or before this year.", valueName: "year"))
    var until: Int?

    @Option(
        name: .customLong("min-strength"),
        help: ArgumentHelp(
            "Only records with an outcome at least this strong (\(EvidenceStrength.allValues.joined(separator: ", "))).",
            valueName: "strength"))
    var minStrength: String?

    @Option(
        name: .customLong("uk-tested"),
        help: ArgumentHelp("Only records whose UK testing is yes, no or unknown.", valueName: "answer"))
    var ukTested: String?

    func validate() throws { _ = try filter() }

    func filter() throws -> RecordFilter {
        RecordFilter(
            kinds: Set(try kind.map { try Self.term($0, option: "--kind") as EvidenceKind }),
            topics: Set(try topic.map { try Self.term($0, option: "--topic") as Topic }),
            ageGroups: Set(try age.map { try Self.term($0, option: "--age") as AgeGroup }),
            yearFrom: since, yearTo: until,
            minimumStrength: try minStrength.map { try Self.term($0, option: "--min-strength") },
            ukTested: try ukTested.map { try Self.term($0, option: "--uk-tested") })
    }

    static func term<Term: ControlledTerm>(_ text: String, option: String) throws -> Term {
        do { return try Term.parse(text) } catch { throw ValidationError("\(option): \(error.description)") }
    }
}
