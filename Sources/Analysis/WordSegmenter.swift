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
        case 0x2C, 0x3B, 0x37E, 0x589, 0x60C, 0x60D, 0x66C, 0x7F8, 0x2044, 0xFE10, 0xFE14, 0xFE50, 0xFE54, 0xFF0C, 0xFF1B: return .midNum
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

    static func words(in text: String) -> [Word] {
        let scalars = Array(text.unicodeScalars)
        var offsets = [Int](repeating: 0, count: scalars.count + 1)
        for (index, scalar) in scalars.enumerated() { offsets[index + 1] = offsets[index] + UTF8.width(scalar) }
        let classes = scalars.map(classify)
        let utf8 = text.utf8

        var words: [Word] = []
        var index = 0
        func emit(_ from: Int, _ to: Int) {
            let lower = utf8.index(utf8.startIndex, offsetBy: offsets[from])
            let upper = utf8.index(lower, offsetBy: offsets[to] - offsets[from])
            words.append(Word(text: text[lower..<upper], start: offsets[from], end: offsets[to]))
        }
        /// The next index after `i` that is not a combining mark.
        func next(_ i: Int) -> Int {
            var j = i + 1
            while j < classes.count && classes[j] == .extend { j += 1 }
            return j
        }

        while index < classes.count {
            let kind = classes[index]
            if kind == .ideograph {
                let end = next(index)
                emit(index, end)
                index = end
                continue
            }
            guard kind == .letter || kind == .digit || kind == .extendNumLet else { index += 1; continue }
            let start = index
            var last = kind          // class of the last letter, digit or underscore in the word
            var end = next(index)    // one past the word so far
            while end < classes.count {
                let current = classes[end]
                switch current {
                case .letter, .digit, .extendNumLet:
                    last = current
                    end = next(end)
                    continue
                case .midLetter, .midNumLet, .midNum:
                    let after = next(end)
                    guard after < classes.count else { break }
                    let following = classes[after]
                    let joinsLetters = last == .letter && following == .letter && current != .midNum
                    let joinsDigits = last == .digit && following == .digit && current != .midLetter
                    if joinsLetters || joinsDigits {
                        end = after
                        continue
                    }
                default: break
                }
                break
            }
            if classes[start..<end].contains(where: { $0 == .letter || $0 == .digit }) { emit(start, end) }
            index = end
        }
        return words
    }
}
