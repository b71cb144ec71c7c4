internal import Foundation

/// Writing to the terminal: standard output and error, and whether standard error is a terminal.
enum Terminal {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The width to fit tables to: $COLUMNS, else 100.
    static var width: Int {
        Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "").flatMap { $0 >= 40 ? $0 : nil } ?? 100
    }

    /// `text` cut to `width` characters, with an ellipsis when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    /// `text` padded with spaces to `width` characters (cut first if longer).
    static func pad(_ text: String, _ width: Int) -> String {
        let fitted = fit(text, width)
        return fitted + String(repeating: " ", count: max(width - fitted.count, 0))
    }
}
