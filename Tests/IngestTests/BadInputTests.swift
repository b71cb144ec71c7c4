import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// Every bad-input case from the foundation issue: an error naming file, line and field in plain words.
@Suite struct BadInputTests {
    let folder = TemporaryDirectory()

    func errors(_ name: String, _ text: String) -> [IngestDiagnostic] {
        EvidenceLoader().load(paths: [folder.write(name, text)]).errors
    }

    @Test func malformedJSONLine() throws {
        let found = errors(
            "bad.jsonl",
            #"{"id": "a", "title": "A", "text": "t"}"# + "\n" + #"{"id": "b", "title": "B" "text": "t"}"# + "\n")
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.line == 2)
        #expect(error.message.contains("not valid JSON"))
        #expect(error.message.contains("column 26"))
    }

    @Test func missingRequiredFields() {
        let result = EvidenceLoader().load(paths: [
            folder.write(
                "missing.jsonl",
                #"{"id": "a", "year": "2001"}"# + "\n" + #"{"title": "B", "text": "t"}"# + "\n"
                    + #"{"id": "c", "title": "C"}"# + "\n" + #"{"id": "d", "text": "no title"}"# + "\n")
        ])
        let found = result.errors
        #expect(found.contains { $0.line == 1 && $0.field == "title" && $0.message.contains("a title or some text") })
        #expect(found.contains { $0.line == 2 && $0.field == "id" })
        #expect(found.count == 2)
        // A title without text, or text without a title, imports with a warning (the shared collections have both).
        #expect(result.records.map(\.id) == ["c", "d"])
        #expect(result.warnings.contains { $0.line == 3 && $0.field == "summary" })
        #expect(result.warnings.contains { $0.line == 4 && $0.field == "title" })
    }

    @Test func unknownKindAndTopicListTheChoices() {
        let found = errors(
            "vocab.jsonl",
            #"{"id": "a", "title": "A", "text": "t", "kind": "anecdote", "topics": ["neglect", "drinking"]}"# + "\n")
        #expect(
            found.contains {
                $0.field == "kind" && $0.message.contains("'anecdote' is not a known kind")
                    && $0.message.contains("impact_study")
            })
        #expect(found.contains { $0.field == "topics" && $0.message.contains("'drinking'") })
    }

    @Test(arguments: ["3011", "1066", "twenty", "2019.5"])
    func impossibleYear(_ year: String) {
        let found = errors("year.jsonl", #"{"id": "a", "title": "A", "text": "t", "year": "\#(year)"}"# + "\n")
        #expect(found.contains { $0.field == "year" && $0.message.contains("not a possible year") })
    }

    @Test func invalidUTF8NamesTheLine() {
        var data = Data(#"{"id": "a", "title": "A", "text": "t"}"#.utf8 + [0x0A])
        data.append(
            contentsOf: Array(#"{"id": "b", "title": "B"#.utf8) + [0xC3, 0x28] + Array(#"", "text": "t"}"#.utf8))
        let path = folder.write("latin1.jsonl", data)
        let found = EvidenceLoader().load(paths: [path]).errors
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.message.contains("not valid UTF-8") == true)
    }

    @Test func csvUnbalancedQuote() {
        let found = errors("quote.csv", "id,title,text\na,A,t\nb,\"B,t\nc,C,t\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("never closed") == true)
    }

    @Test func risRecordWithoutER() {
        let found = errors("open.ris", "TY  - JOUR\nTI  - First\nAB  - x\nER  - \nTY  - JOUR\nTI  - Second\nAB  - y\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 5)
        #expect(found.first?.message.contains("no 'ER  - ' line") == true)
    }

    @Test func frontMatterNotClosed() {
        let found = errors("open.md", "---\nid: a\ntitle: A\n\n## Summary\nText\n")
        #expect(found.first?.line == 1)
        #expect(found.first?.message.contains("never closed") == true)
    }

    @Test func duplicateIDsWithinOneImportNameBothPlaces() {
        folder.write("one.jsonl", #"{"id": "same", "title": "A", "text": "t"}"# + "\n")
        folder.write("two.csv", "id,title,text\nsame,B,t\n")
        let found = EvidenceLoader().load(paths: [folder.path]).errors
        #expect(found.count == 1)
        #expect(found.first?.field == "id")
        #expect(found.first?.file.hasSuffix("two.csv") == true)
        #expect(found.first?.message.contains("one.jsonl:1") == true)
    }

    @Test func tenMegabyteField() {
        let big = String(repeating: "x", count: 10_000_000)
        let found = errors("big.jsonl", #"{"id": "a", "title": "A", "text": "\#(big)"}"# + "\n")
        #expect(found.count == 1)
        #expect(found.first?.field == "summary")
        #expect(found.first?.message.contains("10.0 MB") == true)
    }

    @Test func emptyFile() {
        let found = errors("empty.csv", "")
        #expect(found.first?.message == "the file is empty")
    }

    @Test func folderWithNoReadableFiles() {
        folder.write("nothing/notes.txt", "hello")
        let found = EvidenceLoader().load(paths: [folder.file("nothing")]).errors
        #expect(found.count == 1)
        #expect(found.first?.message.contains("holds no evidence files") == true)
    }

    @Test func everyErrorIsListedNotOnlyTheFirst() {
        let lines = (1...5).map { #"{"id": "r\#($0)", "title": "T", "text": "t", "year": "99999"}"# }
        #expect(errors("many.jsonl", lines.joined(separator: "\n")).count == 5)
    }

    @Test func unknownMarkdownSectionIsAnErrorNotDroppedText() {
        let found = errors("sections.md", "---\nid: a\ntitle: A\n---\n## Summary\nx\n## Methods\ny\n")
        #expect(found.first?.line == 7)
        #expect(found.first?.message.contains("unknown section") == true)
    }
}
