internal import Foundation
internal import EvidenceCore

/// Turns a `RawRecord` from any reader into an `EvidenceRecord`, checking every field and saying, in
/// plain words with file, line and field, what is wrong or what default was taken.
///
/// Every id, whether given or made from a fallback (a Markdown file's name, RIS's author, year and title),
/// passes the one `RecordID` rule: a fallback that breaks it is made into a slug, with a warning, or
/// refused. No text field may hold a C0 control character other than tab, line feed and carriage return
/// (SQLite would keep only the text before a NUL while the index read all of it).
///
/// Required: an `id`, and a `title` or some text (`summary`, also accepted as `text` or `abstract`), so
/// the shared test collections, some of which have empty titles or texts, import as they are. Everything
/// else has a stated default; a missing title, text, `kind`, `year`, source (`url` or `doi`) or `topics`
/// is reported as a warning. A value outside a vocabulary, an impossible year or a field over `maximumFieldBytes`
/// is an error. Complexity: O(size of the record).
struct RecordBuilder {
    /// The largest value one field may hold, in UTF-8 bytes.
    static let maximumFieldBytes = 1_000_000
    /// The earliest year accepted.
    static let earliestYear = 1800

    /// An id to use when a record names none, and where it came from, for messages.
    struct FallbackID: Sendable {
        var text: String
        /// "the file name", "the first author, year and title".
        var source: String
    }

    /// The latest year accepted: next year, so a record "in press" still imports.
    let latestYear: Int
    /// Used when a record names no id (the file name of a Markdown record, or a slug made for RIS).
    var fallbackID: FallbackID?

    init(
        latestYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1,
        fallbackID: FallbackID? = nil
    ) {
        self.latestYear = latestYear
        self.fallbackID = fallbackID
    }

    func build(_ raw: RawRecord) -> (record: EvidenceRecord?, diagnostics: [IngestDiagnostic]) {
        var context = Context(raw: raw)
        let values = context.collectFields()
        let record = makeRecord(values, &context)
        let failed = context.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : record, context.diagnostics)
    }

    // MARK: - Checking field by field

    private func makeRecord(_ values: [RecordField: RawRecord.Entry], _ context: inout Context) -> EvidenceRecord {
        func text(_ field: RecordField) -> String {
            guard let entry = values[field] else { return "" }
            return context.text(entry, field: field)
        }
        func list(_ field: RecordField) -> [String] {
            guard let entry = values[field] else { return [] }
            return context.textList(entry, field: field)
        }

        var id = text(.id)
        if id.isEmpty {
            if context.refused.contains(.id) {
                // already reported as repeated or too large
            } else if let fallbackID, !fallbackID.text.isEmpty {
                id = self.id(from: fallbackID, &context)
            } else {
                context.fail(
                    .id, line: context.raw.line,
                    "every record needs an id (a slug such as 'fdac-london-evaluation-2011')")
            }
        } else if !RecordID.isValid(id) {
            context.fail(
                .id, line: values[.id]?.line,
                "'\(id)' is not a valid id: use lower-case letters and digits joined by single hyphens, at most \(RecordID.maximumLength) characters (for example '\(RecordID.slug(from: id))')"
            )
        }

        let title = text(.title)
        let summary = text(.summary)
        if title.isEmpty && summary.isEmpty {
            if !context.refused.contains(.title) && !context.refused.contains(.summary) {
                context.fail(
                    .title, line: values[.title]?.line ?? context.raw.line,
                    "every record needs a title or some text (a summary, also accepted as 'text' or 'abstract')")
            }
        } else if title.isEmpty {
            context.warn(.title, line: context.raw.line, "no title given")
        } else if summary.isEmpty && !context.refused.contains(.summary) {
            context.warn(
                .summary, line: context.raw.line, "no text given (a summary, also accepted as 'text' or 'abstract')")
        }

        let kind: EvidenceKind
        if let entry = values[.kind], !context.text(entry, field: .kind).isEmpty {
            kind = context.term(entry, field: .kind) ?? .unclassified
        } else {
            kind = .unclassified
            context.warn(.kind, line: context.raw.line, "no kind given; set to 'unclassified'")
        }

        var year: Int?
        let yearText = text(.year)
        if yearText.isEmpty {
            context.warn(.year, line: context.raw.line, "no year given")
        } else if let value = Int(yearText), (Self.earliestYear...latestYear).contains(value) {
            year = value
        } else {
            context.fail(
                .year, line: values[.year]?.line,
                "'\(yearText)' is not a possible year of publication (expected a whole number from \(Self.earliestYear) to \(latestYear))"
            )
        }

        let url = text(.url)
        let doi = normalisedDOI(text(.doi))
        if url.isEmpty && doi.isEmpty { context.warn(.url, line: context.raw.line, "no source given (url or doi)") }

        let topics: [Topic] = values[.topics].map { context.terms($0, field: .topics) } ?? []
        if topics.isEmpty { context.warn(.topics, line: context.raw.line, "no topics given") }
        let ageGroups: [AgeGroup] = values[.ageGroups].map { context.terms($0, field: .ageGroups) } ?? []

        let ukTested: UKTested =
            values[.ukTested].flatMap { entry in
                context.text(entry, field: .ukTested).isEmpty ? nil : context.term(entry, field: .ukTested)
            } ?? .unknown
        let learningWeight: LearningWeight? = values[.learningWeight].flatMap { entry in
            context.text(entry, field: .learningWeight).isEmpty ? nil : context.term(entry, field: .learningWeight)
        }

        var sourcesDisagree = false
        if let entry = values[.sourcesDisagree] {
            let flag = context.text(entry, field: .sourcesDisagree).lowercased()
            switch flag {
            case "", "false", "no", "0": sourcesDisagree = false
            case "true", "yes", "1": sourcesDisagree = true
            default: context.fail(.sourcesDisagree, line: entry.line, "'\(flag)' is not true or false")
            }
        }

        let lastChecked = text(.lastChecked)
        if !lastChecked.isEmpty && !isISODate(lastChecked) {
            context.fail(
                .lastChecked, line: values[.lastChecked]?.line, "'\(lastChecked)' is not a date written YYYY-MM-DD")
        }

        return EvidenceRecord(
            id: id, title: title, kind: kind, summary: summary, findings: text(.findings),
            practiceImplications: text(.practiceImplications), year: year, authors: list(.authors),
            publisher: text(.publisher), url: url, doi: doi, country: text(.country), ukTested: ukTested,
            topics: topics, ageGroups: ageGroups,
            outcomes: values[.outcomes].map { context.outcomes($0) } ?? [],
            learningWeight: learningWeight,
            sourceRatings: values[.sourceRatings].map { context.sourceRatings($0) } ?? [],
            sourcesDisagree: sourcesDisagree, caveats: list(.caveats), checking: list(.checking),
            lastChecked: lastChecked
        )
    }

    /// The id for a record that names none, under the same rule as a given id: the fallback as it is
    /// when valid, else a slug made from it (with a warning), else "" after an error.
    private func id(from fallback: FallbackID, _ context: inout Context) -> String {
        if RecordID.isValid(fallback.text) {
            context.warn(.id, line: context.raw.line, "no id given; using \(fallback.source) '\(fallback.text)'")
            return fallback.text
        }
        let shown = ControlCharacters.visible(fallback.text)
        let slug = RecordID.slug(from: fallback.text)
        guard RecordID.isValid(slug) else {
            context.fail(
                .id, line: context.raw.line,
                "no id given, and no valid id can be made from \(fallback.source) '\(shown)': add an 'id' (lower-case letters and digits joined by single hyphens, such as 'fdac-london-evaluation-2011')"
            )
            return ""
        }
        context.warn(
            .id, line: context.raw.line,
            "no id given, and \(fallback.source) '\(shown)' is not a valid id; using '\(slug)', made from it (add an 'id' to choose another)"
        )
        return slug
    }

    /// "https://doi.org/10.1/x" and "doi:10.1/x" become "10.1/x".
    private func normalisedDOI(_ text: String) -> String {
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] {
            if text.lowercased().hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
        }
        return text
    }

    private func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

// MARK: - Reading values, collecting diagnostics

extension RecordBuilder {
    fileprivate struct Context {
        let raw: RawRecord
        var diagnostics: [IngestDiagnostic] = []
        /// Fields given but refused (repeated or too large): already reported, so not "missing" too.
        var refused: Set<RecordField> = []

        init(raw: RawRecord) { self.raw = raw }

        mutating func fail(_ field: RecordField?, line: Int?, _ message: String, name: String? = nil) {
            diagnostics.append(
                IngestDiagnostic(
                    .error, file: raw.file, line: line ?? raw.line, field: name ?? field?.rawValue, message: message))
        }

        /// Records a warning, unless the field was refused: its error already says what is wrong.
        mutating func warn(_ field: RecordField?, line: Int?, _ message: String, name: String? = nil) {
            if let field, refused.contains(field) { return }
            diagnostics.append(
                IngestDiagnostic(
                    .warning, file: raw.file, line: line ?? raw.line, field: name ?? field?.rawValue, message: message))
        }

        /// Maps the file's names to fields; reports unknown names, repeats, oversized values and control characters.
        mutating func collectFields() -> [RecordField: RawRecord.Entry] {
            var values: [RecordField: RawRecord.Entry] = [:]
            for entry in raw.entries {
                if let control = ControlCharacters.first(in: entry.name) {
                    fail(
                        nil, line: entry.line,
                        "a field name holds \(ControlCharacters.describe(control.scalar)); \(ControlCharacters.advice)")
                    continue
                }
                guard let field = RecordField(name: entry.name) else {
                    warn(
                        nil, line: entry.line,
                        "unknown field, ignored (known fields: \(RecordField.allCases.map(\.rawValue).joined(separator: ", ")))",
                        name: entry.name)
                    continue
                }
                if let earlier = values[field] {
                    fail(
                        field, line: entry.line,
                        "given twice (first as '\(earlier.name)'\(earlier.line.map { " on line \($0)" } ?? ""))")
                    refused.insert(field)
                    continue
                }
                let size = entry.value.byteCount
                if size > RecordBuilder.maximumFieldBytes {
                    fail(
                        field, line: entry.line,
                        "the value is \(Self.megabytes(size)) long; the limit is \(Self.megabytes(RecordBuilder.maximumFieldBytes)) per field"
                    )
                    refused.insert(field)
                    continue
                }
                if let control = entry.value.firstControlCharacter() {
                    fail(
                        field, line: entry.line,
                        "holds \(ControlCharacters.describe(control.scalar)) at character \(control.position); \(ControlCharacters.advice)",
                        name: field.rawValue + control.path)
                    refused.insert(field)
                    continue
                }
                values[field] = entry
            }
            return values
        }

        static func megabytes(_ bytes: Int) -> String {
            let tenths = (bytes + 50_000) / 100_000
            return "\(tenths / 10).\(tenths % 10) MB"
        }

        mutating func text(_ entry: RawRecord.Entry, field: RecordField, name: String? = nil) -> String {
            switch entry.value {
            case .null: return ""
            case .scalar(let text): return text.trimmedOfWhiteSpace
            case .list, .mapping:
                fail(
                    field, line: entry.line,
                    "expected a single value, found a \(entry.value.isList ? "list" : "mapping")", name: name)
                return ""
            }
        }

        /// A list given as a list, or a single value taken as a list of one.
        mutating func textList(_ entry: RawRecord.Entry, field: RecordField) -> [String] {
            switch entry.value {
            case .null: return []
            case .scalar(let text):
                let trimmed = text.trimmedOfWhiteSpace
                return trimmed.isEmpty ? [] : [trimmed]
            case .list(let items):
                var result: [String] = []
                for item in items {
                    guard case .scalar(let text) = item else {
                        fail(
                            field, line: entry.line,
                            "expected a list of texts, found a nested \(item.isList ? "list" : "mapping")")
                        continue
                    }
                    let trimmed = text.trimmedOfWhiteSpace
                    if !trimmed.isEmpty { result.append(trimmed) }
                }
                return result
            case .mapping:
                fail(field, line: entry.line, "expected a list, found a mapping")
                return []
            }
        }

        mutating func term<Term: ControlledTerm>(
            _ entry: RawRecord.Entry, field: RecordField, name: String? = nil
        ) -> Term? {
            let value = text(entry, field: field, name: name)
            guard !value.isEmpty else { return nil }
            do { return try Term.parse(value) } catch {
                fail(field, line: entry.line, error.description, name: name)
                return nil
            }
        }

        mutating func terms<Term: ControlledTerm>(_ entry: RawRecord.Entry, field: RecordField) -> [Term] {
            var seen = Set<Term>()
            var result: [Term] = []
            for value in textList(entry, field: field) {
                do {
                    let term = try Term.parse(value)
                    if seen.insert(term).inserted { result.append(term) }
                } catch {
                    fail(field, line: entry.line, error.description)
                }
            }
            return result
        }

        /// The mappings of a list of mappings, each as entries named by its keys.
        mutating func mappings(_ entry: RawRecord.Entry, field: RecordField) -> [[String: RawRecord.Entry]] {
            let items: [FieldValue]
            switch entry.value {
            case .null: return []
            case .list(let list): items = list
            case .mapping: items = [entry.value]
            case .scalar(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: return []
            case .scalar:
                fail(field, line: entry.line, "expected a list of entries, each with named parts")
                return []
            }
            var result: [[String: RawRecord.Entry]] = []
            for (index, item) in items.enumerated() {
                guard case .mapping(let pairs) = item else {
                    fail(field, line: entry.line, "entry \(index + 1) is not a mapping of named parts")
                    continue
                }
                var parts: [String: RawRecord.Entry] = [:]
                for pair in pairs {
                    parts[RecordField.normalisedName(pair.key)] = RawRecord.Entry(
                        name: pair.key, value: pair.value, line: entry.line)
                }
                result.append(parts)
            }
            return result
        }

        mutating func outcomes(_ entry: RawRecord.Entry) -> [OutcomeEvidence] {
            var result: [OutcomeEvidence] = []
            for (index, parts) in mappings(entry, field: .outcomes).enumerated() {
                let label = "outcomes[\(index + 1)]"
                reportUnknownParts(
                    parts, known: ["outcome", "strength", "direction", "basis"], label: label, line: entry.line)
                let name = parts["outcome"].map { text($0, field: .outcomes, name: label + ".outcome") } ?? ""
                if name.isEmpty {
                    fail(
                        .outcomes, line: entry.line, "each outcome needs an 'outcome' naming what was measured",
                        name: label)
                }
                guard let strengthEntry = parts["strength"] else {
                    fail(
                        .outcomes, line: entry.line,
                        "missing 'strength' (one of: \(EvidenceStrength.allValues.joined(separator: ", ")))",
                        name: label)
                    continue
                }
                guard let directionEntry = parts["direction"] else {
                    fail(
                        .outcomes, line: entry.line,
                        "missing 'direction' (one of: \(EffectDirection.allValues.joined(separator: ", ")))",
                        name: label)
                    continue
                }
                let strength: EvidenceStrength? = term(strengthEntry, field: .outcomes, name: label + ".strength")
                let direction: EffectDirection? = term(directionEntry, field: .outcomes, name: label + ".direction")
                let basis = parts["basis"].map { text($0, field: .outcomes, name: label + ".basis") } ?? ""
                if let strength, let direction, !name.isEmpty {
                    result.append(
                        OutcomeEvidence(outcome: name, strength: strength, direction: direction, basis: basis))
                }
            }
            return result
        }

        mutating func sourceRatings(_ entry: RawRecord.Entry) -> [SourceRating] {
            var result: [SourceRating] = []
            for (index, parts) in mappings(entry, field: .sourceRatings).enumerated() {
                let label = "sourceRatings[\(index + 1)]"
                reportUnknownParts(parts, known: ["scale", "value", "asof", "url"], label: label, line: entry.line)
                func part(_ key: String) -> String {
                    parts[key].map { text($0, field: .sourceRatings, name: label + "." + key) } ?? ""
                }
                let scale = part("scale"), value = part("value")
                if scale.isEmpty || value.isEmpty {
                    fail(.sourceRatings, line: entry.line, "each rating needs a 'scale' and a 'value'", name: label)
                    continue
                }
                result.append(SourceRating(scale: scale, value: value, asOf: part("asof"), url: part("url")))
            }
            return result
        }

        private mutating func reportUnknownParts(
            _ parts: [String: RawRecord.Entry], known: Set<String>, label: String, line: Int?
        ) {
            for (key, part) in parts.sorted(by: { $0.key < $1.key }) where !known.contains(key) {
                fail(
                    nil, line: line,
                    "unknown part '\(part.name)' (expected: \(known.sorted().joined(separator: ", ")))", name: label)
            }
        }
    }
}

extension FieldValue {
    var isList: Bool { if case .list = self { true } else { false } }
}
