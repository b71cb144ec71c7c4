internal import EvidenceCore

/// Reads JSON Lines: one JSON object per line, blank lines ignored.
///
/// `{"id", "title", "text"}` (the format of the shared test collections) is the shortest valid record.
/// A line that is not a JSON object is an error naming its line and column. Lines are parsed on all
/// cores, in chunks; the output keeps the file's order. Complexity: O(file size).
struct JSONLinesRecordReader: RecordReader {
    /// Lines per task when a file is parsed on all cores.
    static let chunkSize = 2048

    func read(_ file: TextFile, path: String) -> [ReaderOutput] {
        let lines = file.lines
        let chunks = (lines.count + Self.chunkSize - 1) / Self.chunkSize
        return Parallel.map(chunks) { chunk in
            let range = (chunk * Self.chunkSize)..<min(lines.count, (chunk + 1) * Self.chunkSize)
            return range.compactMap { index in Self.read(lines[index], number: index + 1, path: path) }
        }.flatMap { $0 }
    }

    /// One line as a record, a problem, or nothing when it is blank.
    static func read(_ line: Substring, number: Int, path: String) -> ReaderOutput? {
        if line.allSatisfy(\.isWhitespace) { return nil }
        do {
            guard case .mapping(let pairs) = try JSONParser.parse(String(line)) else {
                return .problem(FileProblem(line: number, "expected a JSON object ({…}) on this line"))
            }
            var raw = RawRecord(file: path, line: number)
            for pair in pairs { raw.append(pair.key, pair.value, line: number) }
            return .record(raw)
        } catch {
            return .problem(FileProblem(line: number, "is not valid JSON: \(error.message) at column \(error.column)"))
        }
    }
}
