/// The fields of an evidence record as they appear in files, with the other names people use for them.
///
/// One table for every reader and writer: the CSV reader uses `shape` to split list cells, the builder
/// uses `init(name:)` to accept `text` for `summary` or `uk_tested` for `ukTested`.
enum RecordField: String, CaseIterable, Sendable {
    case id, title, kind, summary, findings, practiceImplications, year, authors, publisher, url, doi
    case country, ukTested, topics, ageGroups, outcomes, learningWeight, sourceRatings, sourcesDisagree
    case caveats, checking, lastChecked

    enum Shape {
        /// One piece of text.
        case text
        /// A list of texts (CSV: items separated by `;`).
        case textList
        /// A list of mappings (CSV: a JSON array in the cell).
        case mappingList
    }

    var shape: Shape {
        switch self {
        case .authors, .topics, .ageGroups, .caveats, .checking: .textList
        case .outcomes, .sourceRatings: .mappingList
        default: .text
        }
    }

    /// Other names accepted on import, compared after `normalisedName`.
    private var aliases: [String] {
        switch self {
        case .summary: ["text", "abstract"]
        case .practiceImplications: ["whatthismeansforpractice", "practice", "implications"]
        case .authors: ["author"]
        case .topics: ["topic"]
        case .ageGroups: ["agegroup", "ages"]
        case .sourceRatings: ["ratings"]
        default: []
        }
    }

    /// Finds the field a file calls `name`, ignoring case, `_`, `-` and spaces.
    init?(name: String) {
        let wanted = Self.normalisedName(name)
        guard
            let field = Self.allCases.first(where: {
                Self.normalisedName($0.rawValue) == wanted || $0.aliases.contains(wanted)
            })
        else { return nil }
        self = field
    }

    static func normalisedName(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
}

/// A record as a file states it, before checking: its fields in file order, each with its line.
struct RawRecord: Sendable {
    struct Entry: Sendable {
        var name: String
        var value: FieldValue
        var line: Int?
    }

    var file: String
    /// The line where the record starts.
    var line: Int?
    var entries: [Entry] = []

    mutating func append(_ name: String, _ value: FieldValue, line: Int? = nil) {
        entries.append(Entry(name: name, value: value, line: line))
    }
}
