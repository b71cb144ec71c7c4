internal import Foundation
public import EvidenceCore
public import Store
internal import Analysis
internal import Indexing
internal import Ingest
public import Search

/// The only door the front ends use: a case description in, ranked evidence with reasons out; and the
/// record, related-record, health and export look-ups the pages need.
///
/// A search reads one snapshot: the `Searcher` of its index version (lent by an `IndexReader`, loaded
/// once per version), the filter as a document mask applied before the best k are picked (so the answer
/// never depends on k), one analysis of the description, one accumulation pass that also says which terms
/// each hit matched, and the hits' records, related records and titles fetched in batches. Cost: the
/// ranking, plus O(k) record rows read in a constant number of queries. The description is held in
/// memory for the call only: it is never written anywhere.
public struct Recommender: Sendable {
    public let store: EvidenceStore
    public let configuration: RankingConfiguration
    /// The sentence encoder, loaded when a search first needs it (the index holds passage vectors).
    public let encoders: EncoderLoader
    /// Shared by every copy of this recommender.
    private let indexReader = IndexReader()
    private let snippets = SnippetPicker()

    public init(
        store: EvidenceStore, configuration: RankingConfiguration = RankingConfiguration(),
        encoders: EncoderLoader = .disabled
    ) {
        self.store = store
        self.configuration = configuration
        self.encoders = encoders
    }

    // MARK: - Searching

    public func recommend(_ request: SearchRequest) throws -> SearchResponse {
        try request.validate()
        return try Self.mapping { try store.read { try respond(request, reader: $0) } }
    }

    /// `recommend`, reading on the database's own threads so that a server's concurrency threads stay free.
    public func recommend(_ request: SearchRequest) async throws -> SearchResponse {
        try request.validate()
        do {
            return try await store.read { [self] reader in try respond(request, reader: reader) }
        } catch {
            throw Self.classify(error)
        }
    }

    private func respond(_ request: SearchRequest, reader: StoreReader) throws -> SearchResponse {
        let searcher = try indexReader.searcher(reader)
        var cache = TermCache()
        let tokens = searcher.analyzer.analyze(request.description, cache: &cache)
        let terms = CaseReader.contentTerms(tokens)
        let reading = CaseReader.read(
            request.description, tokens: tokens, known: try searcher.knownTerms(terms, reader: reader),
            indexedRecords: searcher.documentCount)
        guard reading.understood else { return SearchResponse(results: [], reading: reading) }
        let mask = try searcher.mask(for: request.filter, reader: reader)
        let scorer = searcher.scorer(reader, configuration: configuration)
        let meaning = scorer.usesPassages ? encoders.encoder?.encode(request.description) : nil
        let hits = try scorer.rank(
            terms: terms, meaning: meaning, k: request.k, allowed: mask, explain: request.explain, matches: true)

        let records = Dictionary(
            try reader.records(ids: hits.map(\.recordId)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let related = try relatedRecords(of: hits.map(\.docNumber), reader: reader)
        var results: [Recommendation] = []
        for hit in hits {
            guard let record = records[hit.recordId] else { continue }
            let concepts = ReasonWriter.concepts(tokens, shared: hit.matchedTerms, in: request.description)
            results.append(
                Recommendation(
                    rank: results.count + 1, record: record, score: hit.score, matchedConcepts: concepts,
                    reasons: ReasonWriter.reasons(concepts),
                    snippet: snippets.pick(
                        record, shared: hit.matchedTerms, version: searcher.version, analyzer: searcher.analyzer,
                        cache: &cache),
                    related: related[hit.docNumber] ?? [], explanation: hit.explanation))
        }
        return SearchResponse(results: results, reading: reading)
    }

    // MARK: - Records

    /// The record with this id, or nil.
    public func record(id: String) throws -> EvidenceRecord? {
        try Self.mapping { try store.read { try $0.record(id: id) } }
    }

    /// The record's nearest records in the semantic space, closest first (empty when it is not indexed).
    /// O(1): three indexed look-ups.
    public func related(to id: String) throws -> [Recommendation.RelatedRecord] {
        try Self.mapping {
            try store.read { reader in
                guard let document = try reader.indexDocument(recordId: id) else { return [] }
                return try relatedRecords(of: [document.docNumber], reader: reader)[document.docNumber] ?? []
            }
        }
    }

    /// Each document's related records with their titles: two queries however many documents.
    private func relatedRecords(
        of docNumbers: [Int], reader: StoreReader
    ) throws -> [Int: [Recommendation.RelatedRecord]] {
        let neighbours = try reader.related(docNumbers: docNumbers)
        let titles = try reader.titles(docNumbers: Array(Set(neighbours.values.flatMap { $0.map(\.docNumber) })))
        return neighbours.mapValues { list in
            list.compactMap { neighbour in
                titles[neighbour.docNumber].map { Recommendation.RelatedRecord(id: $0.recordId, title: $0.title) }
            }
        }
    }

    // MARK: - Health and exports

    /// Whether searches can be answered, with the counts behind the answer. O(1).
    public func health() throws -> Health {
        try Self.mapping {
            try store.read { reader in
                let status = try IndexStatus.read(reader, analyzer: indexReader.analyzer)
                let passages = status.state == .current ? try indexReader.searcher(reader).passageCount : 0
                return Health(
                    status: status.state == .current ? "ok" : "index not ready", records: try reader.recordCount(),
                    index: Health.Index(
                        state: "\(status.state)", documents: status.documentCount, builtAt: status.builtAt,
                        updatedAt: status.updatedAt, problem: status.problem?.description),
                    encoder: Health.Encoder(status: encoders.status, passages: passages))
            }
        }
    }

    /// The records with these ids (in the order given; at most `Export.maximumRecords`) in `format`.
    /// Throws `notFound` when none of them exists.
    public func export(ids: [String], format: Export.Format) throws -> Export {
        let wanted = Array(ids.filter(RecordID.isValid).prefix(Export.maximumRecords))
        let records = try Self.mapping { try store.read { try $0.records(ids: wanted) } }
        guard !records.isEmpty else { throw RecommenderError.notFound("none of the records asked for was found") }
        switch format {
        case .ris:
            return Export(
                text: RecordWriter.text(records, format: .ris), fileName: "evidence.ris",
                contentType: "application/x-research-info-systems")
        case .jsonLines:
            return Export(
                text: RecordWriter.text(records, format: .jsonLines), fileName: "evidence.jsonl",
                contentType: "application/x-ndjson")
        case .supervisionSummary:
            return Export(
                text: SupervisionSummary.markdown(records), fileName: "evidence-summary.md",
                contentType: "text/markdown; charset=utf-8")
        }
    }

    // MARK: - Errors

    private static func mapping<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw classify(error) }
    }

    static func classify(_ error: any Error) -> RecommenderError {
        switch error {
        case let error as RecommenderError: error
        case let error as IndexError: .indexNotReady(error.description)
        case let error as StoreError: .storage(error.description)
        default: .storage("the database could not be read: \(error)")
        }
    }
}
