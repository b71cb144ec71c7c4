/// The file formats we read and write, chosen by file extension.
public enum RecordFormat: String, CaseIterable, Sendable {
    /// One record per file: YAML front matter and three Markdown sections. The bundled corpus's format.
    case markdown = "md"
    /// One JSON object per line.
    case jsonLines = "jsonl"
    /// A header row, then one record per row (RFC 4180).
    case csv
    /// RIS, as reference managers export it.
    case ris

    /// The format for a file name's extension (`md`/`markdown`, `jsonl`/`ndjson`, `csv`, `ris`), ignoring case.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "md", "markdown": self = .markdown
        case "jsonl", "ndjson": self = .jsonLines
        case "csv": self = .csv
        case "ris": self = .ris
        default: return nil
        }
    }

    var reader: any RecordReader {
        switch self {
        case .markdown: MarkdownRecordReader()
        case .jsonLines: JSONLinesRecordReader()
        case .csv: CSVRecordReader()
        case .ris: RISRecordReader()
        }
    }

    /// The extensions listed in messages: ".md, .jsonl, .csv, .ris".
    public static var extensionList: String { allCases.map { "." + $0.rawValue }.joined(separator: ", ") }
}
