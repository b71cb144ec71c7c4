internal import EvidenceCore

/// Writes `FieldValue`s as YAML that `MarkdownRecordReader` reads back to the same values: block style
/// for lists of mappings, flow style for lists of texts, and a double-quoted (JSON-style) scalar
/// whenever a plain one could be misread.
enum YAMLText {
    static func lines(key: String, value: FieldValue, indent: String) -> [String] {
        switch value {
        case .null: return ["\(indent)\(key):"]
        case .scalar(let text): return ["\(indent)\(key): \(scalar(text))"]
        case .list(let items):
            if items.isEmpty { return ["\(indent)\(key): []"] }
            if items.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
                let texts = items.map { if case .scalar(let text) = $0 { scalar(text) } else { "" } }
                return ["\(indent)\(key): [\(texts.joined(separator: ", "))]"]
            }
            var out = ["\(indent)\(key):"]
            for item in items {
                guard case .mapping(let pairs) = item else { out.append("\(indent)  - \(item.jsonText)"); continue }
                for (index, pair) in pairs.enumerated() {
                    let inner = lines(key: pair.key, value: pair.value, indent: indent + "    ")
                    for (lineIndex, line) in inner.enumerated() {
                        if index == 0 && lineIndex == 0 {
                            out.append(indent + "  - " + line.dropFirst(indent.count + 4))
                        } else {
                            out.append(line)
                        }
                    }
                }
            }
            return out
        case .mapping(let pairs):
            return ["\(indent)\(key):"] + pairs.flatMap { lines(key: $0.key, value: $0.value, indent: indent + "  ") }
        }
    }

    /// Plain when made only of lower-case letters, digits, `_` and `-` (ids, vocabulary words, years,
    /// dates) and not a word YAML reads as null; double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        let plain =
            !text.isEmpty && text != "null" && text != "~" && !text.hasPrefix("-")
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
        return plain ? text : JSONString.quoted(text)
    }
}
