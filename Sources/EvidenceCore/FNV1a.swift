/// The 64-bit FNV-1a hash: a fast, stable fingerprint of bytes (not a cryptographic hash).
///
/// `hash = 0xcbf29ce484222325; for each byte: hash = (hash XOR byte) × 0x100000001b3 (mod 2⁶⁴)`.
/// Used for content digests and analyzer fingerprints, where the same input must give the same
/// value on every machine and run (Swift's `Hasher` is seeded per process). O(n) in the input.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    public mutating func combine(_ text: String) {
        combine(text.utf8)
        combine(CollectionOfOne(0))  // a separator, so ("ab", "c") and ("a", "bc") differ
    }

    /// The value as 16 lower-case hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
