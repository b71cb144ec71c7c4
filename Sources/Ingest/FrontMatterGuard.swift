internal import Foundation

/// Checks front matter before Yams parses it, and refuses what no record needs but an attacker could
/// use to make reading a small file take gigabytes or minutes: YAML anchors (`&name`) and aliases
/// (`*name`), with which nine lines can stand for hundreds of millions of values ("billion laughs"), and
/// collections nested more than `maximumDepth` deep.
///
/// A small scanner, not a YAML parser: it follows quotes, comments, block scalars (`|`, `>`), plain
/// values that run on over several lines and flow collections (`[…]`, `{…}`) only as far as needed to
/// know where a value may start, since only there can `&` or `*` begin an anchor or an alias. So
/// `Smith & Jones` and `"*emphasis*"` pass. Where it cannot be sure, it refuses: the message says to put
/// such a text in double quotes. Complexity: O(length of the front matter).
struct FrontMatterGuard {
    /// The deepest nesting of lists and mappings accepted; records use three levels at most.
    static let maximumDepth = 64

    /// The first problem in the front-matter lines, with its file line (`firstLine` is the file line of
    /// the first of `lines`) and the top-level field it is under; nil when there is none.
    static func problem(in lines: ArraySlice<Substring>, firstLine: Int) -> FileProblem? {
        var scanner = FrontMatterGuard()
        for (offset, line) in lines.enumerated() {
            if let message = scanner.scan(Array(line.utf8)) {
                return FileProblem(line: firstLine + offset, field: scanner.topLevelKey, message)
            }
        }
        return nil
    }

    private enum Mode {
        /// Where a value (or a key) may start: the only place `&` and `*` are indicators.
        case valueStart
        /// Inside a plain (unquoted) value.
        case plain
        /// Just after a quoted value or a closed flow collection.
        case afterValue
        case doubleQuoted
        case singleQuoted
    }

    private var mode = Mode.valueStart
    /// Open `[` and `{`.
    private var flowDepth = 0
    /// While inside a block scalar: the column its parent starts at; lines indented further belong to it.
    private var blockScalarParent: Int?
    /// For a plain value left open at the end of a line: the column its parent starts at; a following
    /// line indented further continues the value.
    private var plainParent = 0
    /// The indentations of the open block collections.
    private var indents: [Int] = []
    /// The column where the current entry (a key, or a `-` or `?` item) starts on this line.
    private var entryColumn = 0
    /// The column where the latest value started, which becomes the entry's column if a `:` follows.
    private var valueColumn = 0
    /// The latest key at the left margin, to name the field in a message.
    private(set) var topLevelKey: String?

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{")
            || byte == UInt8(ascii: "}")
    }

    /// Scans one line; returns a message when the line holds something refused.
    private mutating func scan(_ bytes: [UInt8]) -> String? {
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        let blank = bytes.allSatisfy(Self.isBlank)
        if let parent = blockScalarParent {
            if blank || indent > parent { return nil }
            blockScalarParent = nil
        }
        var index = 0
        switch mode {
        case .doubleQuoted, .singleQuoted:
            break
        case .plain where flowDepth > 0:
            break
        case .plain where blank:
            return nil  // a blank line inside a plain value folds into it
        case .plain where indent > plainParent && bytes[indent] != UInt8(ascii: "#"):
            index = indent  // the value goes on
        case .valueStart where flowDepth > 0, .afterValue where flowDepth > 0:
            break
        default:
            mode = .valueStart
            if !blank && bytes[indent] != UInt8(ascii: "#") {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                if indents.count > Self.maximumDepth { return Self.tooDeep }
            }
            entryColumn = indent
        }

        var depthOnLine = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            let nextEndsToken = next.map { Self.isBlank($0) || (flowDepth > 0 && Self.isFlowIndicator($0)) } ?? true
            switch mode {
            case .doubleQuoted:
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { mode = .afterValue }
                index += 1
            case .singleQuoted:
                if byte == UInt8(ascii: "'") {
                    if next == UInt8(ascii: "'") { index += 2; continue }
                    mode = .afterValue
                }
                index += 1
            case .plain:
                if byte == UInt8(ascii: ":") && nextEndsToken {
                    keyEnds(at: index, in: bytes)
                } else if Self.isBlank(byte) && next == UInt8(ascii: "#") {
                    mode = .afterValue
                    return nil  // the rest is a comment
                } else if flowDepth > 0 && Self.isFlowIndicator(byte) {
                    mode = .afterValue
                    continue  // read the indicator again, after the value
                }
                index += 1
            case .afterValue:
                if byte == UInt8(ascii: "#") { return nil }
                if byte == UInt8(ascii: ":") {
                    keyEnds(at: index, in: bytes)
                    index += 1
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    flowDepth = max(0, flowDepth - 1)
                    index += 1
                } else if byte == UInt8(ascii: ",") && flowDepth > 0 {
                    mode = .valueStart
                    index += 1
                } else if Self.isBlank(byte) {
                    index += 1
                } else {
                    mode = .valueStart  // not valid YAML; read it as a new value, so nothing is missed
                }
            case .valueStart:
                switch byte {
                case _ where Self.isBlank(byte):
                    index += 1
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    return Self.anchorMessage(bytes[index...])
                case UInt8(ascii: "#"):
                    return nil  // a comment
                case UInt8(ascii: "!"):
                    // A tag: the value (or an anchor) follows it.
                    while index < bytes.count && !Self.isBlank(bytes[index])
                        && !(flowDepth > 0 && Self.isFlowIndicator(bytes[index]))
                    { index += 1 }
                case UInt8(ascii: "-") where nextEndsToken && flowDepth == 0, UInt8(ascii: "?") where nextEndsToken:
                    if flowDepth == 0 { entryColumn = index }
                    depthOnLine += 1
                    if indents.count + depthOnLine > Self.maximumDepth { return Self.tooDeep }
                    index += 1
                case UInt8(ascii: ":") where nextEndsToken:
                    keyEnds(at: index, in: bytes)
                    index += 1
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    if flowDepth + indents.count > Self.maximumDepth { return Self.tooDeep }
                    index += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                    mode = .afterValue
                    index += 1
                case UInt8(ascii: ",") where flowDepth > 0:
                    index += 1
                case UInt8(ascii: "\""):
                    valueColumn = index
                    mode = .doubleQuoted
                    index += 1
                case UInt8(ascii: "'"):
                    valueColumn = index
                    mode = .singleQuoted
                    index += 1
                case UInt8(ascii: "|") where flowDepth == 0, UInt8(ascii: ">") where flowDepth == 0:
                    // A block scalar: the rest of this line is its header, the lines indented past its parent its text.
                    blockScalarParent = entryColumn
                    return nil
                default:
                    valueColumn = index
                    mode = .plain
                    index += 1
                }
            }
        }
        if mode == .plain && flowDepth == 0 { plainParent = entryColumn }
        return nil
    }

    /// A `:` at `index` ends a key: the entry now starts where the key did, and a value may follow.
    private mutating func keyEnds(at index: Int, in bytes: [UInt8]) {
        if flowDepth == 0 {
            entryColumn = valueColumn
            if valueColumn == 0 {
                let key = String(decoding: bytes[0..<index], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                topLevelKey =
                    key.count >= 2 && (key.hasPrefix("\"") || key.hasPrefix("'"))
                    ? String(key.dropFirst().dropLast()) : key
            }
        }
        mode = .valueStart
    }

    private static var tooDeep: String {
        "the front matter's values are nested more than \(maximumDepth) deep; a record needs no more than three levels"
    }

    /// The message for an anchor or alias starting `text`, naming it (cut short if long).
    private static func anchorMessage(_ text: ArraySlice<UInt8>) -> String {
        let token = String(decoding: text.prefix { !isBlank($0) && !isFlowIndicator($0) }.prefix(40), as: UTF8.self)
        let what = token.hasPrefix("&") ? "an anchor '\(token)'" : "an alias '\(token)'"
        return "the front matter uses \(what): YAML anchors (&name) and aliases (*name) are not accepted in records, "
            + "since one alias can stand for any amount of text. Write each value out in full, and put a text that starts with & or * in double quotes"
    }
}
