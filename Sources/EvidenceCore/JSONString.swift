/// JSON string literals, as RFC 8259 asks: the quote, the backslash and the control characters below
/// U+0020 escaped (`\n`, `\r`, `\t`, else `\u00XX`), everything else copied as UTF-8. One rule for every
/// JSON this project writes. O(length).
public enum JSONString {
    /// Appends `text` as a JSON string literal, quotes included. Text with nothing to escape is copied whole.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        bytes.append(quote)
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == quote || $0 == backslash }) {
            bytes.append(contentsOf: text.utf8)
        } else {
            let hex = Array("0123456789abcdef".utf8)
            for byte in text.utf8 {
                switch byte {
                case quote, backslash: bytes += [backslash, byte]
                case UInt8(ascii: "\n"): bytes += [backslash, UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): bytes += [backslash, UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): bytes += [backslash, UInt8(ascii: "t")]
                case 0..<0x20:
                    bytes += [
                        backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                        hex[Int(byte & 0xF)],
                    ]
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(quote)
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
