/// The control characters refused in record text: U+0000 (NUL) to U+001F except tab, line feed and
/// carriage return. No record needs them; SQLite keeps only the text before a NUL, while the index
/// would read all of it, and escape sequences in a title could rewrite a terminal that lists it.
enum ControlCharacters {
    /// What every message about a refused control character ends with.
    static let advice = "text may hold tabs and line breaks but no other control characters: remove it and import again"

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r"
    }

    /// The first refused character in `text`, with its 1-based position (in Unicode scalars).
    static func first(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isRefused(scalar) { return (scalar, position) }
        }
        return nil
    }

    /// "the control character U+0000 (NUL)".
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let names = [
            "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
            "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
        ]
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar.value < 0x20
            ? "the control character \(code) (\(names[Int(scalar.value)]))" : "the character \(code)"
    }

    /// `text` with every control character (C0, DEL and C1) written as an escape such as `\n` or
    /// `\u{1B}`, so that it can be shown in a message on one line.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension FieldValue {
    /// The first refused control character in any text this value holds: `path` says where (empty for
    /// the value itself or an item of a list of texts, `[2].basis` for a part of the second entry of a
    /// list of mappings), `position` is 1-based within that text.
    func firstControlCharacter() -> (path: String, scalar: Unicode.Scalar, position: Int)? {
        switch self {
        case .null:
            return nil
        case .scalar(let text):
            return ControlCharacters.first(in: text).map { ("", $0.scalar, $0.position) }
        case .list(let items):
            for (index, item) in items.enumerated() {
                guard let found = item.firstControlCharacter() else { continue }
                let step: String
                switch item {
                case .scalar, .null: step = ""
                case .list, .mapping: step = "[\(index + 1)]"
                }
                return (step + found.path, found.scalar, found.position)
            }
            return nil
        case .mapping(let pairs):
            for pair in pairs {
                if let found = ControlCharacters.first(in: pair.key) { return ("", found.scalar, found.position) }
                if let found = pair.value.firstControlCharacter() {
                    return ("." + pair.key + found.path, found.scalar, found.position)
                }
            }
            return nil
        }
    }
}
