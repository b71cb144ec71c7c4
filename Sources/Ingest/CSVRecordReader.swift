internal import Foundation

/// Reads CSV with a header row naming the fields (any order; `text` is accepted for `summary`).
///
/// List fields (`authors`, `topics`, `ageGroups`, `caveats`) hold items separated by `;`, with `\;` for a
/// semicolon inside an item. `outcomes` and `sourceRatings` hold a JSON array in the cell. Empty cells
/// are missing values. Complexity: O(file size).
struct CSVRecordReader: RecordReader {
    func read(_ file: TextFile, path: String) -> [ReaderOutput] {
        let table: CSVTable
        do { table = try CSVTable.parse(file.text) } catch { return [.problem(error)] }
        guard let header = table.rows.first else { return [.problem(FileProblem(line: 1, "no header row"))] }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        if names.allSatisfy(\.isEmpty) { return [.problem(FileProblem(line: header.line, "the header row is empty"))] }

        var outputs: [ReaderOutput] = []
        for row in table.rows.dropFirst() {
            if row.cells.count != names.count {
                outputs.append(
                    .problem(
                        FileProblem(
                            line: row.line, "has \(row.cells.count) cells but the header names \(names.count) fields")))
                continue
            }
            var raw = RawRecord(file: path, line: row.line)
            for (name, cell) in zip(names, row.cells) where !name.isEmpty && !cell.isEmpty {
                switch RecordField(name: name)?.shape ?? .text {
                case .text:
                    raw.append(name, .scalar(cell), line: row.line)
                case .textList:
                    raw.append(name, .list(Self.splitList(cell).map(FieldValue.scalar)), line: row.line)
                case .mappingList:
                    do { raw.append(name, try JSONParser.parse(cell), line: row.line) } catch {
                        outputs.append(
                            .problem(
                                FileProblem(
                                    line: row.line, field: name,
                                    "should hold a JSON array of entries, but \(error.message) at column \(error.column)"
                                )))
                    }
                }
            }
            outputs.append(.record(raw))
        }
        return outputs
    }

    /// "a; b\; c" → ["a", "b; c"].
    static func splitList(_ cell: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for character in cell {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case ";": items.append(current); current = ""
            default: current.append(character)
            }
        }
        if escaped { current.append("\\") }
        items.append(current)
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The inverse of `splitList`.
    static func joinList(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }
            .joined(separator: "; ")
    }
}
