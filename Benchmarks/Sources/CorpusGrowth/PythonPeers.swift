internal import Foundation

/// The Python peers (tantivy, bm25s with stemming, scikit-learn TF-IDF) measured by the shared
/// `peer_scale.py` on the same generated files, in a virtual environment this creates once
/// (`Benchmarks/.venv-peers`, from PyPI). The script builds each peer in a child process and reports
/// its build time, index size, peak memory and single-threaded query latency.
struct PythonPeers {
    /// One peer at one corpus size, as `peer_scale.py --json-out` writes it.
    struct Row: Codable {
        var peer: String
        var docs: Int
        var build_s: Double?
        var index_mb: Double?
        var peak_rss_mb: Double?
        var p50_ms: Double?
        var p95_ms: Double?
        var p99_ms: Double?
        var failed: String?
    }

    static let peers = ["tantivy", "bm25s-stem", "sklearn-tfidf"]
    let script: String
    let environment: String

    init(repository: String) {
        script = repository + "/../shared/tools/peer_scale.py"
        environment = repository + "/Benchmarks/.venv-peers"
    }

    /// Creates the virtual environment with the peers' packages, unless it already has them.
    func prepare(log: (String) -> Void) throws {
        guard FileManager.default.fileExists(atPath: script) else {
            throw BenchmarkFailure("--peers needs the shared tools beside the repository (\(script) not found)")
        }
        let python = environment + "/bin/python"
        if (try? Self.execute(python, ["-c", "import sklearn, bm25s, Stemmer, tantivy"])) != nil { return }
        log("creating \(environment) with numpy, scipy, scikit-learn, bm25s, PyStemmer and tantivy")
        try Self.execute("/usr/bin/env", ["python3", "-m", "venv", environment])
        try Self.execute(
            environment + "/bin/pip",
            ["install", "-q", "numpy", "scipy", "scikit-learn", "bm25s", "PyStemmer", "tantivy"])
    }

    /// Every peer on the corpus folder, each query path stopping after `budget` seconds.
    func run(corpus: String, budget: Double) throws -> [Row] {
        let output = corpus + "/peers.json"
        try Self.execute(
            environment + "/bin/python",
            [
                script, corpus, "--peers", Self.peers.joined(separator: ","),
                "--query-budget", String(budget), "--json-out", output,
            ])
        struct File: Decodable { var results: [Row] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: output))).results
    }

    /// Runs a program to its end (its output goes to this process's standard error); throws unless it exits 0.
    @discardableResult
    static func execute(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure(
                "\(program) \(arguments.prefix(2).joined(separator: " ")) … exited with \(process.terminationStatus)")
        }
        return process.terminationStatus
    }
}
