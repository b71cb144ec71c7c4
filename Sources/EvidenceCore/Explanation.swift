/// Why a score has the value it has: the value, the formula or fact in words, and the parts it was
/// computed from. Every scorer can return one beside each score; front ends turn it into reasons.
public struct Explanation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var value: Double
    public var description: String
    public var details: [Explanation]

    public init(_ value: Double, _ description: String, _ details: [Explanation] = []) {
        self.value = value
        self.description = description
        self.details = details
    }

    /// The tree as indented lines: `0.4231 = sum of: …`.
    public var text: String { lines(indent: "").joined(separator: "\n") }

    private func lines(indent: String) -> [String] {
        ["\(indent)\(Self.format(value)) = \(description)"] + details.flatMap { $0.lines(indent: indent + "  ") }
    }

    /// A value rounded to four decimals for display.
    public static func format(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded() / 10_000
        return "\(scaled)"
    }
}
