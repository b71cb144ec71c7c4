import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// A Markdown record without an `id` takes one from its file name, under the same `RecordID` rule as
/// an explicit id: a name that breaks the rule becomes a valid slug with a warning, or is refused.
@Suite struct FileNameIDTests {
    let folder = TemporaryDirectory()

    static func record(title: String) -> String {
        "---\ntitle: \(JSONString.quoted(title))\nkind: guidance\n---\nText about \(title).\n"
    }

    /// Hostile file names (without `.md`) and the id each must give.
    static let hostileNames: [(name: String, id: String)] = [
        ("Evil Name; <script>", "evil-name-script"),
        ("line\nbreak", "line-break"),
        (
            String(repeating: "long name ", count: 25).trimmingCharacters(in: .whitespaces),
            Array(repeating: "long-name", count: 12).joined(separator: "-")
        ),
        ("fd\u{0430}c-london", "fdc-london"),  // a Cyrillic 'а' among Latin letters
        ("Mixed-Case", "mixed-case"),
    ]

    @Test func hostileFileNamesBecomeValidIdsWithAWarningAndSurviveAnExport() throws {
        for (name, _) in Self.hostileNames { folder.write("in/\(name).md", Self.record(title: name)) }
        let result = EvidenceLoader().load(paths: [folder.file("in")])
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(Set(result.records.map(\.id)) == Set(Self.hostileNames.map(\.id)))
        for record in result.records { #expect(RecordID.isValid(record.id), "'\(record.id)'") }
        for (name, id) in Self.hostileNames where name != id {
            #expect(
                result.warnings.contains {
                    $0.field == "id" && $0.message.contains("'\(id)'") && $0.message.contains("not a valid id")
                },
                "no warning for \(name): \(result.warnings.filter { $0.field == "id" })")
        }

        for record in result.records { folder.write("out/\(record.id).md", RecordWriter.markdownDocument(for: record)) }
        let again = EvidenceLoader().load(paths: [folder.file("out")])
        #expect(again.errors.isEmpty, "\(again.errors)")
        #expect(again.records.sorted { $0.id < $1.id } == result.records.sorted { $0.id < $1.id })
    }

    @Test func aValidFileNameIsUsedAsItIs() throws {
        let result = EvidenceLoader().load(paths: [folder.write("plain-name-2020.md", Self.record(title: "Plain"))])
        #expect(result.records.map(\.id) == ["plain-name-2020"])
        #expect(
            result.warnings.contains {
                $0.field == "id" && $0.message == "no id given; using the file name 'plain-name-2020'"
            })
    }

    @Test func twoFileNamesGivingOneIdAreTheDuplicateIdError() throws {
        folder.write("both/Case-Coll.md", Self.record(title: "Upper"))
        folder.write("both/case-coll.md", Self.record(title: "Lower"))
        let result = EvidenceLoader().load(paths: [folder.file("both")])
        #expect(result.records.count == 1)
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.field == "id")
        #expect(error.message.contains("the id 'case-coll' is already used"), "\(error.message)")
    }

    @Test(arguments: ["доклад", "---", String(repeating: "x", count: 200)])
    func aFileNameThatGivesNoIdIsRefused(_ name: String) throws {
        let result = EvidenceLoader().load(paths: [folder.write("\(name).md", Self.record(title: "No id"))])
        #expect(result.records.isEmpty)
        let error = try #require(result.errors.first)
        #expect(error.field == "id")
        #expect(error.message.contains("add an 'id'"), "\(error.message)")
    }
}
