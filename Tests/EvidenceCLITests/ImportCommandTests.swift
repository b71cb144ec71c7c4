import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Store

/// `evidence import` as a user runs it: bad input gives a clear error, a non-zero exit and an untouched database.
@Suite struct ImportCommandTests {
    let folder = TemporaryDirectory()
    var database: String { folder.file("evidence.sqlite") }

    /// A database holding two good records, and its content digest.
    func seededDatabase() throws -> String {
        let seed = folder.write(
            "seed.jsonl",
            #"{"id": "seed-1", "title": "Seed one", "text": "First."}"# + "\n"
                + #"{"id": "seed-2", "title": "Seed two", "text": "Second.", "kind": "guidance"}"# + "\n")
        let output = try CommandRunner.run(["import", seed], database: database)
        try #require(output.status == 0, "\(output.standardError)")
        return try EvidenceStore(path: database).contentDigest()
    }

    static let badInputs: [(name: String, content: String, expected: String)] = [
        (
            "malformed.jsonl",
            #"{"id": "seed-1", "title": "Changed", "text": "x"}"# + "\n" + #"{"id": "b" "title": "B"}"# + "\n",
            "malformed.jsonl:2: error: is not valid JSON"
        ),
        (
            "missing.jsonl",
            #"{"id": "seed-1", "title": "Changed", "text": "x"}"# + "\n" + #"{"id": "nothing", "year": 2001}"# + "\n",
            "missing.jsonl:2: error: field 'title': every record needs a title or some text"
        ),
        (
            "kind.jsonl", #"{"id": "k", "title": "K", "text": "x", "kind": "rumour"}"# + "\n",
            "field 'kind': 'rumour' is not a known kind"
        ),
        (
            "topic.csv", "id,title,text,topics\nt,T,x,neglect;gossip\n",
            "topic.csv:2: error: field 'topics': 'gossip' is not a known topic"
        ),
        (
            "year.jsonl", #"{"id": "y", "title": "Y", "text": "x", "year": 2999}"# + "\n",
            "field 'year': '2999' is not a possible year"
        ),
        (
            "quote.csv", "id,title,text\nq,\"Q,x\n",
            "quote.csv:2: error: a double quote opened on this line is never closed"
        ),
        (
            "noend.ris", "TY  - JOUR\nTI  - T\nAB  - x\n",
            "noend.ris:1: error: the record starting here has no 'ER  - ' line"
        ),
        (
            "open.md", "---\nid: open\ntitle: Open\n",
            "open.md:1: error: the front matter opened on line 1 is never closed"
        ),
        (
            "dupes.jsonl",
            #"{"id": "d", "title": "D", "text": "x"}"# + "\n" + #"{"id": "d", "title": "D2", "text": "y"}"# + "\n",
            "dupes.jsonl:2: error: field 'id': the id 'd' is already used"
        ),
        ("empty.jsonl", "", "empty.jsonl: error: the file is empty"),
    ]

    @Test(arguments: badInputs.indices)
    func badInputChangesNothing(_ index: Int) throws {
        let bad = Self.badInputs[index]
        let before = try seededDatabase()
        let path = folder.write(bad.name, bad.content)
        let output = try CommandRunner.run(["import", path], database: database)
        #expect(output.status == 1)
        #expect(output.standardError.contains(bad.expected), "stderr was: \(output.standardError)")
        #expect(output.standardOutput.contains("Nothing was imported"))
        #expect(try EvidenceStore(path: database).contentDigest() == before)
    }

    @Test func invalidUTF8AndHugeFieldChangeNothing() throws {
        let before = try seededDatabase()
        var bytes = Data(#"{"id": "u", "title": "caf"#.utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes.append(contentsOf: Data(#"", "text": "x"}"#.utf8))
        let latin1 = folder.write("latin1.jsonl", bytes)
        let huge = folder.write(
            "huge.jsonl", #"{"id": "h", "title": "H", "text": "\#(String(repeating: "y", count: 10_500_000))"}"#)
        let output = try CommandRunner.run(["import", latin1, huge], database: database)
        #expect(output.status == 1)
        #expect(output.standardError.contains("latin1.jsonl:1: error: contains bytes that are not valid UTF-8"))
        #expect(output.standardError.contains("huge.jsonl:1: error: field 'summary': the value is 10.5 MB long"))
        #expect(try EvidenceStore(path: database).contentDigest() == before)
    }

    @Test func folderWithoutEvidenceIsAnError() throws {
        let before = try seededDatabase()
        folder.write("empty-folder/readme.txt", "nothing here")
        let output = try CommandRunner.run(["import", folder.file("empty-folder")], database: database)
        #expect(output.status == 1)
        #expect(output.standardError.contains("the folder holds no evidence files"))
        #expect(try EvidenceStore(path: database).contentDigest() == before)
    }

    /// One valid record and one with an impossible year.
    func mixedFile() -> String {
        folder.write(
            "mixed.jsonl",
            #"{"id": "good", "title": "Good", "text": "x"}"# + "\n"
                + #"{"id": "bad", "title": "Bad", "text": "x", "year": "soon"}"# + "\n")
    }

    @Test func dryRunWritesNothing() throws {
        let before = try seededDatabase()
        let dry = try CommandRunner.run(["import", "--dry-run", mixedFile()], database: database)
        #expect(dry.status == 1)
        #expect(dry.standardOutput.contains("Nothing written (dry run)"))
        #expect(try EvidenceStore(path: database).contentDigest() == before)
    }

    @Test func skipInvalidImportsTheValidRecords() throws {
        _ = try seededDatabase()
        let skipping = try CommandRunner.run(["import", "--skip-invalid", mixedFile()], database: database)
        #expect(skipping.status == 0)
        #expect(skipping.standardError.contains("mixed.jsonl:2: error: field 'year'"))
        let store = try EvidenceStore(path: database)
        #expect(try store.record(id: "good") != nil)
        #expect(try store.record(id: "bad") == nil)
        #expect(try store.count() == 3, "the two seeded records and the good one")
    }

    @Test func ifEmptyLeavesAFilledDatabaseAlone() throws {
        let before = try seededDatabase()
        let extra = folder.write("extra.jsonl", #"{"id": "extra", "title": "E", "text": "x"}"# + "\n")
        let output = try CommandRunner.run(["import", "--if-empty", extra], database: database)
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("already holds 2 records"))
        #expect(try EvidenceStore(path: database).contentDigest() == before)
    }
}
