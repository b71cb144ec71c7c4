internal import Foundation

/// Writes a synthetic corpus in the shared test-collection format: `docs.jsonl` ({"id", "title", "text"},
/// abstract-length text) and `queries.jsonl` (200 case-description-length queries of 40–120 words), so
/// every system in a comparison reads the same files.
struct CorpusGenerator {
    let model: WordModel
    let seed: UInt64

    struct Document { var id: String; var title: String; var text: String }

    /// The real text the word model learns from: the bundled corpus and, when present beside the
    /// repository, the shared test collections.
    static func trainingTexts(repository: String) -> [String] {
        var texts: [String] = []
        let manager = FileManager.default
        let evidence = repository + "/Corpus/evidence"
        for name in (try? manager.contentsOfDirectory(atPath: evidence))?.sorted() ?? [] where name.hasSuffix(".md") {
            // The body only: the front matter's field names are not prose.
            if let text = try? String(contentsOfFile: evidence + "/" + name, encoding: .utf8),
                let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex)
            {
                texts.append(String(text[end.upperBound...]))
            }
        }
        for collection in ["cisi", "cranfield", "cacm", "lisa", "npl"] {
            let path = repository + "/../shared/eval/\(collection)/docs.jsonl"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    continue
                }
                texts.append("\(object["title"] as? String ?? "") \(object["text"] as? String ?? "")")
            }
        }
        return texts
    }

    /// The records in order, one at a time: the same seed gives the same records.
    func forEachDocument(count: Int, _ body: (Document) throws -> Void) rethrows {
        var generator = SplitMix(seed: seed)
        for index in 0..<count {
            let title = words(generator.int(in: 6...14), &generator)
            // Abstract length: mostly 120–260 words, sometimes short notes, sometimes long summaries.
            let roll = generator.unit()
            let length =
                roll < 0.1
                ? generator.int(in: 40...119) : roll < 0.9 ? generator.int(in: 120...260) : generator.int(in: 261...420)
            try body(Document(id: "d\(index)", title: title, text: words(length, &generator)))
        }
    }

    func queries(count: Int = 200) -> [(id: String, text: String)] {
        var generator = SplitMix(seed: seed ^ 0xC0FFEE)
        return (0..<count).map { index in ("q\(index)", words(generator.int(in: 40...120), &generator)) }
    }

    private func words(_ count: Int, _ generator: inout SplitMix) -> String {
        (0..<count).map { _ in model.word(&generator) }.joined(separator: " ")
    }

    /// Writes `count` records to `folder/docs.jsonl` (in chunks, never all in memory) and the queries
    /// to `folder/queries.jsonl`.
    func write(count: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func line(_ fields: [(String, String)]) -> String {
            "{" + fields.map { "\(Self.quoted($0.0)): \(Self.quoted($0.1))" }.joined(separator: ", ") + "}\n"
        }
        let path = folder + "/docs.jsonl"
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw BenchmarkFailure("cannot write \(path)")
        }
        var chunk = ""
        try forEachDocument(count: count) { document in
            chunk += line([("id", document.id), ("title", document.title), ("text", document.text)])
            if chunk.utf8.count > 1 << 23 { try handle.write(contentsOf: Data(chunk.utf8)); chunk = "" }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()
        try queries().map { line([("id", $0.id), ("text", $0.text)]) }.joined().write(
            toFile: folder + "/queries.jsonl", atomically: true, encoding: .utf8)
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
