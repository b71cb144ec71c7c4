internal import EvidenceCore

/// A field's value as a file states it, before any checking: a scalar kept as its text, a list, a
/// mapping, or nothing. Every reader produces these, so one `RecordBuilder` checks all formats alike.
indirect enum FieldValue: Sendable, Equatable {
    case null
    case scalar(String)
    case list([FieldValue])
    case mapping([(key: String, value: FieldValue)])

    static func == (lhs: FieldValue, rhs: FieldValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.scalar(a), .scalar(b)): a == b
        case let (.list(a), .list(b)): a == b
        case let (.mapping(a), .mapping(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The UTF-8 size of every text the value holds, for the field size limit.
    var byteCount: Int {
        switch self {
        case .null: 0
        case .scalar(let text): text.utf8.count
        case .list(let items): items.reduce(0) { $0 + $1.byteCount }
        case .mapping(let pairs): pairs.reduce(0) { $0 + $1.key.utf8.count + $1.value.byteCount }
        }
    }

    /// The value written as compact JSON text (keys in the order held).
    var jsonText: String {
        switch self {
        case .null: "null"
        case .scalar(let text): JSONString.quoted(text)
        case .list(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .mapping(let pairs):
            "{" + pairs.map { JSONString.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }
}
