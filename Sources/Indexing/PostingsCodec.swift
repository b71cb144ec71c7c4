/// One record's entry in a term's postings: its document number and the term's raw frequency in each field.
public struct Posting: Hashable, Sendable {
    public var docNumber: Int
    public var titleFrequency: Int
    public var bodyFrequency: Int

    public init(docNumber: Int, titleFrequency: Int, bodyFrequency: Int) {
        self.docNumber = docNumber
        self.titleFrequency = titleFrequency
        self.bodyFrequency = bodyFrequency
    }
}

/// The postings blob: for each posting in ascending document order, three unsigned LEB128 varints,
/// the gap from the previous document number (the first from 0), the title frequency and the body
/// frequency. Small numbers take one byte, so a typical posting takes three.
/// Encoding and decoding are O(number of postings).
public enum PostingsCodec {
    public static func encode(_ postings: [Posting]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(postings.count * 3)
        var previous = 0
        for posting in postings {
            precondition(posting.docNumber > previous, "postings must be in strictly ascending document order")
            appendVarint(posting.docNumber - previous, to: &bytes)
            appendVarint(posting.titleFrequency, to: &bytes)
            appendVarint(posting.bodyFrequency, to: &bytes)
            previous = posting.docNumber
        }
        return bytes
    }

    /// Appends one posting to an encoded blob whose last document number is `lastDocNumber`.
    public static func append(_ posting: Posting, to bytes: inout [UInt8], lastDocNumber: Int) {
        precondition(posting.docNumber > lastDocNumber, "an appended posting must come after the last one")
        appendVarint(posting.docNumber - lastDocNumber, to: &bytes)
        appendVarint(posting.titleFrequency, to: &bytes)
        appendVarint(posting.bodyFrequency, to: &bytes)
    }

    public enum DecodingError: Error, Equatable {
        case truncated, overlong
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> [Posting] {
        var postings: [Posting] = []
        try forEach(bytes) { postings.append($0) }
        return postings
    }

    /// Calls `body` for each posting without building an array: the hot path of scoring. Reads the
    /// bytes through one buffer pointer, a one-byte varint (the usual case) without a loop.
    @inline(__always)
    public static func forEach(_ bytes: [UInt8], _ body: (Posting) -> Void) throws(DecodingError) {
        let failure: DecodingError? = bytes.withUnsafeBufferPointer { buffer -> DecodingError? in
            var index = 0
            var doc = 0
            let count = buffer.count
            func next() -> Int? {
                guard index < count else { return nil }
                let byte = buffer[index]
                index += 1
                if byte < 0x80 { return Int(byte) }
                var value = UInt64(byte & 0x7F), shift: UInt64 = 7
                while index < count, shift <= 56 {
                    let byte = buffer[index]
                    index += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte < 0x80 { return Int(value) }
                    shift += 7
                }
                return shift > 56 ? -1 : nil
            }
            while index < count {
                guard let gap = next(), let title = next(), let body_ = next() else { return .truncated }
                guard gap >= 0, title >= 0, body_ >= 0 else { return .overlong }
                doc += gap
                body(Posting(docNumber: doc, titleFrequency: title, bodyFrequency: body_))
            }
            return nil
        }
        if let failure { throw failure }
    }

    static func appendVarint(_ value: Int, to bytes: inout [UInt8]) {
        var remaining = UInt64(value)
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    static func readVarint(_ bytes: [UInt8], _ index: inout Int) throws(DecodingError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < bytes.count else { throw .truncated }
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
            if shift > 56 { throw .overlong }
        }
    }
}
