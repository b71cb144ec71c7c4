public import EvidenceCore
public import Analysis
public import Store

/// A record's terms as the index counts them: the title field (the title) and the body field (summary,
/// findings, practice implications, outcome names and topic labels), each analysed by the one analyzer.
public struct DocumentTerms: Sendable, Equatable {
    /// How often a term occurs in each field.
    public struct FieldCounts: Sendable, Equatable {
        public var title = 0
        public var body = 0
    }

    /// Every distinct term of the record with its counts per field.
    public var counts: [String: FieldCounts]
    public var titleLength: Int
    public var bodyLength: Int
    /// The record's "lnc" vector length (`IndexFormat.cosineNorm`).
    public var norm: Double

    public init(_ record: EvidenceRecord, analyzer: Analyzer) {
        var cache = TermCache()
        self.init(record, analyzer: analyzer, cache: &cache)
    }

    /// Analyses with a cache shared across the records of one thread (see `TermCache`).
    public init(_ record: EvidenceRecord, analyzer: Analyzer, cache: inout TermCache) {
        let title = analyzer.terms(record.title, cache: &cache)
        let body = analyzer.terms(Self.bodyText(of: record), cache: &cache)
        var counts: [String: FieldCounts] = [:]
        counts.reserveCapacity(title.count + body.count)
        for term in title { counts[term, default: FieldCounts()].title += 1 }
        for term in body { counts[term, default: FieldCounts()].body += 1 }
        self.counts = counts
        titleLength = title.count
        bodyLength = body.count
        norm = IndexFormat.cosineNorm(
            counts.values.map { IndexFormat.combinedFrequency(title: $0.title, body: $0.body) })
    }

    /// The text of the body field.
    public static func bodyText(of record: EvidenceRecord) -> String {
        ([record.summary, record.findings, record.practiceImplications] + record.outcomes.map(\.outcome)
            + record.topics.map(\.label))
            .joined(separator: "\n")
    }

    /// Every distinct term of the record, in either field.
    public var terms: Dictionary<String, FieldCounts>.Keys { counts.keys }

    /// The posting of `term` for this record as document `docNumber`.
    public func posting(_ term: String, docNumber: Int) -> Posting {
        let fields = counts[term] ?? FieldCounts()
        return Posting(docNumber: docNumber, titleFrequency: fields.title, bodyFrequency: fields.body)
    }

    /// The index row describing this record as document `docNumber`.
    public func documentRow(docNumber: Int, recordId: String) -> IndexDocumentRow {
        IndexDocumentRow(
            docNumber: docNumber, recordId: recordId, titleLength: titleLength, bodyLength: bodyLength,
            uniqueTerms: counts.count, norm: norm)
    }
}
