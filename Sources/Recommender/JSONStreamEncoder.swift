internal import EvidenceCore

/// Encodes an `Encodable` value straight to compact JSON text in one pass, with no intermediate tree.
/// Foundation's `JSONEncoder` builds such a tree first, which made encoding most of the cost of an API
/// search for 100 results; this writes each value as it is encoded.
///
/// Containers are closed by depth: writing at depth d first closes every open container deeper than
/// d, and the rest close at the end, so no container needs to be told it is finished. Keys come in the
/// order the value encodes them. Strings are escaped by `JSONString` (quote, backslash, control
/// characters); doubles in Swift's shortest round-trip form; a non-finite double is an error.
/// O(output size).
public struct JSONStreamEncoder {
    public init() {}

    public func encode(_ value: some Encodable) throws -> String {
        let sink = Sink()
        try value.encode(to: StreamEncoder(sink: sink, depth: 0))
        sink.close(deeperThan: -1)
        return sink.text
    }
}

/// The bytes so far and the containers still open, innermost last.
private final class Sink {
    var bytes: [UInt8] = []
    /// Per open container: its depth, its closing byte and whether it has an entry yet.
    var open: [(depth: Int, closer: UInt8, hasEntry: Bool)] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func close(deeperThan depth: Int) {
        while let last = open.last, last.depth > depth {
            bytes.append(last.closer)
            open.removeLast()
        }
    }

    /// Starts an entry of the container at `depth`: closes deeper ones and writes the separator.
    func beginEntry(at depth: Int) {
        close(deeperThan: depth)
        if open[open.count - 1].hasEntry {
            bytes.append(UInt8(ascii: ","))
        } else {
            open[open.count - 1].hasEntry = true
        }
    }

    func openContainer(at depth: Int, opener: UInt8, closer: UInt8) {
        close(deeperThan: depth - 1)
        bytes.append(opener)
        open.append((depth, closer, false))
    }

    func string(_ value: String) { JSONString.append(value, to: &bytes) }

    func number(_ value: Double, path: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: path, debugDescription: "JSON has no \(value)"))
        }
        append(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description)
    }
}

private struct StreamEncoder: Encoder {
    let sink: Sink
    /// Depth of the value this encoder writes (the top value is 0).
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.openContainer(at: depth, opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(KeyedStream<Key>(sink: sink, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.openContainer(at: depth, opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"))
        return UnkeyedStream(sink: sink, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueStream(sink: sink, depth: depth) }
}

/// Writes one value at `depth`: a primitive directly, anything else through a nested encoder.
private struct ValueWriter {
    let sink: Sink
    let depth: Int

    func nilValue() { sink.append("null") }
    func bool(_ value: Bool) { sink.append(value ? "true" : "false") }
    func string(_ value: String) { sink.string(value) }
    func integer(_ value: some BinaryInteger) { sink.append(String(value)) }
    func double(_ value: Double) throws { try sink.number(value, path: []) }

    /// A value that is not a primitive: it encodes itself through a container at this depth.
    func encodable(_ value: some Encodable) throws {
        try value.encode(to: StreamEncoder(sink: sink, depth: depth))
    }
}

private struct KeyedStream<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: Sink
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    /// Starts the entry for `key`; its value is written at the next depth.
    private func entry(_ key: Key) -> ValueWriter {
        sink.beginEntry(at: depth)
        sink.string(key.stringValue)
        sink.bytes.append(UInt8(ascii: ":"))
        return ValueWriter(sink: sink, depth: depth + 1)
    }

    mutating func encodeNil(forKey key: Key) throws { entry(key).nilValue() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { entry(key).bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { entry(key).string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try entry(key).double(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try entry(key).double(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { entry(key).integer(value) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { try entry(key).encodable(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        _ = entry(key)
        return StreamEncoder(sink: sink, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        _ = entry(key)
        return StreamEncoder(sink: sink, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { StreamEncoder(sink: sink, depth: depth) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _ = entry(key)
        return StreamEncoder(sink: sink, depth: depth + 1)
    }
}

private struct UnkeyedStream: UnkeyedEncodingContainer {
    let sink: Sink
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(sink: Sink, depth: Int) {
        self.sink = sink
        self.depth = depth
    }

    private mutating func element() -> ValueWriter {
        sink.beginEntry(at: depth)
        count += 1
        return ValueWriter(sink: sink, depth: depth + 1)
    }

    mutating func encodeNil() throws { element().nilValue() }
    mutating func encode(_ value: Bool) throws { element().bool(value) }
    mutating func encode(_ value: String) throws { element().string(value) }
    mutating func encode(_ value: Double) throws { try element().double(value) }
    mutating func encode(_ value: Float) throws { try element().double(Double(value)) }
    mutating func encode(_ value: Int) throws { element().integer(value) }
    mutating func encode(_ value: some Encodable) throws { try element().encodable(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        _ = element()
        return StreamEncoder(sink: sink, depth: depth + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _ = element()
        return StreamEncoder(sink: sink, depth: depth + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _ = element()
        return StreamEncoder(sink: sink, depth: depth + 1)
    }
}

private struct SingleValueStream: SingleValueEncodingContainer {
    let sink: Sink
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private var writer: ValueWriter {
        sink.close(deeperThan: depth)
        return ValueWriter(sink: sink, depth: depth)
    }

    mutating func encodeNil() throws { writer.nilValue() }
    mutating func encode(_ value: Bool) throws { writer.bool(value) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { try writer.double(value) }
    mutating func encode(_ value: Float) throws { try writer.double(Double(value)) }
    mutating func encode(_ value: Int) throws { writer.integer(value) }
    mutating func encode(_ value: Int8) throws { writer.integer(value) }
    mutating func encode(_ value: Int16) throws { writer.integer(value) }
    mutating func encode(_ value: Int32) throws { writer.integer(value) }
    mutating func encode(_ value: Int64) throws { writer.integer(value) }
    mutating func encode(_ value: UInt) throws { writer.integer(value) }
    mutating func encode(_ value: UInt8) throws { writer.integer(value) }
    mutating func encode(_ value: UInt16) throws { writer.integer(value) }
    mutating func encode(_ value: UInt32) throws { writer.integer(value) }
    mutating func encode(_ value: UInt64) throws { writer.integer(value) }
    mutating func encode(_ value: some Encodable) throws { try writer.encodable(value) }
}
