/// Splits text into words following the word-boundary rules of Unicode Standard Annex #29 that matter
/// for search: letters and digits join (WB5, WB8–WB10); a letter, a mid-word mark (`'`, `’`, `.`, `·`)
/// and a letter stay one word ("mum's", "e.g"); a digit, a separator (`.`, `,`, `;`) and a digit stay
/// one number ("3.5", "1,000") (WB6–WB7, WB11–WB12); `_` joins (WB13a–b); combining marks stay with
/// the letter before them (WB4). Ideographs are words of one character. Everything else separates.
/// Unlike the annex, a colon does not join letters ("Summary:text" is two words).
///
/// Offsets are UTF-8 byte offsets into the text, for highlights and snippets. Complexity: O(n).
enum WordSegmenter {
    struct Word: Equatable {
        var text: Substring
        /// UTF-8 offset of the first byte.
        var start: Int
        /// UTF-8 offset just past the last byte.
        var end: Int
    }

    enum Class: Equatable {
        case letter, digit, ideograph, midLetter, midNumLet, midNum, extendNumLet, extend, other
    }

    static func classify(_ scalar: Unicode.Scalar) -> Class {
        switch scalar.value {
        case 0x61...0x7A, 0x41...0x5A: return .letter
        case 0x30...0x39: return .digit
        case 0x27, 0x2E, 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E: return .midNumLet
        case 0xB7, 0x387, 0x5F4, 0x2027, 0xFE13, 0xFE55: return .midLetter
        case 0x2C, 0x3B, 0x37E, 0x589, 0x60C, 0x60D, 0x66C, 0x7F8, 0x2044, 0xFE10, 0xFE14, 0xFE50, 0xFE54, 0xFF0C,
            0xFF1B:
            return .midNum
        case 0x5F: return .extendNumLet
        case 0...0x7F: return .other
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return .extend
        case .decimalNumber: return .digit
        case .connectorPunctuation: return .extendNumLet
        default: break
        }
        if properties.isIdeographic { return .ideograph }
        if properties.isAlphabetic { return .letter }
        return .other
    }

    /// Classes of the ASCII characters, looked up instead of computed.
    private static let asciiClasses: [Class] = (0..<128).map { classify(Unicode.Scalar(UInt8($0))) }

    static func words(in text: String) -> [Word] {
        var text = text
        text.makeContiguousUTF8()
        let ranges =
            text.utf8.withContiguousStorageIfAvailable(wordRanges)
            ?? wordRanges(Array(text.utf8).withUnsafeBufferPointer { $0 })
        let utf8 = text.utf8
        var words: [Word] = []
        words.reserveCapacity(ranges.count)
        var cursor = utf8.startIndex, cursorOffset = 0
        for range in ranges {
            let lower = utf8.index(cursor, offsetBy: range.lowerBound - cursorOffset)
            let upper = utf8.index(lower, offsetBy: range.count)
            words.append(Word(text: text[lower..<upper], start: range.lowerBound, end: range.upperBound))
            cursor = upper
            cursorOffset = range.upperBound
        }
        return words
    }

    /// The byte ranges of the words in UTF-8 `bytes`. One pass, decoding as it goes. O(n).
    static func wordRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let count = bytes.count
        /// The class of the scalar at `i` and the index after it (invalid UTF-8 counts as `other`).
        func scalar(at i: Int) -> (Class, Int) {
            let lead = bytes[i]
            if lead < 0x80 { return (asciiClasses[Int(lead)], i + 1) }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            guard length > 1, i + length <= count else { return (.other, i + 1) }
            var value = UInt32(lead) & (0xFF >> (length + 1))
            for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            return (Unicode.Scalar(value).map(classify) ?? .other, i + length)
        }
        /// The index after `i` and any combining marks that follow it.
        func skipExtends(_ i: Int) -> Int {
            var j = i
            while j < count {
                let (kind, next) = scalar(at: j)
                guard kind == .extend else { break }
                j = next
            }
            return j
        }

        var ranges: [Range<Int>] = []
        var i = 0
        while i < count {
            let (kind, afterScalar) = scalar(at: i)
            if kind == .ideograph {
                let end = skipExtends(afterScalar)
                ranges.append(i..<end)
                i = end
                continue
            }
            guard kind == .letter || kind == .digit || kind == .extendNumLet else { i = afterScalar; continue }
            let start = i
            var last = kind
            var hasLetterOrDigit = kind != .extendNumLet
            var end = skipExtends(afterScalar)
            while end < count {
                let (current, afterCurrent) = scalar(at: end)
                if current == .letter || current == .digit || current == .extendNumLet {
                    last = current
                    hasLetterOrDigit = hasLetterOrDigit || current != .extendNumLet
                    end = skipExtends(afterCurrent)
                    continue
                }
                guard current == .midLetter || current == .midNumLet || current == .midNum else { break }
                let afterMark = skipExtends(afterCurrent)
                guard afterMark < count else { break }
                let (following, _) = scalar(at: afterMark)
                let joinsLetters = last == .letter && following == .letter && current != .midNum
                let joinsDigits = last == .digit && following == .digit && current != .midLetter
                guard joinsLetters || joinsDigits else { break }
                end = afterMark
            }
            if hasLetterOrDigit { ranges.append(start..<end) }
            i = end
        }
        return ranges
    }
}
