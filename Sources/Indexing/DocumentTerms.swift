public import EvidenceCore
public import Analysis
public import Store

/// A record's terms as the index counts them: the title field (the title) and the body field (summary,
/// findings, practice implications, outcome names and topic labels), each analysed by the one analyzer.
public struct DocumentTerms: Sendable, Equatable {
    public var titleCounts: [String: Int]
    public var bodyCounts: [String: Int]
    public var titleLength: Int
    public var bodyLength: Int

    public init(_ record: EvidenceRecord, analyzer: Analyzer) {
        let title = analyzer.terms(record.title)
        let body = analyzer.terms(Self.bodyText(of: record))
        titleCounts = Self.counts(title)
        bodyCounts = Self.counts(body)
        titleLength = title.count
        bodyLength = body.count
    }

    /// The text of the body field.
    public static func bodyText(of record: EvidenceRecord) -> String {
        ([record.summary, record.findings, record.practiceImplications] + record.outcomes.map(\.outcome) + record.topics.map(\.label))
            .joined(separator: "\n")
    }

    /// Every distinct term of the record, in either field.
    public var terms: Set<String> { Set(titleCounts.keys).union(bodyCounts.keys) }

    /// The posting of `term` for this record as document `docNumber`.
    public func posting(_ term: String, docNumber: Int) -> Posting {
        Posting(docNumber: docNumber, titleFrequency: titleCounts[term] ?? 0, bodyFrequency: bodyCounts[term] ?? 0)
    }

    /// The index row describing this record as document `docNumber`.
    public func documentRow(docNumber: Int, recordId: String) -> IndexDocumentRow {
        let uniques = terms
        let norm = IndexFormat.cosineNorm(uniques.map { IndexFormat.combinedFrequency(title: titleCounts[$0] ?? 0, body: bodyCounts[$0] ?? 0) })
        return IndexDocumentRow(docNumber: docNumber, recordId: recordId, titleLength: titleLength, bodyLength: bodyLength, uniqueTerms: uniques.count, norm: norm)
    }

    static func counts(_ terms: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for term in terms { counts[term, default: 0] += 1 }
        return counts
    }
}
