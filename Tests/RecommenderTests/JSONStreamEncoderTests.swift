import Testing
import Foundation
import EvidenceCore
import Recommender

/// The one-pass JSON writer the API answers with must say what Foundation's encoder says.
@Suite struct JSONStreamEncoderTests {
    struct Inner: Encodable { var name: String; var values: [Double]; var flag: Bool?; var nested: [Inner] }
    struct Outer: Encodable {
        enum Kind: String, Encodable { case first, second }
        var text: String
        var count: Int
        var missing: String?
        var present: Int?
        var kind: Kind
        var items: [Inner]
        var empty: [Inner]
        var map: [String: Int]
        var record: EvidenceRecord
    }

    static let sample = Outer(
        text: "quote \" backslash \\ slash / newline \n tab \t bell \u{07} café 😀 ✓",
        count: -42, missing: nil, present: 7, kind: .second,
        items: [
            Inner(
                name: "a", values: [0, 1.5, -2.25e-7, 123456789.125], flag: true,
                nested: [Inner(name: "b", values: [], flag: nil, nested: [])]),
            Inner(name: "", values: [3], flag: false, nested: []),
        ],
        empty: [], map: ["x": 1, "y": 2],
        record: {
            var record = EvidenceRecord(
                id: "r-1", title: "A \"title\"", kind: .programme, summary: "Line one\nline two", year: 2019)
            record.outcomes = [
                OutcomeEvidence(outcome: "o", strength: .moderate, direction: .benefit, basis: "one RCT")
            ]
            return record
        }())

    func parsed(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test func saysWhatFoundationSays() throws {
        let ours = try parsed(Data(try JSONStreamEncoder().encode(Self.sample).utf8))
        let foundation = try parsed(try JSONEncoder().encode(Self.sample))
        #expect(ours == foundation)
    }

    @Test func refusesNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try JSONStreamEncoder().encode([Double.nan]) }
    }
}
