public import EvidenceCore

/// Writes records in each format so that reading the output back gives identical records.
public enum RecordWriter {
    /// The whole export as one text, for the single-file formats (JSON Lines, CSV, RIS); for Markdown,
    /// the records' documents one after another (use `markdownDocument(for:)` to write one file each).
    public static func text(_ records: [EvidenceRecord], format: RecordFormat) -> String {
        switch format {
        case .jsonLines: records.map(jsonLine).joined()
        case .csv: csv(records)
        case .ris: records.map(risEntry).joined(separator: "\n")
        case .markdown: records.map(markdownDocument).joined(separator: "\n")
        }
    }

    /// One JSON object on one line, fields in the order of `RecordField`, ending in a newline.
    public static func jsonLine(_ record: EvidenceRecord) -> String {
        FieldValue.mapping(RecordFields.values(of: record).map { ($0.field.rawValue, $0.value) }).jsonText + "\n"
    }

    /// A header row of every field, then one row per record. Lists are joined with `;`; outcomes and
    /// source ratings are JSON arrays in their cells.
    static func csv(_ records: [EvidenceRecord]) -> String {
        var lines = [RecordField.allCases.map(\.rawValue).joined(separator: ",")]
        for record in records {
            let cells = RecordFields.values(of: record).map { field, value -> String in
                switch (field.shape, value) {
                case (_, .null): ""
                case (.textList, .list(let items)):
                    CSVRecordReader.joinList(items.compactMap { if case .scalar(let text) = $0 { text } else { nil } })
                case (.mappingList, _): value.isEmptyList ? "" : value.jsonText
                case (_, .scalar(let text)): text
                default: value.jsonText
                }
            }
            lines.append(cells.map(CSVTable.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A RIS entry: standard tags where RIS has them, the rest of our fields as JSON in an `N1` note.
    static func risEntry(_ record: EvidenceRecord) -> String {
        var lines = [
            "TY  - \(RISRecordReader.type(for: record.kind))", "ID  - \(record.id)", "TI  - \(oneLine(record.title))",
        ]
        lines += record.authors.map { "AU  - \(oneLine($0))" }
        if let year = record.year { lines.append("PY  - \(year)") }
        lines.append("AB  - \(oneLine(record.summary))")
        lines += record.topics.map { "KW  - \($0.rawValue)" }
        if !record.doi.isEmpty { lines.append("DO  - \(record.doi)") }
        if !record.url.isEmpty { lines.append("UR  - \(record.url)") }
        if !record.publisher.isEmpty { lines.append("PB  - \(oneLine(record.publisher))") }
        let inTags: Set<RecordField> = [.id, .title, .authors, .year, .summary, .topics, .doi, .url, .publisher]
        let rest = RecordFields.values(of: record).filter { !inTags.contains($0.field) }
        lines.append(
            "N1  - " + RISRecordReader.notePrefix
                + FieldValue.mapping(rest.map { ($0.field.rawValue, $0.value) }).jsonText)
        lines.append("ER  - ")
        return lines.joined(separator: "\n") + "\n"
    }

    /// RIS holds one line per tag; line breaks in a value would start a continuation, so they are kept
    /// only in the JSON note. Titles, names and abstracts are flattened to single spaces.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A Markdown record: YAML front matter with every structured field, then the three sections.
    public static func markdownDocument(for record: EvidenceRecord) -> String {
        let sectionFields: Set<RecordField> = [.summary, .findings, .practiceImplications]
        var lines = ["---"]
        for (field, value) in RecordFields.values(of: record) where !sectionFields.contains(field) {
            lines += YAMLText.lines(key: field.rawValue, value: value, indent: "")
        }
        lines.append("---")
        for (heading, field) in MarkdownRecordReader.sections {
            let text: String
            switch field {
            case .summary: text = record.summary
            case .findings: text = record.findings
            default: text = record.practiceImplications
            }
            if text.isEmpty && field != .summary { continue }
            lines += ["", "## \(heading)", "", text]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension FieldValue {
    var isEmptyList: Bool { if case .list(let items) = self { items.isEmpty } else { false } }
}
