internal import Foundation
public import EvidenceCore

/// Reads evidence files and folders into checked records, collecting every problem rather than
/// stopping at the first.
///
/// Folders are walked recursively in name order. Files with an unknown extension, hidden files, Markdown
/// without front matter (documentation such as a README) and test collections (folders holding
/// `qrels.tsv` or `queries.jsonl`) are skipped and listed in `skipped`. Symbolic links are followed, but
/// each real folder and file (every link resolved) is read once, so a link back up the tree cannot make
/// the walk go on for ever; the links passed over are listed in `skipped`. Ids must be unique across the
/// whole load. Complexity: O(total size of the files).
public struct EvidenceLoader: Sendable {
    public struct Result: Sendable {
        /// The records that passed every check, in file order.
        public var records: [EvidenceRecord] = []
        public var diagnostics: [IngestDiagnostic] = []
        /// Files that were read as evidence.
        public var filesRead: [String] = []
        /// What was passed over in folders, and why.
        public var skipped: [String] = []

        public var errors: [IngestDiagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [IngestDiagnostic] { diagnostics.filter { $0.severity == .warning } }
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public init() {}

    /// Loads `paths` (files or folders). `progress(done, total)` is called after each file.
    public func load(paths: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) -> Result {
        var result = Result()
        var files: [(path: String, format: RecordFormat, fromFolder: Bool)] = []
        var visited = Set<String>()
        for path in paths {
            collect(path, into: &files, visited: &visited, result: &result)
        }
        var firstSeen: [String: (file: String, line: Int?)] = [:]
        for (index, entry) in files.enumerated() {
            read(entry.path, format: entry.format, fromFolder: entry.fromFolder, into: &result, firstSeen: &firstSeen)
            progress?(index + 1, files.count)
        }
        return result
    }

    private func collect(
        _ path: String, into files: inout [(path: String, format: RecordFormat, fromFolder: Bool)],
        visited: inout Set<String>, result: inout Result
    ) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            result.diagnostics.append(IngestDiagnostic(.error, file: path, message: "no such file or folder"))
            return
        }
        guard isDirectory.boolValue else {
            let ext = URL(fileURLWithPath: path).pathExtension
            guard let format = RecordFormat(fileExtension: ext) else {
                result.diagnostics.append(
                    IngestDiagnostic(
                        .error, file: path,
                        message:
                            "cannot tell the format from the extension '.\(ext)' (expected \(RecordFormat.extensionList))"
                    ))
                return
            }
            if Self.firstVisit(path, &visited, result: &result) { files.append((path, format, false)) }
            return
        }
        guard Self.firstVisit(path, &visited, result: &result) else { return }
        let before = files.count
        walk(folder: path, into: &files, visited: &visited, result: &result)
        if files.count == before {
            result.diagnostics.append(
                IngestDiagnostic(
                    .error, file: path, message: "the folder holds no evidence files (\(RecordFormat.extensionList))"))
        }
    }

    /// Reads `folder` (already marked visited) and, depth first in name order, the folders inside it.
    private func walk(
        folder: String, into files: inout [(path: String, format: RecordFormat, fromFolder: Bool)],
        visited: inout Set<String>, result: inout Result
    ) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else {
            result.diagnostics.append(IngestDiagnostic(.error, file: folder, message: "the folder cannot be read"))
            return
        }
        if let marker = ["qrels.tsv", "queries.jsonl"].first(where: names.contains) {
            result.skipped.append("\(folder): a test collection (it holds \(marker)), not evidence")
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if Self.firstVisit(path, &visited, result: &result) {
                    walk(folder: path, into: &files, visited: &visited, result: &result)
                }
            } else if let format = RecordFormat(fileExtension: (name as NSString).pathExtension) {
                if Self.firstVisit(path, &visited, result: &result) { files.append((path, format, true)) }
            } else {
                result.skipped.append("\(path): not an evidence file (\(RecordFormat.extensionList))")
            }
        }
    }

    /// Marks the real path of `path` (every symbolic link resolved) as visited: true the first time,
    /// false (noting the skip in `result`) when it was already read under this or another name.
    private static func firstVisit(_ path: String, _ visited: inout Set<String>, result: inout Result) -> Bool {
        let real = realPath(path) ?? path
        guard visited.insert(real).inserted else {
            result.skipped.append(
                real == path ? "\(path): already read" : "\(path): already read as \(real) (through a symbolic link)")
            return false
        }
        return true
    }

    /// `path` with every symbolic link and `.` or `..` resolved (`realpath(3)`); nil when it cannot be.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func read(
        _ path: String, format: RecordFormat, fromFolder: Bool, into result: inout Result,
        firstSeen: inout [String: (file: String, line: Int?)]
    ) {
        let file: TextFile
        do { file = try TextFile.read(path) } catch {
            result.diagnostics.append(
                IngestDiagnostic(.error, file: path, line: error.line, field: error.field, message: error.message))
            return
        }
        if format == .markdown, fromFolder, !MarkdownRecordReader.hasFrontMatter(file) {
            result.skipped.append("\(path): Markdown without front matter (documentation, not a record)")
            return
        }
        result.filesRead.append(path)
        for output in format.reader.read(file, path: path) {
            switch output {
            case .problem(let problem):
                result.diagnostics.append(
                    IngestDiagnostic(
                        .error, file: path, line: problem.line, field: problem.field, message: problem.message))
            case .warning(let problem):
                result.diagnostics.append(
                    IngestDiagnostic(
                        .warning, file: path, line: problem.line, field: problem.field, message: problem.message))
            case .record(let raw, let fallbackID):
                let (record, diagnostics) = RecordBuilder(fallbackID: fallbackID).build(raw)
                result.diagnostics += diagnostics
                guard let record else { continue }
                if let first = firstSeen[record.id] {
                    let place = first.file + (first.line.map { ":\($0)" } ?? "")
                    result.diagnostics.append(
                        IngestDiagnostic(
                            .error, file: path, line: raw.line, field: "id",
                            message:
                                "the id '\(record.id)' is already used by the record at \(place); ids must be unique"))
                    continue
                }
                firstSeen[record.id] = (path, raw.line)
                result.records.append(record)
            }
        }
    }
}
