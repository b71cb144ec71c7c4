internal import Foundation
internal import EvidenceCore
package import Analysis
package import Store

/// Keeps the index in step with record changes, inside the same transaction as the change, so the
/// records and their index always land together.
///
/// A removed record's postings are taken out of each of its terms; an added record gets the next
/// document number, so its postings are appended and every list stays sorted. An updated record is a
/// removal and an addition. Each affected term row is read and written once per transaction. The result
/// equals a full rebuild's scores (document numbers may differ; scores do not). If the index is missing
/// or already out of date, it is left alone and keeps saying so (emptied, if records were removed).
/// Complexity: O(terms of the changed records × their postings lengths).
package struct IndexUpdater: Sendable {
    package let analyzer: Analyzer

    package init(analyzer: Analyzer = .standard) { self.analyzer = analyzer }

    /// Runs `change` (which writes records through the transaction) and updates the index for what it changed.
    /// Returns the changes and whether the index was updated.
    package func write(
        _ transaction: StoreTransaction,
        _ change: (StoreTransaction) throws -> StoreTransaction.RecordChanges
    ) throws -> (changes: StoreTransaction.RecordChanges, indexUpdated: Bool) {
        let wasCurrent = try IndexStatus.read(transaction.reader, analyzer: analyzer).state == .current
        let changes = try change(transaction)
        guard wasCurrent else {
            // An unusable index may still name removed records; it has to be rebuilt anyway, so empty it.
            if !changes.removed.isEmpty { try transaction.clearIndex() }
            return (changes, false)
        }
        if !changes.isEmpty { try apply(changes, in: transaction) }
        return (changes, true)
    }

    private func apply(_ changes: StoreTransaction.RecordChanges, in transaction: StoreTransaction) throws {
        let reader = transaction.reader
        var totals = IndexTotals(meta: try reader.indexMeta())
        var cache = TermCache()
        var removals: [String: Set<Int>] = [:]  // term → document numbers leaving it
        var additions: [String: [Posting]] = [:]  // term → postings joining it, ascending

        for old in changes.removed + changes.updated.map(\.old) {
            guard let row = try reader.indexDocument(recordId: old.id) else {
                throw IndexError.damaged("the record '\(old.id)' is missing from the index")
            }
            for term in DocumentTerms(old, analyzer: analyzer, cache: &cache).terms {
                removals[term, default: []].insert(row.docNumber)
            }
            try transaction.deleteIndexDocument(docNumber: row.docNumber)
            try transaction.deleteSemanticDocument(docNumber: row.docNumber)
            totals.remove(row, record: old)
        }
        var next = try transaction.maximumDocNumber() + 1
        var added: [(docNumber: Int, counts: [String: Int])] = []
        for new in changes.inserted + changes.updated.map(\.new) {
            let terms = DocumentTerms(new, analyzer: analyzer, cache: &cache)
            added.append(
                (next, terms.counts.mapValues { IndexFormat.combinedFrequency(title: $0.title, body: $0.body) }))
            for term in terms.terms { additions[term, default: []].append(terms.posting(term, docNumber: next)) }
            let row = terms.documentRow(docNumber: next, recordId: new.id)
            try transaction.putIndexDocument(row)
            totals.add(row, record: new)
            next += 1
        }

        let affected = Set(removals.keys).union(additions.keys)
        let existing = Dictionary(uniqueKeysWithValues: try reader.indexTerms(affected).map { ($0.term, $0) })
        for term in affected.sorted() {
            var postings: [Posting]
            do { postings = try existing[term].map { try PostingsCodec.decode($0.postings) } ?? [] } catch {
                throw IndexError.damaged("the postings of '\(term)' cannot be read (\(error))")
            }
            if let leaving = removals[term] { postings.removeAll { leaving.contains($0.docNumber) } }
            postings += additions[term] ?? []
            let frequency = postings.reduce(0) {
                $0 + IndexFormat.combinedFrequency(title: $1.titleFrequency, body: $1.bodyFrequency)
            }
            try transaction.putIndexTerm(
                IndexTermRow(
                    term: term, documentFrequency: postings.count, collectionFrequency: frequency,
                    postings: PostingsCodec.encode(postings)))
        }

        try foldIn(added, transaction: transaction)

        var meta = totals.meta
        meta[IndexFormat.MetaKey.corpusVersion] = String(try reader.corpusVersion())
        meta[IndexFormat.MetaKey.updatedAt] = ISO8601DateFormatter().string(from: Date())
        try transaction.setIndexMeta(meta)
    }

    /// Projects added records onto the stored semantic basis (with the stored idf) and finds their
    /// nearest records. Other records' lists of nearest records are refreshed by the next full build.
    private func foldIn(_ added: [(docNumber: Int, counts: [String: Int])], transaction: StoreTransaction) throws {
        guard !added.isEmpty, let basis = try SemanticIndex.load(transaction.reader) else { return }
        var vectors: [(docNumber: Int, vector: [Float])] = []
        for record in added {
            let vector = basis.vector(termCounts: record.counts)
            try transaction.putSemanticDocument(docNumber: record.docNumber, vector: vector)
            vectors.append((record.docNumber, vector))
        }
        guard let withAdded = try SemanticIndex.load(transaction.reader) else { return }
        let nearest = withAdded.nearest(of: vectors.map(\.docNumber), count: SemanticIndex.relatedCount)
        for entry in vectors {
            try transaction.putRelated(docNumber: entry.docNumber, related: nearest[entry.docNumber] ?? [])
        }
    }
}
