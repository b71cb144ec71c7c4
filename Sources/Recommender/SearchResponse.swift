/// The answer to a `SearchRequest`: the recommendations, best first. Encodes as the JSON object that
/// `evidence search --json` prints and `POST /api/search` returns: `{"results": [ResultObject, …], "reading": {…}}`.
public struct SearchResponse: Sendable, Encodable {
    public var results: [Recommendation]
    /// How the description was read; when it was not understood, `results` is empty and the reading says why.
    public var reading: CaseReading

    public init(results: [Recommendation], reading: CaseReading) {
        self.results = results
        self.reading = reading
    }

    private enum CodingKeys: String, CodingKey { case results, reading }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(results.map(ResultObject.init), forKey: .results)
        try container.encode(reading, forKey: .reading)
    }
}
