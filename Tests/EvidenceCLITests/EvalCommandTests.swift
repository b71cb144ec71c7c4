import Foundation
import Testing
import EvidenceTestSupport
import Search

/// The project's shared folder, beside the repository.
let sharedFolder = (Repository.root as NSString).appendingPathComponent("../shared")
let sharedCISI = sharedFolder + "/eval/cisi"

/// `evidence eval` on the shared CISI collection: the default's pinned measures, agreement with the
/// shared scorer, and a run without judgments. The collection is not ours to copy (it carries no licence),
/// so these run where the project's shared/ folder lies beside the repository, as it does in CI, and
/// are reported as skipped elsewhere.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: sharedCISI + "/docs.jsonl"),
        "needs shared/eval/cisi beside the repository"))
struct EvalCommandTests {
    static let shared = sharedFolder
    static let cisi = sharedCISI
    let folder = TemporaryDirectory()

    func requireShared() throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.cisi + "/docs.jsonl"),
            "the shared test collections are expected beside the repository, at \(Self.cisi)")
    }

    func evaluate(_ arguments: [String]) throws -> [String: Double] {
        let output = try CommandRunner.run(["eval", Self.cisi, "--json"] + arguments)
        try #require(output.status == 0, "\(output.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        return try #require(results.first?["metrics"] as? [String: Double])
    }

    @Test func theDefaultConfigurationKeepsItsPinnedQuality() throws {
        try requireShared()
        let pinned = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Regression/cisi-default.json"))))
                as? [String: Any])
        let expected = try #require(pinned["metrics"] as? [String: Double])
        let tolerance = try #require(pinned["tolerance"] as? Double)
        let measured = try evaluate(["--config", try #require(pinned["configuration"] as? String)])
        for (name, value) in expected {
            #expect(
                abs((measured[name] ?? -1) - value) <= tolerance,
                "\(name): measured \(measured[name] ?? -1), pinned \(value)")
        }
    }

    @Test func measuresAgreeWithTheSharedScorerToFourDecimals() throws {
        try requireShared()
        let run = folder.file("cisi.run")
        let ours = try evaluate(["--config", "bm25+lsa", "--run", run])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.shared + "/tools/ireval.py", "--qrels", Self.cisi + "/qrels.tsv", "--run", run, "--json",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let theirs = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
        for (our, their) in [
            ("ndcgAt10", "nDCG@10"), ("meanAveragePrecision", "MAP"), ("recallAt100", "R@100"),
            ("precisionAt10", "P@10"), ("reciprocalRankAt10", "MRR@10"),
        ] {
            #expect(abs((ours[our] ?? -1) - (theirs[their] ?? -2)) < 0.00005, "\(their)")
        }
    }

    @Test func aCollectionWithoutJudgmentsStillWritesItsRun() throws {
        try requireShared()
        let collection = folder.file("unjudged")
        try FileManager.default.createDirectory(atPath: collection, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.cisi + "/docs.jsonl", toPath: collection + "/docs.jsonl")
        try FileManager.default.copyItem(atPath: Self.cisi + "/queries.jsonl", toPath: collection + "/queries.jsonl")
        let run = folder.file("unjudged.run")
        let output = try CommandRunner.run(["eval", collection, "--config", "bm25", "--run", run])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("no qrels.tsv"))
        let lines = try String(contentsOfFile: run, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 1000)
        // Scores are distinct within each query, so any tool that re-sorts by score keeps our order.
        var previous: (query: Substring, score: Double)?
        for line in lines {
            let fields = line.split(separator: " ")
            let score = Double(fields[4])!
            if let previous, previous.query == fields[0] { #expect(score < previous.score) }
            previous = (fields[0], score)
        }
    }
}

/// `evidence eval --cases` on the bundled case set (Corpus/cases, judged against Corpus/evidence): the
/// default configuration's quality on our own domain, pinned within a band. Unlike CISI this runs
/// everywhere, since the case set ships with the repository. It runs with --no-encoder, so it measures
/// the same ranking with or without the sentence encoder's model installed (and in seconds: encoding
/// the corpus in a debug build takes minutes).
@Suite struct CaseSetEvalTests {
    /// The default configuration (`bm25+lsa:0.2@100+rocchio:0.5@5`, encoder left out), measured on
    /// 2026-12-07 with 427 records and 54 judged cases: nDCG@10 0.3833 (0.38325995), R@100 0.8582
    /// (0.85819147). Plain BM25 measured 0.3726 and 0.8346. (With the encoder's model installed, the
    /// default with the encoder measured 0.4742 and 0.8986; not pinned here.)
    ///
    /// The band is 0.025 below and 0.03 above. Measured the same day, from that value: adding 5
    /// near-duplicates of random records (unjudged, so they can only push judged ones down) moved
    /// nDCG@10 by at most 0.005 and R@100 by 0.014; adding 15 by 0.005 and 0.017; removing 10 unjudged
    /// records by +0.011 and 0.003; the edits to 25 records committed earlier that day by 0.001 and
    /// 0.004. So a few new or edited records stay inside the band. Real regressions fall out of it: BM25
    /// without term-frequency saturation (k1 0.01) costs 0.051 and 0.065, ranking by the semantic side
    /// alone 0.030 of R@100. Smaller changes (turning LSA and feedback off costs 0.011 and 0.024) are the
    /// CISI pin's to catch, to 0.0005. A rise of more than 0.03 is more than new records explain
    /// (judgments changed, or queries leaking into the index): find out why, then re-pin here on purpose.
    static let pinned: [(name: String, value: Double)] = [("ndcgAt10", 0.3833), ("recallAt100", 0.8582)]
    static let below = 0.025, above = 0.03

    @Test func theDefaultConfigurationStaysWithinItsPinnedBand() throws {
        let folder = TemporaryDirectory()
        let errors = folder.file("eval.stderr")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        defer { try? errorHandle.close() }
        // As a user runs it: from the repository's top folder, where --cases finds Corpus/.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = ["eval", "--cases", "--no-encoder", "--json"]
        process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "EVIDENCE_DATABASE")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorText = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "evidence eval --cases --no-encoder failed: \(errorText)")

        let object = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
        let results = try #require(object["results"] as? [[String: Any]])
        let defaultName = RankingConfiguration().name
        let row = try #require(
            results.first { $0["configuration"] as? String == defaultName }, "no row for \(defaultName) in \(results)")
        let metrics = try #require(row["metrics"] as? [String: Double])
        let corpus = "\(object["documents"] ?? "?") records, \(object["queriesScored"] ?? "?") judged cases"
        for (name, value) in Self.pinned {
            let measured = try #require(metrics[name], "no \(name) in \(metrics)")
            #expect(
                measured >= value - Self.below,
                "\(name) fell to \(measured) from the pinned \(value) (\(corpus)): a ranking regression")
            #expect(
                measured <= value + Self.above,
                "\(name) rose to \(measured) from the pinned \(value) (\(corpus)): explain the jump, then re-pin")
        }
    }
}
