import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Store

/// The other subcommands, and export → import round trips through the command line.
@Suite struct CommandTests {
    let folder = TemporaryDirectory()
    var database: String { folder.file("evidence.sqlite") }

    func importCorpus() throws {
        let output = try CommandRunner.run(["import", Repository.path("Corpus")], database: database)
        try #require(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("Imported"))
    }

    @Test(arguments: ["md", "jsonl", "csv", "ris"])
    func exportThenImportIntoAFreshDatabaseGivesIdenticalRecords(_ format: String) throws {
        try importCorpus()
        let target = format == "md" ? folder.file("export-md") : folder.file("export.\(format)")
        let export = try CommandRunner.run(["export", "--format", format, "--output", target], database: database)
        try #require(export.status == 0, "\(export.standardError)")
        let fresh = folder.file("fresh.sqlite")
        let reimport = try CommandRunner.run(["import", target], database: fresh)
        try #require(reimport.status == 0, "\(reimport.standardError)")
        let original = try EvidenceStore(path: database).records()
        let copy = try EvidenceStore(path: fresh).records()
        // RIS carries one line per tag, so line breaks inside a summary come back as spaces.
        let expected =
            format == "ris"
            ? original.map { record in
                var flattened = record
                flattened.summary = record.summary.split(whereSeparator: \.isNewline).joined(separator: " ")
                return flattened
            } : original
        #expect(copy == expected)
    }

    @Test func statsShowsCountsAndPath() throws {
        try importCorpus()
        let text = try CommandRunner.run(["stats"], database: database)
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("Database: \(database)"))
        #expect(text.standardOutput.contains("Lived experience"))
        let json = try CommandRunner.run(["stats", "--json"], database: database)
        let stats = try JSONDecoder().decode(StoreStatistics.self, from: Data(json.standardOutput.utf8))
        #expect(stats.records == (try EvidenceStore(path: database).count()))
    }

    @Test func listFiltersByKind() throws {
        try importCorpus()
        let listed = try CommandRunner.run(["list", "--kind", "lived_experience", "--json"], database: database)
        #expect(listed.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [String: Any]
        let records = try #require(object?["records"] as? [[String: Any]])
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0["kind"] as? String == "lived_experience" })
        // Every lived-experience record is listed, not only some of them.
        let stored = try EvidenceStore(path: database).records(matching: RecordFilter(kinds: [.livedExperience])).map(
            \.id)
        #expect(records.compactMap { $0["id"] as? String }.sorted() == stored.sorted())
    }

    @Test func showPrintsTheRecord() throws {
        try importCorpus()
        let record = try #require(
            try EvidenceStore(path: database).records(matching: RecordFilter(kinds: [.livedExperience])).first)
        let shown = try CommandRunner.run(["show", record.id], database: database)
        #expect(shown.status == 0)
        #expect(shown.standardOutput.contains("Id: \(record.id)"))
        #expect(shown.standardOutput.contains(record.title), "\(shown.standardOutput.prefix(400))")
    }

    @Test func listRefusesAnUnknownTopic() throws {
        try importCorpus()
        let unknown = try CommandRunner.run(["list", "--topic", "gossip"], database: database)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("'gossip' is not a known topic"))
    }

    @Test func removeThenShowSaysNotFound() throws {
        let seed = folder.write("one.jsonl", #"{"id": "only", "title": "Only", "text": "x"}"# + "\n")
        #expect(try CommandRunner.run(["import", seed], database: database).status == 0)
        #expect(try CommandRunner.run(["remove", "only"], database: database).status == 0)
        let shown = try CommandRunner.run(["show", "only"], database: database)
        #expect(shown.status == 4)
        #expect(shown.standardError.contains("no record with the id 'only'"))
        #expect(try CommandRunner.run(["remove", "only"], database: database).status == 4)
    }

    @Test func aMissingDatabaseGivesAClearMessageAndIsNotCreated() throws {
        let missing = try CommandRunner.run(["stats"], database: folder.file("nowhere.sqlite"))
        #expect(missing.status == 3)
        #expect(missing.standardError.contains("no evidence database at"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("nowhere.sqlite")))
    }

    @Test func aCorruptDatabaseGivesAClearMessageAndIsLeftAlone() throws {
        let corrupt = folder.write("corrupt.sqlite", String(repeating: "garbage ", count: 1000))
        let output = try CommandRunner.run(["stats"], database: corrupt)
        #expect(output.status == 3)
        #expect(output.standardError.contains("is not a readable evidence database"))
        #expect(
            try String(contentsOfFile: corrupt, encoding: .utf8) == String(repeating: "garbage ", count: 1000),
            "the file was changed")
    }

    @Test func databaseOptionOverridesTheEnvironment() throws {
        let seed = folder.write("one.jsonl", #"{"id": "only", "title": "Only", "text": "x"}"# + "\n")
        let chosen = folder.file("chosen.sqlite")
        #expect(try CommandRunner.run(["import", "--database", chosen, seed], database: database).status == 0)
        #expect(FileManager.default.fileExists(atPath: chosen))
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test func evalMeasuresTheCaseTestSet() throws {
        let output = try CommandRunner.run([
            "eval", Repository.path("Corpus/cases"), "--documents", Repository.evidenceFolder, "--config", "bm25",
            "--json",
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        let metrics = try #require(results.first?["metrics"] as? [String: Double])
        #expect((metrics["ndcgAt10"] ?? 0) > 0)
        #expect((object["queriesScored"] as? Int ?? 0) >= 40)
    }

    @Test func searchFromTheCommandLine() throws {
        try importCorpus()
        #expect(try CommandRunner.run(["index", "build"], database: database).status == 0)
        let description =
            "mum drinking again, two under-fives, nursery flagged bruising, dad back in the home, previous CP plan"

        let table = try CommandRunner.run(["search", description, "-k", "5"], database: database)
        #expect(table.status == 0, "\(table.standardError)")
        let lines = table.standardOutput.split(separator: "\n")
        // What was read from the description ("Read as: …", as it names ages and context) comes first, then the table.
        #expect(lines.first?.hasPrefix("Read as: ") == true, "\(lines.prefix(2))")
        #expect(lines.dropFirst().first?.contains("EVIDENCE") == true, "\(lines.prefix(2))")
        #expect(lines.filter { $0.hasPrefix("    why: ") }.count == 5)
        #expect(table.standardOutput.contains("why: Shares with your description: "))

        let fromFile = folder.write("case.txt", description)
        let json = try CommandRunner.run(
            ["search", "--file", fromFile, "--json", "--kind", "practice_learning", "-k", "3"], database: database)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["kind"] as? String == "practice_learning" })
        for key in ["rank", "id", "title", "kind", "score", "year", "evidence", "reasons", "url"] {
            #expect(results[0][key] != nil, "\(key)")
        }
        let reasons = results.flatMap { $0["reasons"] as? [String] ?? [] }.joined(separator: " ")
        #expect(reasons.contains("CP plan → child protection plan"))

        let piped = try CommandRunner.run(["search", "-k", "2"], database: database, input: description)
        #expect(piped.status == 0 && piped.standardOutput.contains("why:"))
        let empty = try CommandRunner.run(["search"], database: database, input: "  ")
        #expect(empty.status == 1 && empty.standardError.contains("the case description is empty"))
    }
}
