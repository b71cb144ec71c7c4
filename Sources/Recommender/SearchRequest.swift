public import EvidenceCore

/// One search as the command line, the page and the API ask for it: the case description, the filters,
/// how many results and whether to explain the scores. All three build this and `validate()` it the same way.
public struct SearchRequest: Sendable {
    public var description: String
    public var filter: RecordFilter
    public var k: Int
    /// Adds each score's explanation tree to the results (for the JSON outputs).
    public var explain: Bool

    public static let defaultK = 10
    /// How many results a search may ask for.
    public static let kRange = 1...100

    public init(
        description: String, filter: RecordFilter = RecordFilter(), k: Int = SearchRequest.defaultK,
        explain: Bool = false
    ) {
        self.description = description
        self.filter = filter
        self.k = k
        self.explain = explain
    }

    /// Says in plain words what is wrong with the request, if anything.
    public func validate() throws {
        guard !description.allSatisfy(\.isWhitespace) else {
            throw RecommenderError.invalidRequest("the case description is empty: describe the case in your own words")
        }
        guard Self.kRange.contains(k) else {
            throw RecommenderError.invalidRequest(
                "the number of results must be between \(Self.kRange.lowerBound) and \(Self.kRange.upperBound), not \(k)"
            )
        }
        if let from = filter.yearFrom, let to = filter.yearTo, from > to {
            throw RecommenderError.invalidRequest(
                "the years are the wrong way round: from \(from) is after until \(to)")
        }
    }
}
