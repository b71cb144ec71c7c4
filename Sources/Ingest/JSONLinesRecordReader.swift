/// Reads JSON Lines: one JSON object per line, blank lines ignored.
///
/// `{"id", "title", "text"}` (the format of the shared test collections) is the shortest valid record.
/// A line that is not a JSON object is an error naming its line and column. Complexity: O(file size).
struct JSONLinesRecordReader: RecordReader {
    func read(_ file: TextFile, path: String) -> [ReaderOutput] {
        var outputs: [ReaderOutput] = []
        for (index, line) in file.lines.enumerated() {
            let number = index + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                guard case .mapping(let pairs) = try JSONParser.parse(String(line)) else {
                    outputs.append(.problem(FileProblem(line: number, "expected a JSON object ({…}) on this line")))
                    continue
                }
                var raw = RawRecord(file: path, line: number)
                for pair in pairs { raw.append(pair.key, pair.value, line: number) }
                outputs.append(.record(raw))
            } catch {
                outputs.append(.problem(FileProblem(line: number, "is not valid JSON: \(error.message) at column \(error.column)")))
            }
        }
        return outputs
    }
}
