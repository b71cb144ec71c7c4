import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// Each reader on well-formed input: the fields a user wrote arrive in the record.
@Suite struct ReaderTests {
    let folder = TemporaryDirectory()

    func load(_ name: String, _ text: String) -> EvidenceLoader.Result {
        EvidenceLoader().load(paths: [folder.write(name, text)])
    }

    @Test func sharedEvalFormatImportsWithWarnings() {
        let result = load(
            "docs.jsonl",
            #"{"id": "1", "title": "Dewey", "text": "A history."}"# + "\n\n"
                + #"{"id": "2", "title": "B", "text": "C"}"#)
        #expect(!result.hasErrors)
        #expect(result.records.map(\.id) == ["1", "2"])
        #expect(result.records[0].summary == "A history.")
        #expect(result.records[0].kind == .unclassified)
        #expect(result.warnings.contains { $0.field == "kind" && $0.line == 1 })
        #expect(result.warnings.contains { $0.field == "kind" && $0.line == 3 })
    }

    /// A file long enough to be parsed in several chunks at once keeps its order and its line numbers.
    @Test func longJSONLinesKeepOrderAndLineNumbers() {
        var lines = (1...5000).map { #"{"id": "r\#($0)", "title": "Title \#($0)", "text": "  Text \#($0).\n "}"# }
        lines[4320] = #"{"id": "broken", "title": "#
        let result = load("long.jsonl", lines.joined(separator: "\r\n") + "\r\n")
        #expect(result.records.count == 4999)
        #expect(result.records.map(\.id) == (1...5000).filter { $0 != 4321 }.map { "r\($0)" })
        #expect(result.records[0].summary == "Text 1.", "white space and the line break are trimmed from both ends")
        #expect(result.errors.map(\.line) == [4321])
    }

    @Test func markdownWithWindowsLineBreaks() throws {
        let result = load(
            "crlf.md",
            [
                "---", "id: crlf-record", "title: Line breaks", "kind: guidance", "---", "## Summary", "",
                "Written on Windows.",
            ].joined(separator: "\r\n") + "\r\n")
        #expect(!result.hasErrors, "\(result.errors)")
        #expect(result.records.first?.id == "crlf-record")
        #expect(result.records.first?.summary == "Written on Windows.")
    }

    @Test func markdownFrontMatterAndSections() throws {
        let result = load(
            "sample-md.md",
            """
            ---
            id: sample-md
            title: "A title: with a colon"
            kind: Impact study
            year: 2019
            ukTested: yes
            topics: [neglect, Domestic abuse]
            outcomes:
              - outcome: entry to care
                strength: moderate
                direction: benefit
                basis: 1 RCT
            sourcesDisagree: true
            ---

            ## Summary

            Plain words.

            ## Findings

            - 40% against 25%

            ## What this means for practice

            Do this.
            """)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let record = try #require(result.records.first)
        #expect(record.title == "A title: with a colon")
        #expect(record.kind == .impactStudy)
        #expect(record.ukTested == .yes)
        #expect(record.topics == [.neglect, .domesticAbuse])
        #expect(
            record.outcomes == [
                OutcomeEvidence(outcome: "entry to care", strength: .moderate, direction: .benefit, basis: "1 RCT")
            ])
        #expect(record.summary == "Plain words.")
        #expect(record.findings == "- 40% against 25%")
        #expect(record.practiceImplications == "Do this.")
        #expect(record.sourcesDisagree)
    }

    @Test func markdownWithoutIDTakesFileNameAndBodyAsSummary() throws {
        let result = load("my-note.md", "---\ntitle: T\n---\nJust text, no headings.\n")
        let record = try #require(result.records.first)
        #expect(record.id == "my-note")
        #expect(record.summary == "Just text, no headings.")
        #expect(result.warnings.contains { $0.field == "id" })
    }

    @Test func csvWithQuotesListsAndEmbeddedNewlines() throws {
        let rows = [
            "id,title,text,topics,authors,year,outcomes",
            "a-1,\"Title, with comma\",\"Line one\nline \"\"two\"\"\",neglect; poverty,\"Smith, A.; Jones\\; B.\",2020,"
                + "\"[{\"\"outcome\"\":\"\"x\"\",\"\"strength\"\":\"\"emerging\"\",\"\"direction\"\":\"\"mixed\"\"}]\"",
            "a-2,Second,Text,,,,",
        ]
        let result = load("records.csv", rows.joined(separator: "\r\n") + "\r\n\r\n")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.records.count == 2)
        let first = try #require(result.records.first)
        #expect(first.title == "Title, with comma")
        #expect(first.summary == "Line one\nline \"two\"")
        #expect(first.topics == [.neglect, .poverty])
        #expect(first.authors == ["Smith, A.", "Jones; B."])
        #expect(first.outcomes.first?.direction == .mixed)
    }

    @Test func risAsReferenceManagersExportIt() throws {
        let result = load(
            "zotero.ris",
            """
            TY  - JOUR
            TI  - Parenting under pressure
            AU  - Barlow, Jane
            AU  - Sembi, S.
            PY  - 2019///
            AB  - An RCT of a parenting programme.
            KW  - parenting
            KW  - methadone
            DO  - 10.1111/xyz
            JO  - Child Abuse Review
            ER  -\u{20}

            TY  - GOVDOC
            ID  - working-together
            T1  - Working Together
            N2  - Statutory guidance.
            UR  - https://www.gov.uk/wt
            ER  -
            """)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.records.count == 2)
        let article = try #require(result.records.first)
        #expect(article.id == "barlow-2019-parenting-under-pressure")
        #expect(article.authors == ["Barlow, Jane", "Sembi, S."])
        #expect(article.year == 2019)
        #expect(article.topics == [.parenting])
        #expect(article.publisher == "Child Abuse Review")
        #expect(article.kind == .unclassified)
        #expect(result.warnings.contains { $0.field == "TY" && $0.line == 1 })
        #expect(result.warnings.contains { $0.field == "KW" && $0.message.contains("methadone") })
        #expect(result.records[1].kind == .guidance)
        #expect(result.records[1].id == "working-together")
    }

    /// Loads the folder `corpus`, which holds one record (`evidence/one.md`) beside what the test adds.
    func loadCorpusFolder() -> EvidenceLoader.Result {
        folder.write("corpus/evidence/one.md", "---\nid: one\ntitle: One\n---\nText.\n")
        return EvidenceLoader().load(paths: [folder.file("corpus")])
    }

    @Test func foldersSkipDocumentation() {
        folder.write("corpus/README.md", "# About\n")
        let result = loadCorpusFolder()
        #expect(!result.hasErrors)
        #expect(result.records.map(\.id) == ["one"])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.contains("README.md: Markdown without front matter") == true, "\(result.skipped)")
    }

    @Test func foldersSkipTestCollections() {
        // A collection's documents look like evidence, but are not ours to import.
        folder.write("corpus/cases/queries.jsonl", #"{"id": "c1", "text": "case"}"# + "\n")
        folder.write("corpus/cases/docs.jsonl", #"{"id": "d1", "title": "A collection document", "text": "x"}"# + "\n")
        folder.write("corpus/cases/qrels.tsv", "c1\td1\t2\n")
        let result = loadCorpusFolder()
        #expect(!result.hasErrors)
        #expect(result.records.map(\.id) == ["one"])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.contains("cases: a test collection") == true, "\(result.skipped)")
    }

    @Test func foldersSkipFilesOfOtherFormats() {
        folder.write("corpus/notes.txt", "not evidence")
        let result = loadCorpusFolder()
        #expect(!result.hasErrors)
        #expect(result.records.map(\.id) == ["one"])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.contains("notes.txt: not an evidence file") == true, "\(result.skipped)")
    }
}
