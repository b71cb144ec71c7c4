internal import Foundation
internal import Yams

/// Reads one record from a Markdown file: a YAML front-matter block between two `---` lines, then
/// the sections `## Summary`, `## Findings` and `## What this means for practice`.
///
/// A body with no section heading is taken whole as the summary. A record with no `id` takes the file
/// name (without `.md`) with a warning, under the same rule as any id (see `RecordBuilder`). Front
/// matter with YAML anchors or aliases is refused before it is parsed (see `FrontMatterGuard`).
/// Complexity: O(file size).
struct MarkdownRecordReader: RecordReader {
    /// Body section headings and the fields they fill, compared ignoring case.
    static let sections: [(heading: String, field: RecordField)] = [
        ("Summary", .summary),
        ("Findings", .findings),
        ("What this means for practice", .practiceImplications),
    ]

    /// True when the text starts with a front-matter line: how a folder walk tells records from other Markdown.
    static func hasFrontMatter(_ file: TextFile) -> Bool {
        file.lines.first?.trimmingCharacters(in: .whitespaces) == "---"
    }

    func read(_ file: TextFile, path: String) -> [ReaderOutput] {
        guard Self.hasFrontMatter(file) else {
            return [
                .problem(
                    FileProblem(
                        line: 1,
                        "a Markdown record must start with a front-matter block: a line '---', the fields in YAML, and another line '---'"
                    ))
            ]
        }
        guard
            let closing = file.lines.indices.dropFirst().first(where: {
                file.lines[$0].trimmingCharacters(in: .whitespaces) == "---"
            })
        else {
            return [
                .problem(
                    FileProblem(
                        line: 1,
                        "the front matter opened on line 1 is never closed: add a line '---' after the last field"))
            ]
        }

        var raw = RawRecord(file: path, line: 1)
        // Anchors and aliases are refused before Yams sees the text: it resolves every alias, and one
        // alias can stand for any amount of text (even as a key, which Yams hashes while parsing).
        if let problem = FrontMatterGuard.problem(in: file.lines[1..<closing], firstLine: 2) {
            return [.problem(problem)]
        }
        let yaml = file.lines[1..<closing].joined(separator: "\n")
        do {
            guard let root = try Yams.compose(yaml: yaml) else {
                return [.problem(FileProblem(line: 1, "the front matter is empty"))]
            }
            guard case .mapping(let mapping) = root else {
                return [.problem(FileProblem(line: 2, "the front matter must be a list of 'field: value' lines"))]
            }
            var budget = Self.maximumValues
            for (key, value) in mapping {
                let line = (key.mark?.line).map { $0 + 1 }
                guard let converted = Self.fieldValue(value, budget: &budget) else {
                    return [
                        .problem(
                            FileProblem(
                                line: line, field: key.string,
                                "the front matter holds more than \(Self.maximumValues) values; a record needs a few hundred at most"
                            ))
                    ]
                }
                raw.append(key.string ?? "\(key)", converted, line: line)
            }
        } catch let error as YamlError {
            return [.problem(Self.problem(from: error))]
        } catch {
            return [.problem(FileProblem(line: 2, "the front matter is not valid YAML (\(error))"))]
        }

        switch Self.bodySections(file.lines[(closing + 1)...], firstLine: closing + 2) {
        case .success(let sections):
            for section in sections { raw.append(section.field.rawValue, .scalar(section.text), line: section.line) }
        case .failure(let problem):
            return [.problem(problem)]
        }
        let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return [.record(raw, fallbackID: RecordBuilder.FallbackID(text: fileName, source: "the file name"))]
    }

    /// The most values (texts, lists and mappings) one front matter may hold: a backstop behind
    /// `FrontMatterGuard`, so that conversion stays bounded whatever Yams hands back.
    static let maximumValues = 100_000

    /// A YAML node as a `FieldValue`: scalars keep their text, so `yes` stays "yes" and 2011 stays "2011".
    /// Each value converted uses one unit of `budget`; nil once it is spent.
    static func fieldValue(_ node: Node, budget: inout Int) -> FieldValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            return node.null != nil && scalar.style == .plain ? .null : .scalar(scalar.string)
        case .sequence(let sequence):
            var items: [FieldValue] = []
            for item in sequence {
                guard let value = fieldValue(item, budget: &budget) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mapping(let mapping):
            var pairs: [(key: String, value: FieldValue)] = []
            for (key, value) in mapping {
                guard let converted = fieldValue(value, budget: &budget) else { return nil }
                pairs.append((key.string ?? "\(key)", converted))
            }
            return .mapping(pairs)
        case .alias:
            return .null
        }
    }

    private static func problem(from error: YamlError) -> FileProblem {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _):
            FileProblem(
                line: mark.line + 1,
                "the front matter is not valid YAML: \(problem) (column \(mark.column)); text with a colon or a quote is safest in double quotes"
            )
        default:
            FileProblem(line: 2, "the front matter is not valid YAML: \(error)")
        }
    }

    private struct Section {
        var field: RecordField
        var text: String
        var line: Int
    }

    /// Splits the body at `## ` headings. Text before the first heading, or a body with no heading at
    /// all, is the summary. An unknown or repeated heading is an error, so no text is silently dropped.
    private static func bodySections(_ lines: ArraySlice<Substring>, firstLine: Int) -> Result<[Section], FileProblem> {
        var sections: [Section] = []
        var current = Section(field: .summary, text: "", line: firstLine)
        var buffer: [Substring] = []
        var inPreamble = true
        func flush() {
            current.text = buffer.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !(inPreamble && current.text.isEmpty) { sections.append(current) }
            buffer = []
        }
        for (offset, line) in lines.enumerated() {
            guard line.hasPrefix("## ") else { buffer.append(line); continue }
            let number = firstLine + offset
            let heading = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            guard let match = Self.sections.first(where: { $0.heading.caseInsensitiveCompare(heading) == .orderedSame })
            else {
                return .failure(
                    FileProblem(
                        line: number,
                        "unknown section '## \(heading)' (expected: \(Self.sections.map { "'## \($0.heading)'" }.joined(separator: ", ")))"
                    ))
            }
            flush()
            if sections.contains(where: { $0.field == match.field }) {
                return .failure(
                    FileProblem(
                        line: number, field: match.field.rawValue,
                        "the section '## \(match.heading)' appears twice (text before the first heading counts as the summary)"
                    ))
            }
            current = Section(field: match.field, text: "", line: number)
            inPreamble = false
        }
        flush()
        return .success(sections)
    }
}
