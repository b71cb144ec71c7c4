internal import Foundation
internal import Mustache
internal import EvidenceCore
internal import Recommender

/// Renders the HTML pages from the templates in `Templates/`. Mustache escapes every `{{value}}`, so
/// text from the corpus or from a search can never become markup; only `{{{content}}}`, the already
/// rendered page inside the layout, is inserted raw.
struct Pages: Sendable {
    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for name in ["layout", "search", "record", "message"] {
            guard let url = Bundle.module.url(forResource: "Templates/\(name)", withExtension: "mustache"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { throw WebError.unavailable("the page template \(name) is missing from the program's resources") }
            try library.register(text, named: name)
        }
        self.library = library
    }

    func page(title: String, template: String, _ values: [String: Any]) -> String {
        let content = library.render(values, withTemplate: template) ?? ""
        return library.render(["title": title, "content": content], withTemplate: "layout") ?? content
    }

    func message(heading: String, message: String) -> String {
        page(title: heading, template: "message", ["heading": heading, "message": message])
    }

    /// The search page, empty or with results.
    func search(
        options: SearchOptions?, results: [Recommendation]?, reading: CaseReading? = nil, error: String? = nil
    ) -> String {
        var values: [String: Any] = [
            "description": options?.description ?? "",
            "kinds": Self.choices(
                EvidenceKind.allCases.filter { $0 != .unclassified }, selected: options?.filter.kinds ?? []),
            "topics": Self.choices(Topic.allCases, selected: options?.filter.topics ?? []),
            "ages": Self.choices(AgeGroup.allCases, selected: options?.filter.ageGroups ?? []),
            "strengths": Self.choices(
                EvidenceStrength.allCases.filter { $0 != .notAssessed },
                selected: Set([options?.filter.minimumStrength].compactMap { $0 })),
            "ukYes": options?.filter.ukTested == .yes,
            "since": options?.filter.yearFrom.map(String.init) ?? "",
        ]
        if let error { values["error"] = error }
        if let results {
            values["searched"] = true
            values["hasResults"] = !results.isEmpty
            values["ids"] = results.map(\.record.id).joined(separator: ",")
            let families = Dictionary(grouping: results, by: { $0.record.kind.family })
            let present = EvidenceKind.Family.allCases.filter { families[$0] != nil }
            if let reading { values["reading"] = Self.describe(reading) }
            values["summary"] =
                reading?.message
                ?? (results.isEmpty
                    ? "No evidence matched. Try other words, or fewer filters."
                    : "\(results.count) \(results.count == 1 ? "result" : "results"): "
                        + present.map { "\(families[$0]!.count) \(Self.familyLabel($0).lowercased())" }.joined(
                            separator: ", ") + ".")
            values["groups"] = present.map { family -> [String: Any] in
                [
                    "key": family.rawValue, "label": Self.familyLabel(family), "count": families[family]!.count,
                    "items": families[family]!.map(Self.card),
                ]
            }
        }
        return page(title: results == nil ? "Find evidence" : "Evidence for your case", template: "search", values)
    }

    /// Everything a record holds.
    func record(_ record: EvidenceRecord, related: [Recommendation.RelatedRecord]) -> String {
        page(
            title: record.title, template: "record",
            [
                "id": record.id, "title": record.title, "kind": record.kind.label, "badge": record.badge,
                "ukTested": record.ukTested.label, "year": record.year.map(String.init) ?? "",
                "disagree": record.sourcesDisagree, "disagreeDetails": Self.disagreement(record),
                "by": Self.byline(record), "url": record.sourceLink, "summary": record.summary,
                "findings": record.findings, "practice": record.practiceImplications,
                "hasOutcomes": !record.outcomes.isEmpty,
                "outcomes": record.outcomes.map { ["outcome": $0.outcome, "badge": $0.badge, "basis": $0.basis] },
                "hasRatings": !record.sourceRatings.isEmpty,
                "ratings": record.sourceRatings.map {
                    ["scale": $0.scale, "value": $0.value, "asOf": $0.asOf, "url": $0.url]
                },
                "hasCaveats": !record.caveats.isEmpty, "caveats": record.caveats,
                "hasChecking": !record.checking.isEmpty, "checking": record.checking,
                "topics": record.topics.map(\.label).joined(separator: ", "),
                "ages": record.ageGroups.map(\.label).joined(separator: ", "),
                "country": record.country.isEmpty ? "not stated" : record.country,
                "lastChecked": record.lastChecked.isEmpty ? "not recorded" : record.lastChecked,
                "hasRelated": !related.isEmpty, "related": related.map { ["id": $0.id, "title": $0.title] },
            ])
    }

    static func card(_ result: Recommendation) -> [String: Any] {
        let record = result.record
        return [
            "rank": result.rank, "id": record.id, "title": record.title, "kind": record.kind.label,
            "familyKey": record.kind.family.rawValue, "badge": record.badge, "badgeMeaning": badgeMeaning(record),
            "ukTested": record.ukTested == .yes, "year": record.year.map(String.init) ?? "", "by": byline(record),
            "ages": record.ageGroups.map { $0.label }.joined(separator: ", "),
            "disagree": record.sourcesDisagree, "disagreeDetails": disagreement(record),
            "summary": record.summary, "practice": record.practiceImplications,
            "snippet": result.snippet.parts.map { ["text": $0.text, "highlighted": $0.highlighted] },
            "reasons": result.reasons, "url": record.sourceLink,
            "hasRelated": !result.related.isEmpty,
            "related": result.related.enumerated().map {
                ["id": $1.id, "title": $1.title, "last": $0 == result.related.count - 1]
            },
        ]
    }

    /// The reading in one line: ages, then procedure words read as context; empty when there is neither.
    static func describe(_ reading: CaseReading) -> String {
        var parts: [String] = []
        if !reading.ages.isEmpty {
            parts.append("ages " + reading.ages.map { $0.label.lowercased() }.joined(separator: ", "))
        }
        if !reading.context.isEmpty { parts.append("context " + reading.context.joined(separator: "; ")) }
        return parts.isEmpty ? "" : parts.joined(separator: "; ") + "."
    }

    static func familyLabel(_ family: EvidenceKind.Family) -> String {
        switch family {
        case .research: "Research"
        case .practiceLearning: "Practice learning"
        case .livedExperience: "Lived experience"
        case .other: "Statistics and other evidence"
        }
    }

    static func byline(_ record: EvidenceRecord) -> String {
        let authors =
            record.authors.count > 3
            ? record.authors.prefix(3).joined(separator: ", ") + " and others" : record.authors.joined(separator: ", ")
        return [authors, record.publisher].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    static func disagreement(_ record: EvidenceRecord) -> String {
        guard record.sourcesDisagree else { return "" }
        let ratings = record.sourceRatings.map { "\($0.scale): \($0.value)" }.joined(separator: "; ")
        return ratings.isEmpty
            ? "See the record's findings and caveats."
            : "Ratings: \(ratings). See the record for the studies behind them."
    }

    /// The badge in words, for the tooltip and screen readers.
    static func badgeMeaning(_ record: EvidenceRecord) -> String {
        if let weight = record.learningWeight {
            return
                "Practice learning and lived experience are not graded like trials; this comes from a \(weight.label.lowercased())."
        }
        switch record.strongestEvidence {
        case .strong: return "Strong: replicated rigorous trials, or a top clearinghouse rating."
        case .moderate: return "Moderate: at least one good randomised trial or equivalent."
        case .emerging: return "Emerging: a controlled comparison, or a promising rating."
        case .limited: return "Limited: no controlled comparison yet."
        case .notAssessed: return "Not assessed for effectiveness."
        }
    }

    static func choices<Term: ControlledTerm>(_ terms: [Term], selected: Set<Term>) -> [[String: Any]] {
        terms.map { ["value": $0.rawValue, "label": $0.label, "selected": selected.contains($0)] }
    }
}
