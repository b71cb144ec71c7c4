import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// U+0000 and the other C0 control characters except tab, CR and LF are refused in every text field of
/// every format, with file, line and field: SQLite would keep only the text before a NUL while the index
/// read all of it.
@Suite struct ControlCharacterTests {
    let folder = TemporaryDirectory()

    /// One bad record per format (after a good one where the format holds several), with where the
    /// error must point.
    static let cases: [(name: String, content: String, line: Int, field: String)] = [
        (
            "escaped.jsonl",
            #"{"id": "ok", "title": "OK", "text": "x"}"# + "\n"
                + #"{"id": "nul", "title": "T", "text": "before\u0000after"}"# + "\n", 2, "summary"
        ),
        ("raw.csv", "id,title,text\nok,OK,x\nnul,T,before\u{0}after\n", 3, "summary"),
        ("raw.ris", "TY  - GEN\nID  - nul\nTI  - T\nAB  - before\u{0}after\nER  - \n", 4, "summary"),
        ("body.md", "---\nid: nul\ntitle: T\n---\n## Summary\nbefore\u{0}after\n", 5, "summary"),
        ("escaped.md", "---\nid: nul\ntitle: \"before\\0after\"\n---\nText.\n", 3, "title"),
        ("escape.jsonl", #"{"id": "esc", "title": "red \u001b[31m text", "text": "x"}"# + "\n", 1, "title"),
        ("bell.csv", "id,title,text,authors\nbell,T,x,Smith; Jo\u{7}nes\n", 2, "authors"),
        (
            "nested.jsonl",
            #"{"id": "n", "title": "T", "text": "x", "outcomes": [{"outcome": "o", "strength": "limited", "direction": "benefit", "basis": "a\u0000b"}]}"#
                + "\n", 1, "outcomes[1].basis"
        ),
    ]

    @Test(arguments: cases.indices)
    func aControlCharacterIsRefusedWithFileLineAndField(_ index: Int) throws {
        let bad = Self.cases[index]
        let result = EvidenceLoader().load(paths: [folder.write(bad.name, bad.content)])
        let error = try #require(result.errors.first, "\(bad.name) was accepted")
        #expect(result.errors.count == 1, "\(result.errors)")
        #expect(error.file.hasSuffix(bad.name))
        #expect(error.line == bad.line, "\(error)")
        #expect(error.field == bad.field, "\(error)")
        #expect(error.message.contains("control character U+00"), "\(error.message)")
        #expect(!result.records.contains { $0.id != "ok" }, "the bad record must not be loaded")
    }

    @Test func tabsAndLineBreaksAreStillText() throws {
        let result = EvidenceLoader().load(paths: [
            folder.write("fine.jsonl", #"{"id": "fine", "title": "T\tab", "text": "one\r\ntwo\nthree"}"# + "\n")
        ])
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.records.first?.summary == "one\r\ntwo\nthree")
        #expect(result.records.first?.title == "T\tab")
    }
}
