internal import Foundation
internal import EvidenceCore

/// Reads RIS as EndNote and Zotero export it: lines `TY  - JOUR`, one tag and value per line, each record
/// ending with `ER  -`.
///
/// Tags used: TY (type, mapped to a kind), ID, TI/T1 (title), AU/A1 (authors), PY/Y1 (year), AB/N2
/// (abstract, the summary), KW (keywords: those that name a topic become topics), DO, UR, JO/T2, PB, and
/// an `N1` note starting `EvidenceEngine:` holding the rest of our fields as JSON (what `evidence export
/// --format ris` writes). Lines without a tag continue the previous value. A record with no ID gets one
/// made from its first author, year and title. Complexity: O(file size).
struct RISRecordReader: RecordReader {
    static let notePrefix = "EvidenceEngine:"

    func read(_ file: TextFile, path: String) -> [ReaderOutput] {
        var outputs: [ReaderOutput] = []
        var tags: [(tag: String, value: String, line: Int)] = []
        var startLine: Int?

        for (index, rawLine) in file.lines.enumerated() {
            let number = index + 1
            let line = String(rawLine)
            guard let (tag, value) = Self.splitTag(line) else {
                if line.allSatisfy(\.isWhitespace) { continue }
                if startLine != nil, !tags.isEmpty {
                    tags[tags.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                } else {
                    outputs.append(
                        .problem(
                            FileProblem(
                                line: number,
                                "text outside a record; each record starts with 'TY  - ' and ends with 'ER  - '")))
                }
                continue
            }
            switch tag {
            case "TY":
                if let open = startLine {
                    outputs.append(
                        .problem(
                            FileProblem(
                                line: open,
                                "the record starting here has no 'ER  - ' line before the next 'TY' on line \(number)"))
                    )
                }
                startLine = number
                tags = [(tag, value, number)]
            case "ER":
                guard let open = startLine else {
                    outputs.append(.problem(FileProblem(line: number, "'ER' without a record started by 'TY'")))
                    continue
                }
                outputs.append(contentsOf: makeRecord(tags, path: path, line: open))
                startLine = nil
                tags = []
            default:
                if startLine == nil {
                    outputs.append(
                        .problem(
                            FileProblem(
                                line: number, "the tag \(tag) comes before any 'TY  - ' line that starts a record")))
                } else {
                    tags.append((tag, value, number))
                }
            }
        }
        if let open = startLine {
            outputs.append(
                .problem(
                    FileProblem(line: open, "the record starting here has no 'ER  - ' line: the file ends inside it")))
        }
        return outputs
    }

    /// "AU  - Harwin, J." → ("AU", "Harwin, J."): a capital, a capital or digit, two spaces, a hyphen.
    static func splitTag(_ line: String) -> (String, String)? {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count >= 5, ("A"..."Z").contains(scalars[0]),
            ("A"..."Z").contains(scalars[1]) || ("0"..."9").contains(scalars[1]),
            scalars[2] == " ", scalars[3] == " ", scalars[4] == "-"
        else { return nil }
        var value = String.UnicodeScalarView()
        value.append(contentsOf: scalars[5...])
        return (String(line.prefix(2)), String(value).trimmingCharacters(in: .whitespaces))
    }

    private func makeRecord(
        _ tags: [(tag: String, value: String, line: Int)], path: String, line: Int
    ) -> [ReaderOutput] {
        var raw = RawRecord(file: path, line: line)
        var outputs: [ReaderOutput] = []
        var authors: [FieldValue] = []
        var topics: [FieldValue] = []
        var keywords: [String] = []
        var kindFromType: EvidenceKind?
        var typeLine = line
        var hasKindInNote = false
        var title = "", year = "", firstAuthor = ""

        for (tag, value, number) in tags where !value.isEmpty {
            switch tag {
            case "TY":
                typeLine = number
                kindFromType = Self.kind(forType: value)
            case "ID": raw.append("id", .scalar(value), line: number)
            case "TI", "T1":
                title = value
                raw.append("title", .scalar(value), line: number)
            case "AU", "A1":
                if firstAuthor.isEmpty { firstAuthor = value }
                authors.append(.scalar(value))
            case "PY", "Y1":
                guard year.isEmpty else { continue }
                year = String(value.prefix { $0.isNumber })
                raw.append("year", .scalar(year), line: number)
            case "AB", "N2": raw.append("summary", .scalar(value), line: number)
            case "KW":
                if let topic = Topic(lenient: value) {
                    topics.append(.scalar(topic.rawValue))
                } else {
                    keywords.append(value)
                }
            case "DO": raw.append("doi", .scalar(value), line: number)
            case "UR": raw.append("url", .scalar(value), line: number)
            case "PB": raw.append("publisher", .scalar(value), line: number)
            case "JO", "T2", "JF", "JA":
                if !raw.entries.contains(where: { $0.name == "publisher" }) {
                    raw.append("publisher", .scalar(value), line: number)
                }
            case "N1" where value.hasPrefix(Self.notePrefix):
                do {
                    guard
                        case .mapping(let pairs) = try JSONParser.parse(String(value.dropFirst(Self.notePrefix.count)))
                    else {
                        outputs.append(
                            .problem(
                                FileProblem(
                                    line: number, field: "N1", "the EvidenceEngine note must hold a JSON object")))
                        continue
                    }
                    for pair in pairs {
                        if RecordField(name: pair.key) == .kind { hasKindInNote = true }
                        raw.append(pair.key, pair.value, line: number)
                    }
                } catch {
                    outputs.append(
                        .problem(
                            FileProblem(
                                line: number, field: "N1",
                                "the EvidenceEngine note is not valid JSON: \(error.message) at column \(error.column)")
                        ))
                }
            default: break
            }
        }
        if !authors.isEmpty { raw.append("authors", .list(authors), line: line) }
        if !topics.isEmpty { raw.append("topics", .list(topics), line: line) }
        if !hasKindInNote {
            if let kindFromType {
                raw.append("kind", .scalar(kindFromType.rawValue), line: typeLine)
            } else {
                outputs.append(
                    .warning(
                        FileProblem(
                            line: typeLine, field: "TY",
                            "the RIS type '\(tags.first?.value ?? "")' does not say which kind of evidence this is; set to 'unclassified'"
                        )))
                raw.append("kind", .scalar(EvidenceKind.unclassified.rawValue), line: typeLine)
            }
        }
        if !keywords.isEmpty {
            outputs.append(
                .warning(
                    FileProblem(
                        line: line, field: "KW",
                        "keywords that are not topics were left out: \(keywords.joined(separator: "; "))")))
        }
        let surname = firstAuthor.split(separator: ",").first.map(String.init) ?? ""
        let fallback = RecordID.slug(
            from: [surname, year, title.split(separator: " ").prefix(6).joined(separator: " ")].joined(separator: " "))
        outputs.append(
            .record(
                raw, fallbackID: RecordBuilder.FallbackID(text: fallback, source: "the first author, year and title")))
        return outputs
    }

    /// RIS reference types whose meaning fixes our kind. Journal articles, books and reports can be any
    /// kind of research, so they are left unclassified (with a warning) rather than guessed.
    static func kind(forType type: String) -> EvidenceKind? {
        switch type.uppercased() {
        case "GOVDOC", "LEGAL", "STAND", "STAT", "BILL", "HEAR": .guidance
        case "DATA", "DBASE", "AGGR": .statistics
        default: nil
        }
    }

    /// The RIS type written for each kind on export (the exact kind goes in the note).
    static func type(for kind: EvidenceKind) -> String {
        switch kind {
        case .impactStudy, .systematicReview, .implementationOrQualitative: "JOUR"
        case .programme, .practiceLearning, .livedExperience: "RPRT"
        case .guidance: "GOVDOC"
        case .statistics: "DATA"
        case .unclassified: "GEN"
        }
    }
}
