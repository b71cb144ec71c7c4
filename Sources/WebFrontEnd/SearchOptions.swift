public import Foundation
internal import EvidenceCore
internal import Recommender

/// A search as the page or the API asks for it: the description, the filters and how many results.
/// Built from the form or from JSON; every value outside its vocabulary is an error in plain words.
struct SearchOptions {
    var description: String
    var filter = RecordFilter()
    var k = SearchRequest.defaultK
    var explain = false

    /// The search these options ask for, for the Recommender (which validates it).
    var request: SearchRequest { SearchRequest(description: description, filter: filter, k: k, explain: explain) }

    /// How many results the page shows: enough that research, practice learning and lived experience
    /// usually all appear (the page groups them by kind).
    static let pageK = 20

    /// From the page's form fields.
    init(form: FormFields) throws(WebError) {
        description = form["description"] ?? ""
        k = Self.pageK
        filter.kinds = try Self.terms(form.values["kind"], "kind")
        filter.topics = try Self.terms(form.values["topic"], "topic")
        filter.ageGroups = try Self.terms(form.values["age"], "age")
        filter.minimumStrength =
            (try Self.terms(form.values["min-strength"], "min-strength") as Set<EvidenceStrength>).first
        filter.ukTested = (try Self.terms(form.values["uk-tested"], "uk-tested") as Set<UKTested>).first
        if let since = form["since"] {
            guard let year = Int(since) else { throw .badRequest("'Published since' must be a year, such as 2015") }
            filter.yearFrom = year
        }
    }

    /// From the API's JSON body: `{"query", "filters": {"kind", "topic", "age", "minStrength", "ukTested", "since"}, "k", "explain"}`.
    init(api request: APISearchRequest) throws(WebError) {
        description = request.query
        k = request.k ?? SearchRequest.defaultK
        explain = request.explain ?? false
        if let filters = request.filters {
            filter.kinds = try Self.terms(filters.kind, "filters.kind")
            filter.topics = try Self.terms(filters.topic, "filters.topic")
            filter.ageGroups = try Self.terms(filters.age, "filters.age")
            filter.minimumStrength =
                (try Self.terms(filters.minStrength.map { [$0] }, "filters.minStrength") as Set<EvidenceStrength>).first
            filter.ukTested = (try Self.terms(filters.ukTested.map { [$0] }, "filters.ukTested") as Set<UKTested>).first
            filter.yearFrom = filters.since
        }
    }

    static func terms<Term: ControlledTerm>(_ values: [String]?, _ field: String) throws(WebError) -> Set<Term> {
        var result = Set<Term>()
        for value in values ?? [] where !value.isEmpty {
            do { result.insert(try Term.parse(value)) } catch { throw .badRequest("\(field): \(error.description)") }
        }
        return result
    }
}

/// Reads the body of `POST /api/search` into search options, or says in plain words what is wrong.
/// Public so that the fuzz harness exercises exactly what the route runs.
public enum SearchRequestDecoder {
    public static func validate(_ body: Data) throws {
        _ = try decode(body)
    }

    static func decode(_ body: Data) throws(WebError) -> SearchOptions {
        let decoded: APISearchRequest
        do { decoded = try JSONDecoder().decode(APISearchRequest.self, from: body) } catch {
            throw .badRequest(
                "the body is not a search: expected {\"query\": \"…\", \"filters\": {…}, \"k\": 10, \"explain\": false}"
            )
        }
        let options = try SearchOptions(api: decoded)
        do { try options.request.validate() } catch { throw .badRequest("\(error)") }
        return options
    }
}

/// The body of `POST /api/search`.
struct APISearchRequest: Decodable {
    var query: String
    var filters: Filters?
    var k: Int?
    var explain: Bool?

    struct Filters: Decodable {
        var kind: [String]?
        var topic: [String]?
        var age: [String]?
        var minStrength: String?
        var ukTested: String?
        var since: Int?
    }
}
