/// The fields of an `application/x-www-form-urlencoded` body or query string: `a=1&b=x+y` → a: ["1"], b: ["x y"].
struct FormFields {
    private(set) var values: [String: [String]] = [:]

    /// Reads the fields; a `%XX` escape that leaves bytes which are not UTF-8 text is a bad request.
    init(_ encoded: String) throws(WebError) {
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = parts.first else { continue }
            let name = try Self.decode(first)
            guard !name.isEmpty else { continue }
            values[name, default: []].append(parts.count > 1 ? try Self.decode(parts[1]) : "")
        }
    }

    /// The first value of a field, trimmed; nil when absent or empty.
    subscript(name: String) -> String? {
        guard let value = values[name]?.first?.trimmingSpaces, !value.isEmpty else { return nil }
        return value
    }

    /// `+` is a space; `%XX` is a byte; invalid escapes are kept as written. Bytes that are not UTF-8
    /// text once decoded are a bad request.
    static func decode(_ text: Substring) throws(WebError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
                high < utf8.endIndex,
                let low = utf8.index(high, offsetBy: 1, limitedBy: utf8.endIndex), low < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = low
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .badRequest("the form is not valid: a %-escape in it does not decode to UTF-8 text")
        }
        return decoded
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
