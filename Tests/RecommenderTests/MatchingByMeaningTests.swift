import Testing
import Foundation
import EvidenceCore
import Store
import Indexing
import Embedding
import Recommender
import EvidenceTestSupport

/// Matching by meaning, with the real sentence encoder (fetched by `make model`).
@Suite(.enabled(if: ModelLocation.resolve().isPresent, "needs the sentence encoder's model: run `make model`"))
struct MatchingByMeaningTests {
    static let folder = TemporaryDirectory()

    static let records = [
        EvidenceRecord(
            id: "faltering-growth", title: "Faltering growth in infants", kind: .guidance,
            summary:
                "How to recognise and respond when an infant's growth falters: measuring, plotting on growth charts and feeding assessment.",
            topics: [.neglect], ageGroups: [.infant]),
        EvidenceRecord(
            id: "school-exclusion", title: "School exclusion and attendance", kind: .statistics,
            summary: "Figures on pupils excluded from school and on persistent absence by local authority.",
            topics: [.education], ageGroups: [.primary, .adolescent]),
        EvidenceRecord(
            id: "care-leavers-housing", title: "Housing for care leavers", kind: .practiceLearning,
            summary: "Lessons on finding stable accommodation for young people leaving care at eighteen.",
            topics: [.careLeavers], ageGroups: [.youngAdult], learningWeight: .nationalReview),
    ]

    func indexedStore(encoder: SentenceEncoder) throws -> EvidenceStore {
        let store = try EvidenceStore(path: Self.folder.file("meaning-\(UUID().uuidString).sqlite"))
        _ = try CorpusWriter(store: store).upsert(Self.records)
        _ = try IndexBuilder().build(store)
        try PassageVectors(encoder: encoder).refresh(store)
        return store
    }

    @Test func aDescribedSituationFindsTheRecordThatNamesIt() throws {
        let loader = EncoderLoader(environment: [:])
        let encoder = try #require(loader.encoder)
        let store = try indexedStore(encoder: encoder)
        let request = SearchRequest(
            description: "baby keeps dropping down the centile chart and is not putting on weight", k: 3, explain: true)
        let results = try Recommender(store: store, encoders: loader).recommend(request).results
        #expect(results.first?.record.id == "faltering-growth")
        #expect(results.first?.explanation?.description.contains("z_meaning") == true)
    }

    @Test func unchangedRecordsAreNotEncodedAgain() throws {
        let encoder = try #require(EncoderLoader(environment: [:]).encoder)
        let store = try indexedStore(encoder: encoder)
        let again = try PassageVectors(encoder: encoder).refresh(store)
        #expect(again.encoded == 0 && again.kept == Self.records.count)
        var changed = Self.records[1]
        changed.summary += " Updated with this year's figures."
        _ = try CorpusWriter(store: store).upsert([changed])
        let afterChange = try PassageVectors(encoder: encoder).refresh(store)
        #expect(afterChange.encoded == 1)
    }

    @Test func anIncrementalImportEncodesWhatItAdds() throws {
        let encoder = try #require(EncoderLoader(environment: [:]).encoder)
        let store = try indexedStore(encoder: encoder)
        let added = EvidenceRecord(
            id: "young-carers", title: "Young carers", kind: .statistics,
            summary: "Children who look after a parent with an illness or disability.", topics: [.parentalMentalHealth],
            ageGroups: [.adolescent])
        _ = try CorpusWriter(store: store, encoder: encoder).upsert([added])
        let afterImport = try PassageVectors(encoder: encoder).refresh(store)
        #expect(afterImport.encoded == 0 && afterImport.kept == Self.records.count + 1)
    }

    @Test func withoutTheModelSearchesStillAnswerAndSaySo() throws {
        let loader = EncoderLoader(
            location: ModelLocation(directory: Self.folder.file("no-model-here").asFileURL), environment: [:])
        let store = try indexedStore(encoder: try #require(EncoderLoader(environment: [:]).encoder))
        let recommender = Recommender(store: store, encoders: loader)
        #expect(
            try recommender.recommend(SearchRequest(description: "school exclusion")).results.first?.record.id
                == "school-exclusion")
        #expect(try recommender.health().encoder.status.contains("make model"))
    }
}

private extension String {
    var asFileURL: URL { URL(fileURLWithPath: self) }
}
