import Testing
import Foundation
import EvidenceCore
import Store
import Recommender
import EvidenceTestSupport

/// How case notes are read before ranking: what cannot be read gets no ranking, numbers do not count,
/// ages and procedure words are read and shown.
@Suite struct CaseReaderTests {
    static var recommender: Recommender { get throws { Recommender(store: try RecommenderTests.corpus.get()) } }

    @Test(arguments: [
        "florp zibber quank vorn blick",
        "the and of to it is was",
        "12 4 2019 22:30",
        "Mae'r fam yn yfed eto, dau blentyn dan bump oed, mae'r feithrinfa wedi sylwi ar gleisiau, mae'r tad yn ôl yn y cartref",
    ])
    func aDescriptionThatCannotBeReadGetsNoRanking(description: String) throws {
        let response = try Self.recommender.recommend(SearchRequest(description: description))
        #expect(response.results.isEmpty)
        #expect(!response.reading.understood)
        #expect(response.reading.message?.isEmpty == false)
    }

    @Test func everyBundledCaseNoteIsUnderstood() throws {
        let recommender = try Self.recommender
        let lines = try String(contentsOfFile: Repository.path("Corpus/cases/queries.jsonl"), encoding: .utf8).split(
            separator: "\n")
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            let response = try recommender.recommend(SearchRequest(description: try #require(object["text"])))
            #expect(response.reading.understood, "case \(object["id"] ?? "?") was not understood")
            #expect(!response.results.isEmpty)
        }
    }

    @Test func numbersAndInitialsDoNotCount() throws {
        let recommender = try Self.recommender
        let plain = try recommender.recommend(SearchRequest(description: "neglect, dad drinking")).results
        let noisy = try recommender.recommend(
            SearchRequest(description: "J (22) neglect, 4, dad drinking 14/03 at 22:30")
        ).results
        #expect(noisy.map(\.record.id) == plain.map(\.record.id))
        #expect(
            noisy.allSatisfy {
                $0.matchedConcepts.allSatisfy { !$0.written.allSatisfy(\.isNumber) && $0.written.count > 1 }
            })
    }

    @Test(arguments: [
        ("7 mths old, HV visits", [AgeGroup.infant]),
        ("15yo missing from home", [.adolescent]),
        ("sibling (4) at nursery", [.earlyYears]),
        ("Y10 pupil excluded", [.adolescent]),
        ("22 weeks pregnant, pre-birth assessment", [.preBirth]),
        ("on a CP plan for 2 years, open to CIN for 3 months", []),
        ("care leaver in a flat", [.youngAdult]),
        ("Year 3 child, 8 years old", [.primary]),
        ("aged 16, and her 2-year-old", [.earlyYears, .adolescent]),
    ])
    func agesAreReadFromPractitionerShorthand(text: String, ages: [AgeGroup]) throws {
        let response = try Self.recommender.recommend(SearchRequest(description: text, k: 1))
        #expect(response.reading.ages == ages)
    }

    @Test func procedureWordsAreReadAsContext() throws {
        let response = try Self.recommender.recommend(
            SearchRequest(description: "second CP plan for neglect, s.47 last year, now PLO", k: 1))
        #expect(response.reading.context.contains("CP plan → child protection plan"))
        #expect(response.reading.context.contains("s.47 → section 47 child protection enquiry"))
    }
}
