import Testing
import Foundation
import GRDB
import EvidenceCore
import Store
import Indexing
import Recommender
import EvidenceTestSupport

/// The one door both front ends use, on the bundled corpus and on small stores.
@Suite struct RecommenderTests {
    static let folder = TemporaryDirectory()
    static let corpus: Result<EvidenceStore, any Error> = Result {
        try TestStores.indexedCorpus(at: folder.file("corpus.sqlite"))
    }
    static let description =
        "mum drinking again, two under-fives, nursery flagged bruising, dad back in the home, previous CP plan"

    static let filterSets: [RecordFilter] = [
        RecordFilter(kinds: [.statistics], topics: [.neglect]),
        RecordFilter(kinds: [.livedExperience], topics: [.poverty]),
        RecordFilter(ageGroups: [.adolescent]),
        RecordFilter(yearFrom: 2015, minimumStrength: .moderate),
    ]

    @Test(arguments: filterSets)
    func filteredResultsDoNotDependOnK(filter: RecordFilter) throws {
        let recommender = Recommender(store: try Self.corpus.get())
        let few = try recommender.recommend(SearchRequest(description: Self.description, filter: filter, k: 3)).results
        let many = try recommender.recommend(SearchRequest(description: Self.description, filter: filter, k: 40))
            .results
        #expect(few.map(\.record.id) == Array(many.prefix(3)).map(\.record.id))
        #expect(many.allSatisfy { filter.matches($0.record) })
    }

    @Test(arguments: filterSets)
    func filteredSearchReachesEveryAllowedRecord(filter: RecordFilter) throws {
        let store = try Self.corpus.get()
        let allowed = try store.records(matching: filter).count
        let results = try Recommender(store: store).recommend(
            SearchRequest(description: Self.description, filter: filter, k: 100)
        ).results
        #expect(results.count == min(100, allowed))
        #expect(Set(results.map(\.record.id)).count == results.count)
    }

    @Test func explanationsComeOnlyWhenAsked() throws {
        let recommender = Recommender(store: try Self.corpus.get())
        let explained = try recommender.recommend(SearchRequest(description: Self.description, k: 5, explain: true))
            .results
        #expect(explained.count == 5)
        #expect(explained.allSatisfy { $0.explanation != nil })
        let plain = try recommender.recommend(SearchRequest(description: Self.description, k: 5)).results
        #expect(plain.allSatisfy { $0.explanation == nil })
        #expect(plain.map(\.record.id) == explained.map(\.record.id))
    }

    @Test func reasonsNameOnlyWordsTheRecordShares() throws {
        let store = try smallStore()
        let results = try Recommender(store: store).recommend(
            SearchRequest(description: "22 weeks pregnant, drinking 4 cans a day, dad in prison")
        ).results
        let drinking = try #require(results.first { $0.record.id == "drinking-practice" })
        #expect(drinking.matchedConcepts.map(\.written) == ["drinking"])
        #expect(drinking.reasons.first?.hasPrefix("Shares with your description: drinking") == true)
        #expect(
            results.allSatisfy { result in result.matchedConcepts.allSatisfy { !$0.written.allSatisfy(\.isNumber) } })
    }

    @Test func snippetMarksAMatchInThePracticeLine() throws {
        let results = try Recommender(store: try smallStore()).recommend(SearchRequest(description: "drinking")).results
        let drinking = try #require(results.first { $0.record.id == "drinking-practice" })
        #expect(drinking.snippet.text == "Ask about drinking at every visit.")
        #expect(drinking.snippet.parts.filter(\.highlighted).map(\.text) == ["drinking"])
    }

    @Test func snippetMarksAMatchInATopicLabel() throws {
        let results = try Recommender(store: try smallStore()).recommend(SearchRequest(description: "kinship")).results
        let kinship = try #require(results.first { $0.record.id == "grandparents-topic-only" })
        #expect(kinship.snippet.parts.filter(\.highlighted).map(\.text) == ["Kinship"])
    }

    @Test(arguments: [0, 101])
    func refusesAnOutOfRangeK(k: Int) throws {
        let recommender = Recommender(store: try smallStore())
        #expect(throws: RecommenderError.self) {
            try recommender.recommend(SearchRequest(description: "drinking", k: k))
        }
    }

    @Test func refusesAnEmptyDescription() throws {
        let recommender = Recommender(store: try smallStore())
        #expect(
            throws: RecommenderError.invalidRequest(
                "the case description is empty: describe the case in your own words")
        ) {
            try recommender.recommend(SearchRequest(description: " \n\t"))
        }
    }

    @Test func relatedRecordsCarryTheirTitles() throws {
        let store = try Self.corpus.get()
        let recommender = Recommender(store: store)
        let id = try #require(
            try recommender.recommend(SearchRequest(description: Self.description, k: 1)).results.first?.record.id)
        let related = try recommender.related(to: id)
        #expect(!related.isEmpty)
        for entry in related { #expect(try store.record(id: entry.id)?.title == entry.title) }
    }

    @Test func exportKeepsTheOrderAskedFor() throws {
        let recommender = Recommender(store: try smallStore())
        let export = try recommender.export(
            ids: ["grandparents-topic-only", "drinking-practice"], format: .supervisionSummary)
        let first = try #require(export.text.range(of: "Grandparents raising children"))
        let second = try #require(export.text.range(of: "Working with parents who drink"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test func exportOfNoExistingRecordIsRefused() throws {
        let recommender = Recommender(store: try smallStore())
        #expect(throws: RecommenderError.self) { try recommender.export(ids: ["no-such-record"], format: .ris) }
    }

    /// A storage error while a searcher loads must not leave its lock held: later searches fail or
    /// succeed, but never wait.
    @Test(.timeLimit(.minutes(1)))
    func aStorageErrorWhileLoadingNeverBlocksLaterSearches() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("broken.sqlite")
        let store = try smallStore(at: path)
        let recommender = Recommender(store: store)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "ALTER TABLE indexDocument RENAME TO indexDocumentAway") }
        for _ in 0..<3 {
            #expect(throws: RecommenderError.self) { try recommender.recommend(SearchRequest(description: "drinking")) }
        }
        try queue.write { try $0.execute(sql: "ALTER TABLE indexDocumentAway RENAME TO indexDocument") }
        #expect(
            try recommender.recommend(SearchRequest(description: "drinking")).results.first?.record.id
                == "drinking-practice")
    }

    // MARK: - A small store

    func smallStore(at path: String? = nil) throws -> EvidenceStore {
        let store = try EvidenceStore(path: path ?? Self.folder.file("small-\(UUID().uuidString).sqlite"))
        try store.upsert([
            EvidenceRecord(
                id: "drinking-practice", title: "Working with parents who drink", kind: .practiceLearning,
                summary: "Lessons from reviews about parents and alcohol.",
                practiceImplications: "Ask about drinking at every visit.",
                topics: [.parentalSubstanceMisuse], ageGroups: [.allAges], learningWeight: .nationalReview),
            EvidenceRecord(
                id: "grandparents-topic-only", title: "Grandparents raising children",
                kind: .implementationOrQualitative,
                summary: "Interviews with grandparents who took on their grandchildren.", topics: [.kinshipCare],
                ageGroups: [.allAges]),
            EvidenceRecord(
                id: "school-attendance", title: "Attendance and exclusion", kind: .statistics,
                summary: "Figures on school absence and exclusion.", topics: [.education],
                ageGroups: [.primary, .adolescent]),
        ])
        _ = try IndexBuilder().build(store)
        return store
    }
}
