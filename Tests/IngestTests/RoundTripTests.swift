import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
@testable import Ingest

/// Writing records in any format and reading them back gives identical records.
@Suite struct RoundTripTests {
    @Test(arguments: RecordFormat.allCases)
    func sampleRecordsSurviveEveryFormat(_ format: RecordFormat) throws {
        let folder = TemporaryDirectory()
        let records = SampleRecords.all
        if format == .markdown {
            for record in records { folder.write("\(record.id).md", RecordWriter.markdownDocument(for: record)) }
        } else {
            folder.write("export.\(format.rawValue)", RecordWriter.text(records, format: format))
        }
        let result = EvidenceLoader().load(paths: [folder.path])
        #expect(result.errors.isEmpty, "\(result.errors)")
        let byID = Dictionary(uniqueKeysWithValues: result.records.map { ($0.id, $0) })
        for record in records {
            var expected = record
            if format == .ris {
                // RIS holds one line per tag: line breaks in title, authors and summary become spaces.
                expected.summary = expected.summary.split(whereSeparator: \.isNewline).joined(separator: " ")
            }
            #expect(byID[record.id] == expected)
        }
    }

    @Test(arguments: RecordFormat.allCases)
    func bundledCorpusSurvivesEveryFormat(_ format: RecordFormat) throws {
        let corpus = EvidenceLoader().load(paths: [Repository.evidenceFolder])
        try #require(!corpus.hasErrors)
        let folder = TemporaryDirectory()
        if format == .markdown {
            for record in corpus.records { folder.write("\(record.id).md", RecordWriter.markdownDocument(for: record)) }
        } else {
            folder.write("export.\(format.rawValue)", RecordWriter.text(corpus.records, format: format))
        }
        let again = EvidenceLoader().load(paths: [folder.path])
        #expect(again.errors.isEmpty)
        let originals = format == .ris ? corpus.records.map(Self.flattenedForRIS) : corpus.records
        #expect(again.records.sorted { $0.id < $1.id } == originals.sorted { $0.id < $1.id })
    }

    static func flattenedForRIS(_ record: EvidenceRecord) -> EvidenceRecord {
        var copy = record
        copy.summary = record.summary.split(whereSeparator: \.isNewline).joined(separator: " ")
        return copy
    }
}

@Suite struct JSONParserTests {
    @Test func keepsNumbersAsWrittenAndKeyOrder() throws {
        let value = try JSONParser.parse(#"{"b": 2011, "a": [true, null, -1.5e3], "c": "\u00e9\n"}"#)
        #expect(
            value
                == .mapping([
                    ("b", .scalar("2011")), ("a", .list([.scalar("true"), .null, .scalar("-1.5e3")])),
                    ("c", .scalar("é\n")),
                ]))
    }

    @Test(arguments: [#"{"a": }"#, #"{"a" 1}"#, "[1, 2", #"{"a": "x"} extra"#, #"{"a": 01x}"#, "\"\\q\""])
    func refusesMalformedText(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func quotedRoundTrips() throws {
        let text = "tab\t quote\" backslash\\ control\u{01} é"
        #expect(try JSONParser.parse(JSONString.quoted(text)) == .scalar(text))
    }
}
