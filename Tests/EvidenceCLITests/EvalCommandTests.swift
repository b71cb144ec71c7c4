import Foundation
import Testing
import EvidenceTestSupport

/// The project's shared folder, beside the repository.
let sharedFolder = (Repository.root as NSString).appendingPathComponent("../shared")
let sharedCISI = sharedFolder + "/eval/cisi"

/// `evidence eval` on the shared CISI collection: the default's pinned measures, agreement with the
/// shared scorer, and a run without judgments. The collection is not ours to copy (it carries no licence),
/// so these run where the project's shared/ folder lies beside the repository, as it does in CI, and
/// are reported as skipped elsewhere.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: sharedCISI + "/docs.jsonl"), "needs shared/eval/cisi beside the repository"))
struct EvalCommandTests {
    static let shared = sharedFolder
    static let cisi = sharedCISI
    let folder = TemporaryDirectory()

    func requireShared() throws {
        try #require(FileManager.default.fileExists(atPath: Self.cisi + "/docs.jsonl"), "the shared test collections are expected beside the repository, at \(Self.cisi)")
    }

    func evaluate(_ arguments: [String]) throws -> [String: Double] {
        let output = try CommandRunner.run(["eval", Self.cisi, "--json"] + arguments)
        try #require(output.status == 0, "\(output.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        return try #require(results.first?["metrics"] as? [String: Double])
    }

    @Test func theDefaultConfigurationKeepsItsPinnedQuality() throws {
        try requireShared()
        let pinned = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.path("Tests/Regression/cisi-default.json")))) as? [String: Any])
        let expected = try #require(pinned["metrics"] as? [String: Double])
        let tolerance = try #require(pinned["tolerance"] as? Double)
        let measured = try evaluate(["--config", try #require(pinned["configuration"] as? String)])
        for (name, value) in expected {
            #expect(abs((measured[name] ?? -1) - value) <= tolerance, "\(name): measured \(measured[name] ?? -1), pinned \(value)")
        }
    }

    @Test func measuresAgreeWithTheSharedScorerToFourDecimals() throws {
        try requireShared()
        let run = folder.file("cisi.run")
        let ours = try evaluate(["--config", "bm25+lsa", "--run", run])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.shared + "/tools/ireval.py", "--qrels", Self.cisi + "/qrels.tsv", "--run", run, "--json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let theirs = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
        for (our, their) in [("ndcgAt10", "nDCG@10"), ("meanAveragePrecision", "MAP"), ("recallAt100", "R@100"), ("precisionAt10", "P@10"), ("reciprocalRankAt10", "MRR@10")] {
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
