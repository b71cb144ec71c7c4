public import Analysis
public import Store

/// Verifies the index's invariants against itself and against the records:
/// every postings list decodes and is strictly ascending; every posting names an indexed record and has
/// a non-zero frequency; each term's document and collection frequencies equal what its postings say;
/// each record's field lengths and distinct-term count equal the sums over the postings; the stored
/// totals equal the sums over the records; and (for a current index) the indexed records are exactly the
/// stored records, with the same content checksum; every indexed record has a semantic vector of the
/// space's dimension, and related records are indexed records. Complexity: O(index size + corpus size).
public struct IndexChecker: Sendable {
    public let analyzer: Analyzer

    public init(analyzer: Analyzer = .standard) { self.analyzer = analyzer }

    public struct Report: Sendable {
        public var status: IndexStatus
        public var documents = 0
        public var terms = 0
        public var postings = 0
        /// Empty when every invariant holds.
        public var problems: [String] = []
    }

    public func check(_ store: EvidenceStore) throws -> Report {
        try store.read { reader in
            var report = Report(status: try IndexStatus.read(reader, analyzer: analyzer))
            if report.status.state == .missing { return report }
            if let problem = report.status.problem, report.status.state != .stale {
                report.problems.append(problem.description)
            }

            let documents = try reader.indexDocuments()
            var byNumber: [Int: IndexDocumentRow] = [:]
            for row in documents { byNumber[row.docNumber] = row }
            var titleSums: [Int: Int] = [:], bodySums: [Int: Int] = [:], termCounts: [Int: Int] = [:]

            try reader.forEachIndexTerm { row in
                report.terms += 1
                var previous = 0, count = 0, frequency = 0
                var problem: String?
                do {
                    try PostingsCodec.forEach(row.postings) { posting in
                        count += 1
                        if posting.docNumber <= previous {
                            problem = problem ?? "the postings of '\(row.term)' are not in ascending order"
                        }
                        if byNumber[posting.docNumber] == nil {
                            problem =
                                problem ?? "'\(row.term)' points to document \(posting.docNumber), which is not indexed"
                        }
                        if posting.titleFrequency + posting.bodyFrequency == 0 {
                            problem = problem ?? "'\(row.term)' has a posting with no occurrence"
                        }
                        previous = posting.docNumber
                        frequency += IndexFormat.combinedFrequency(
                            title: posting.titleFrequency, body: posting.bodyFrequency)
                        titleSums[posting.docNumber, default: 0] += posting.titleFrequency
                        bodySums[posting.docNumber, default: 0] += posting.bodyFrequency
                        termCounts[posting.docNumber, default: 0] += 1
                    }
                } catch {
                    problem = "the postings of '\(row.term)' cannot be decoded (\(error))"
                }
                if let problem { report.problems.append(problem) }
                if row.documentFrequency != count {
                    report.problems.append(
                        "'\(row.term)': document frequency \(row.documentFrequency) but \(count) postings")
                }
                if row.collectionFrequency != frequency {
                    report.problems.append(
                        "'\(row.term)': collection frequency \(row.collectionFrequency) but the postings sum to \(frequency)"
                    )
                }
                report.postings += count
            }

            var totals = IndexTotals()
            for row in documents {
                report.documents += 1
                if titleSums[row.docNumber, default: 0] != row.titleLength
                    || bodySums[row.docNumber, default: 0] != row.bodyLength
                {
                    report.problems.append("record '\(row.recordId)': its field lengths do not match its postings")
                }
                if termCounts[row.docNumber, default: 0] != row.uniqueTerms {
                    report.problems.append(
                        "record '\(row.recordId)': \(row.uniqueTerms) distinct terms recorded but \(termCounts[row.docNumber, default: 0]) in the postings"
                    )
                }
                totals.documents += 1
                totals.titleLength += row.titleLength
                totals.bodyLength += row.bodyLength
            }
            let stored = IndexTotals(meta: try reader.indexMeta())
            if stored.documents != totals.documents || stored.titleLength != totals.titleLength
                || stored.bodyLength != totals.bodyLength
            {
                report.problems.append(
                    "the stored totals (\(stored.documents) records) do not match the indexed records (\(totals.documents))"
                )
            }

            if let semantic = try SemanticIndex.load(reader) {
                let vectors = try reader.semanticDocuments()
                let indexedNumbers = Set(documents.map(\.docNumber))
                if Set(vectors.docNumbers) != indexedNumbers {
                    report.problems.append(
                        "the semantic space holds \(vectors.docNumbers.count) record vectors for \(indexedNumbers.count) indexed records"
                    )
                }
                if vectors.vectors.count != vectors.docNumbers.count * semantic.space.rank {
                    report.problems.append(
                        "a record vector does not have the space's \(semantic.space.rank) dimensions")
                }
                for document in documents {
                    for neighbour in try reader.related(docNumber: document.docNumber)
                    where !indexedNumbers.contains(neighbour.docNumber) {
                        report.problems.append(
                            "record '\(document.recordId)' lists a related record that is not indexed (\(neighbour.docNumber))"
                        )
                    }
                }
            }

            if report.status.state == .current {
                let records = try reader.records()
                let indexed = Set(documents.map(\.recordId))
                let missing = records.filter { !indexed.contains($0.id) }.map(\.id)
                if !missing.isEmpty {
                    report.problems.append("\(missing.count) records are not in the index (first: \(missing[0]))")
                }
                if indexed.count != records.count || !missing.isEmpty {
                    report.problems.append("the index holds \(indexed.count) records but the database \(records.count)")
                }
                let checksum = records.reduce(UInt64(0)) { $0 &+ $1.contentHash }
                if checksum != stored.checksum {
                    report.problems.append("the records' content checksum does not match the index's")
                }
            }
            return report
        }
    }
}
