/// A small strict JSON parser (RFC 8259) that yields `FieldValue`s and says where it stopped.
///
/// Written for our readers rather than using `JSONSerialization` so that numbers and Booleans keep
/// the text they were written with, object keys keep their order, and a syntax error names its column.
/// Complexity: O(n) in the length of the text.
struct JSONParser {
    struct SyntaxError: Error {
        /// 1-based column (in characters) where parsing stopped.
        var column: Int
        var message: String
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    private init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Parses one complete JSON value; anything but white space after it is an error.
    static func parse(_ text: String) throws(SyntaxError) -> FieldValue {
        var parser = JSONParser(text)
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.scalars.count {
            throw parser.error("unexpected text after the end of the JSON value")
        }
        return value
    }

    private static let maximumDepth = 64

    private func error(_ message: String) -> SyntaxError { SyntaxError(column: position + 1, message: message) }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            position += 1
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(SyntaxError) {
        guard current == scalar else {
            throw error(current == nil ? "the line ends where '\(scalar)' was expected" : "expected '\(scalar)'")
        }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> FieldValue {
        guard depth < Self.maximumDepth else { throw error("values are nested more than \(Self.maximumDepth) deep") }
        skipWhitespace()
        guard let scalar = current else { throw error("a value was expected but the line ends") }
        switch scalar {
        case "{": return try parseObject(depth: depth)
        case "[": return try parseArray(depth: depth)
        case "\"": return .scalar(try parseString())
        case "t": try parseWord("true"); return .scalar("true")
        case "f": try parseWord("false"); return .scalar("false")
        case "n": try parseWord("null"); return .null
        case "-", "0"..."9": return .scalar(try parseNumber())
        default: throw error("'\(scalar)' cannot start a JSON value")
        }
    }

    private mutating func parseWord(_ word: String) throws(SyntaxError) {
        for expected in word.unicodeScalars {
            guard current == expected else { throw error("expected '\(word)'") }
            position += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> FieldValue {
        position += 1
        var pairs: [(key: String, value: FieldValue)] = []
        skipWhitespace()
        if current == "}" { position += 1; return .mapping(pairs) }
        while true {
            skipWhitespace()
            guard current == "\"" else { throw error("expected a field name in double quotes") }
            let key = try parseString()
            if pairs.contains(where: { $0.key == key }) { throw error("the field '\(key)' appears twice") }
            skipWhitespace()
            try expect(":")
            pairs.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            if current == "," { position += 1; continue }
            if current == "}" { position += 1; return .mapping(pairs) }
            throw error(current == nil ? "the object is not closed with '}'" : "expected ',' or '}' after a field")
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> FieldValue {
        position += 1
        var items: [FieldValue] = []
        skipWhitespace()
        if current == "]" { position += 1; return .list(items) }
        while true {
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == "," { position += 1; continue }
            if current == "]" { position += 1; return .list(items) }
            throw error(current == nil ? "the list is not closed with ']'" : "expected ',' or ']' in a list")
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while let scalar = current {
            position += 1
            switch scalar {
            case "\"": return String(out)
            case "\\":
                guard let escaped = current else { break }
                position += 1
                switch escaped {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u": out.append(try parseUnicodeEscape())
                default: throw error("'\\\(escaped)' is not a JSON escape")
                }
            case _ where scalar.value < 0x20:
                throw error("a control character inside a string must be escaped")
            default: out.append(scalar)
            }
        }
        throw error("the string is not closed with '\"'")
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = current, let digit = Int(String(scalar), radix: 16) else {
                throw error("'\\u' needs four hexadecimal digits")
            }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func parseUnicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800..<0xDC00).contains(first) {
            guard current == "\\" else { throw error("a lone surrogate in '\\u' escape") }
            position += 1
            guard current == "u" else { throw error("a lone surrogate in '\\u' escape") }
            position += 1
            let second = try parseHex4()
            guard (0xDC00..<0xE000).contains(second) else { throw error("a lone surrogate in '\\u' escape") }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else { throw error("a lone surrogate in '\\u' escape") }
        return scalar
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = position
        if current == "-" { position += 1 }
        func digits(_ parser: inout JSONParser) -> Int {
            var count = 0
            while let scalar = parser.current, ("0"..."9").contains(scalar) { parser.position += 1; count += 1 }
            return count
        }
        guard digits(&self) > 0 else { throw error("a number needs digits") }
        if current == "." {
            position += 1
            guard digits(&self) > 0 else { throw error("a decimal point must be followed by digits") }
        }
        if current == "e" || current == "E" {
            position += 1
            if current == "+" || current == "-" { position += 1 }
            guard digits(&self) > 0 else { throw error("an exponent needs digits") }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<position])
        return String(text)
    }
}
