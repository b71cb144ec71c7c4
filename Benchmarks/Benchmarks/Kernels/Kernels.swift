import Benchmark
import Foundation
import EvidenceCore
import Store
import Analysis
import Search
import Indexing
import Ranking

/// Micro-benchmarks of the kernels a search spends its time in, each beside a plain baseline that does
/// the same job the obvious way, on seeded data. Run with `make bench-micro` (see `Benchmarks/README.md`).
///
/// The plugin runs every benchmark in a process of its own and calls this closure in each, so the
/// inputs live in `Fixtures` as lazy statics: a process builds only what its benchmark uses, in the
/// benchmark's `setup`, outside the measurement.
let benchmarks: @Sendable () -> Void = {
    // `.instructions` needs a hardware PMU (perf_event_open); where there is none it stays empty.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .instructions, .mallocCountTotal], maxDuration: .seconds(2), maxIterations: 5_000)

    // 1. Tokenize and stem one case description.
    Benchmark("1 tokenize+stem: kernel, Analyzer.standard.terms (~100 words)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Analyzer.standard.terms(Fixtures.description)) }
    }
    Benchmark("1 tokenize+stem: baseline, split on white space + lowercased()") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Fixtures.description.split(whereSeparator: \.isWhitespace).map { $0.lowercased() })
        }
    }

    // 2. Decode one term's postings: 10,000 (gap, title tf, body tf) varint triples.
    Benchmark("2 postings decode: kernel, PostingsCodec.forEach (10,000 postings)") { benchmark in
        for _ in benchmark.scaledIterations {
            var sum = 0
            try? PostingsCodec.forEach(Fixtures.encodedPostings) { sum &+= $0.docNumber }
            blackHole(sum)
        }
    }
    Benchmark("2 postings decode: kernel, PostingsCodec.decode to [Posting] (10,000)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try? PostingsCodec.decode(Fixtures.encodedPostings)) }
    }
    Benchmark("2 postings decode: baseline, sum a plain [Int] (10,000)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Fixtures.plainDocNumbers.reduce(0, &+)) }
    }

    // 3. BM25 accumulation of a case description's terms over an index of 20,000 records.
    let lexical = Benchmark.Configuration(setup: { _ = Fixtures.lexical }, teardown: { Fixtures.lexical.remove() })
    Benchmark("3 lexical accumulate: kernel, LexicalScorer.scoreVector (dense [Double])", configuration: lexical) {
        benchmark in
        let index = Fixtures.lexical
        try! index.store.read { reader in
            let scorer = try index.indexReader.searcher(reader).scorer(reader, configuration: .lexicalOnly).lexical
            _ = try scorer.scoreVector(terms: index.queryTerms)  // fills the scorer's term-row cache: no SQLite below
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try scorer.scoreVector(terms: index.queryTerms)) }
            benchmark.stopMeasurement()
        }
    }
    Benchmark("3 lexical accumulate: baseline, [Int: Double] over decoded postings", configuration: lexical) {
        benchmark in
        let index = Fixtures.lexical
        for _ in benchmark.scaledIterations { blackHole(index.naiveScores()) }
    }

    // 4. The semantic scan: every record's unit vector (100,000 × 100 float32) against the query's.
    let scan = Benchmark.Configuration(setup: { _ = Fixtures.recordVectors })
    Benchmark("4 semantic scan: kernel, Kernels.multiply (BLAS sgemv, 100,000 x 100)", configuration: scan) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Kernels.multiply(Fixtures.recordVectors, Fixtures.queryVector))
        }
    }
    Benchmark("4 semantic scan: baseline, Kernels.Reference.multiply (plain loops)", configuration: scan) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Kernels.Reference.multiply(Fixtures.recordVectors, Fixtures.queryVector))
        }
    }

    // 5. The best 10 of 100,000 scores.
    Benchmark("5 top-k: kernel, TopK.select (10 of 100,000)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(TopK.select(Fixtures.scores, k: 10) { Fixtures.scoreIds[$0] }) }
    }
    Benchmark("5 top-k: baseline, sort all 100,000 indices, take 10") { benchmark in
        let scores = Fixtures.scores
        for _ in benchmark.scaledIterations {
            blackHole(Array(scores.indices.sorted { scores[$0] > scores[$1] }.prefix(10)))
        }
    }
}

/// The seeded inputs. Each static is built on first use, once per process.
enum Fixtures {
    /// A made-up case description of 104 words, with the abbreviations and stop words of a real one.
    static let description = """
        Referral from the health visitor about a mother of two: a baby of eight months and a girl of four \
        at nursery. Mother told the GP she is drinking most evenings since her partner left; neighbours \
        report shouting, and the police attended a domestic abuse incident last month. The older child has \
        missed nursery on eleven days this term and twice arrived with unexplained bruising on her arms. \
        The family lives in temporary housing, rent arrears are growing and the mother says she feels \
        isolated and low. A previous CIN plan closed a year ago; the CP conference is next week. We are \
        looking for evidence on parenting support, substance misuse and intensive home visiting.
        """

    // Postings of one term held by 10,000 records (gaps 1–19, as for a term in one record in ten).
    static let postings: [Posting] = {
        var generator = SplitMix64(seed: 2)
        var doc = 0
        return (0..<10_000).map { _ in
            doc += Int.random(in: 1...19, using: &generator)
            return Posting(
                docNumber: doc, titleFrequency: Int.random(in: 0...1, using: &generator),
                bodyFrequency: Int.random(in: 1...4, using: &generator))
        }
    }()
    static let encodedPostings = PostingsCodec.encode(postings)
    static let plainDocNumbers = postings.map(\.docNumber)

    // Record vectors and a query vector, uniform in [-1, 1].
    static let recordVectors: DenseMatrix = {
        var generator = SplitMix64(seed: 3)
        return DenseMatrix(
            rows: 100_000, columns: 100,
            values: (0..<10_000_000).map { _ in Float.random(in: -1...1, using: &generator) })
    }()
    static let queryVector: [Float] = {
        var generator = SplitMix64(seed: 4)
        return (0..<100).map { _ in Float.random(in: -1...1, using: &generator) }
    }()

    static let scores: [Double] = {
        var generator = SplitMix64(seed: 5)
        return (0..<100_000).map { _ in generator.unit() }
    }()
    static let scoreIds = (0..<100_000).map { "record-\($0)" }

    static let lexical = LexicalFixture(records: 20_000, seed: 6)
}

/// A lexical index of synthetic records in a temporary folder, built once, and the case description's
/// terms as the query. Words are drawn from the description's words plus 3,000 made-up ones, with a
/// Zipf (1/rank) skew over a seeded order, so the query's terms range from common to rare.
struct LexicalFixture: Sendable {
    let folder: String
    let store: EvidenceStore
    /// Lends the searcher that holds the per-record table, read once.
    let indexReader = IndexReader()
    let queryTerms: [String]
    /// The query's index rows, each with its BM25 query weight qtf · idf.
    let rows: [(row: IndexTermRow, weight: Double)]
    /// Each record's combined length (2 · title + text) by document number, as the naive baseline keeps it.
    let lengths: [Int: Int]
    let averageLength: Double

    init(records: Int, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da", "fi", "gu", "ho", "ze"]
        let madeUp = (0..<3_000).map { n in (0..<4).map { syllables[(n / [1, 14, 196, 2_744][$0]) % 14] }.joined() }
        let described = Set(Fixtures.description.lowercased().split { !$0.isLetter }.map(String.init))
        let vocabulary = (described.sorted() + madeUp).shuffled(using: &generator)
        var cumulative: [Double] = []
        var total = 0.0
        for rank in vocabulary.indices { total += 1 / Double(rank + 1); cumulative.append(total) }
        func words(_ count: Int) -> String {
            (0..<count).map { _ in
                let roll = generator.unit() * total
                var low = 0, high = cumulative.count - 1
                while low < high {
                    let mid = (low + high) / 2; if cumulative[mid] < roll { low = mid + 1 } else { high = mid }
                }
                return vocabulary[low]
            }.joined(separator: " ")
        }
        folder = NSTemporaryDirectory() + "evidence-kernels-\(getpid())"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try! EvidenceStore(path: folder + "/evidence.sqlite")
        let batch = (0..<records).map { n in
            EvidenceRecord(
                id: "record-\(n)", title: words(8), kind: .impactStudy,
                summary: words(Int.random(in: 100...220, using: &generator)))
        }
        _ = try! CorpusWriter(store: store).upsert(batch)
        var builder = IndexBuilder()
        builder.includesSemantic = false
        _ = try! builder.build(store)

        let queryTerms = Analyzer.standard.terms(Fixtures.description)
        self.queryTerms = queryTerms
        let read = try! store.read { reader in
            let statistics = try indexReader.searcher(reader).scorer(reader, configuration: .lexicalOnly).lexical
                .statistics
            var queryFrequency: [String: Int] = [:]
            for term in queryTerms { queryFrequency[term, default: 0] += 1 }
            let n = Double(statistics.documentCount)
            let rows = try reader.indexTerms(queryFrequency.keys.sorted()).sorted { $0.term < $1.term }.map { row in
                let df = Double(row.documentFrequency)
                return (row: row, weight: Double(queryFrequency[row.term]!) * log(1 + (n - df + 0.5) / (df + 0.5)))
            }
            let lengths = Dictionary(
                uniqueKeysWithValues: try reader.indexDocuments().map {
                    ($0.docNumber, IndexFormat.combinedLength(title: $0.titleLength, body: $0.bodyLength))
                })
            return (rows, lengths, statistics.averageLength)
        }
        (rows, lengths, averageLength) = (read.0, read.1, read.2)
        checkBaselineAgrees()
    }

    /// BM25 (k1 1.2, b 0.75) the naive way: decode each list into an array, look each record's length up
    /// in a dictionary, add into a dictionary of scores.
    func naiveScores() -> [Int: Double] {
        let k1 = 1.2, b = 0.75
        var scores: [Int: Double] = [:]
        for (row, weight) in rows {
            for posting in (try? PostingsCodec.decode(row.postings)) ?? [] {
                let tf = Double(
                    IndexFormat.combinedFrequency(title: posting.titleFrequency, body: posting.bodyFrequency))
                let normaliser = k1 * (1 - b + b * Double(lengths[posting.docNumber]!) / averageLength)
                scores[posting.docNumber, default: 0] += weight * tf * (k1 + 1) / (tf + normaliser)
            }
        }
        return scores
    }

    /// Both sides of benchmark 3 must compute the same scores, or the comparison means nothing.
    private func checkBaselineAgrees() {
        let naive = naiveScores()
        let dense = try! store.read { try LexicalScorer(reader: $0).scoreVector(terms: queryTerms) }
        for (doc, score) in naive {
            precondition(
                abs(dense[doc] - score) <= 1e-9 * max(1, score), "baseline and kernel disagree on document \(doc)")
        }
        precondition(dense.filter { $0 > 0 }.count == naive.count, "baseline and kernel match different records")
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
