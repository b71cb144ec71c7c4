/// Relevance judgments: for each query, the graded relevance of the documents judged for it
/// (`query<TAB>document<TAB>grade`, or TREC's four columns `query 0 document grade`).
public struct Qrels: Sendable, Equatable {
    public private(set) var judgments: [String: [String: Int]] = [:]

    public init(judgments: [String: [String: Int]] = [:]) { self.judgments = judgments }

    public enum ParseError: Error, CustomStringConvertible {
        case badLine(number: Int, text: String)
        public var description: String {
            switch self {
            case let .badLine(number, text): "line \(number) of the judgments is not 'query document grade': \(text)"
            }
        }
    }

    public init(parsing text: String) throws(ParseError) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            let query: Substring, document: Substring, grade: Substring
            switch fields.count {
            case 3: (query, document, grade) = (fields[0], fields[1], fields[2])
            case 4: (query, document, grade) = (fields[0], fields[2], fields[3])
            default: throw .badLine(number: index + 1, text: String(line))
            }
            guard let value = Double(grade) else { throw .badLine(number: index + 1, text: String(line)) }
            judgments[String(query), default: [:]][String(document)] = Int(value)
        }
    }

    /// Queries with at least one relevant document (grade ≥ 1): the ones every measure averages over.
    public var scoredQueries: [String] {
        judgments.filter { $0.value.values.contains { $0 >= 1 } }.keys.sorted()
    }
}
