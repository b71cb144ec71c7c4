internal import Foundation

/// A file read as UTF-8 text, split into lines, with the problems that stop it being read as text:
/// missing or unreadable, empty, or holding bytes that are not UTF-8 (each such line is named).
struct TextFile {
    /// The lines without their terminators (`\n`, `\r\n`); a leading byte-order mark is dropped.
    let lines: [Substring]
    let text: String

    /// Reads and checks the whole file. Complexity: O(file size).
    static func read(_ path: String) throws(FileProblem) -> TextFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw FileProblem("cannot be read (\(error.localizedDescription))")
        }
        if data.isEmpty { throw FileProblem("the file is empty") }

        var text: String
        // Validated from contiguous bytes: `Data` as a generic collection takes a much slower path.
        if let decoded = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) {
            text = decoded
        } else {
            throw FileProblem(
                line: firstLineWithInvalidUTF8(data),
                "contains bytes that are not valid UTF-8 text; save the file as UTF-8 and try again")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) { throw FileProblem("the file holds only white space") }
        return TextFile(lines: Self.splitLines(text), text: text)
    }

    /// Splits on `\n`, dropping a `\r` before it. A final newline does not make an extra empty line.
    /// Split at `\n` bytes (a `\r` before one is dropped with it). Bytes, not `Character`s: "\r\n" is a
    /// single Character, which a character-level split at "\n" would not split at. O(bytes).
    static func splitLines(_ text: String) -> [Substring] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func firstLineWithInvalidUTF8(_ data: Data) -> Int {
        var line = 1
        for chunk in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { return line }
            line += 1
        }
        return line
    }
}
