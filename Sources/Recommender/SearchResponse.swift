/// The answer to a `SearchRequest`: the recommendations, best first. Encodes as the JSON object that
/// `evidence search --json` prints and `POST /api/search` returns: `{"results": [ResultObject, …]}`.
public struct SearchResponse: Sendable, Encodable {
    public var results: [Recommendation]

    public init(results: [Recommendation]) {
        self.results = results
    }

    private enum CodingKeys: String, CodingKey { case results }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(results.map(ResultObject.init), forKey: .results)
    }
}
