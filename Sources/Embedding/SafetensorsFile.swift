internal import Foundation

/// A memory-mapped `.safetensors` file: the tensor directory from its header, and float32 tensors
/// copied out on request.
///
/// Layout: an unsigned 64-bit little-endian header length N; N bytes of JSON mapping each tensor
/// name to `{"dtype", "shape", "data_offsets": [begin, end]}` (plus an optional `"__metadata__"`
/// object of strings); then the data, each tensor at `8 + N + begin ..< 8 + N + end`, row-major,
/// little-endian. Opening parses the header and checks that every tensor lies inside the file and
/// that its byte count is the product of its shape times its element size (a truncated download
/// fails here, naming the first tensor cut off). O(header size + tensor count); the data pages are
/// read only when a tensor is copied.
struct SafetensorsFile: Sendable {
    /// One tensor's directory entry, with its byte range resolved against the whole file.
    struct Entry: Sendable, Equatable {
        var dtype: String
        var shape: [Int]
        var bytes: Range<Int>
    }

    let url: URL
    /// The tensors by name.
    let entries: [String: Entry]
    /// The free-form `__metadata__` strings (for example `"format": "pt"`).
    let metadata: [String: String]
    private let contents: Data

    /// The element size in bytes of each dtype safetensors defines.
    private static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1, "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8,
    ]
    /// Headers above this size are taken as corruption rather than read (real ones are a few KiB).
    private static let maximumHeaderLength = 100 << 20

    init(contentsOf url: URL) throws {
        self.url = url
        func fail(_ reason: String) -> EmbeddingError { .invalidWeights(path: url.path, reason: reason) }
        do {
            contents = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw EmbeddingError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        guard contents.count >= 8 else {
            throw fail("the file has \(contents.count) bytes, too few for the 8-byte header length (truncated?)")
        }
        let declaredLength = contents.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard declaredLength <= UInt64(Self.maximumHeaderLength) else {
            throw fail("the header length field says \(declaredLength) bytes, which is not a safetensors header")
        }
        let headerLength = Int(declaredLength)
        guard 8 + headerLength <= contents.count else {
            throw fail(
                "the header should be \(headerLength) bytes but the file has only \(contents.count) bytes (truncated?)")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: contents.subdata(in: 8..<8 + headerLength))
        } catch {
            throw fail("the header is not valid JSON (\(error.localizedDescription))")
        }
        guard let header = json as? [String: Any] else { throw fail("the header is not a JSON object") }

        let dataStart = 8 + headerLength
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw fail("__metadata__ is not an object of strings")
                }
                metadata = strings
                continue
            }
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                let shape = fields["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }),
                let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
                offsets[0] >= 0, offsets[0] <= offsets[1]
            else {
                throw fail("the header entry of tensor \(name) lacks a dtype, a shape or valid data_offsets")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, bytes: dataStart + offsets[0]..<dataStart + offsets[1])
        }
        for (name, entry) in entries.sorted(by: {
            ($0.value.bytes.lowerBound, $0.key) < ($1.value.bytes.lowerBound, $1.key)
        }) {
            guard entry.bytes.upperBound <= contents.count else {
                throw fail(
                    "tensor \(name) ends at byte \(entry.bytes.upperBound) but the file has only \(contents.count) bytes (truncated?)"
                )
            }
            if let size = Self.elementSizes[entry.dtype], entry.bytes.count != entry.shape.reduce(size, *) {
                throw fail(
                    "tensor \(name) has shape \(entry.shape) of \(entry.dtype) but \(entry.bytes.count) bytes of data")
            }
        }
        self.entries = entries
        self.metadata = metadata
    }

    /// Copies out the float32 tensor `name`, first checking it exists with dtype F32 and exactly
    /// `shape`. Returns its elements row-major. O(element count).
    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let entry = entries[name] else { throw EmbeddingError.missingTensor(path: url.path, name: name) }
        guard entry.dtype == "F32", entry.shape == shape else {
            throw EmbeddingError.tensorMismatch(
                path: url.path, name: name,
                expected: "F32 \(shape)", found: "\(entry.dtype) \(entry.shape)")
        }
        let count = entry.bytes.count / 4
        return contents.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                let source = UnsafeRawBufferPointer(rebasing: raw[entry.bytes])
                #if _endian(little)
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                    for index in 0..<count {
                        let bits = source.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)
                        buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                    }
                #endif
                initialized = count
            }
        }
    }
}
