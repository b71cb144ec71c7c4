internal import EvidenceCore

/// A record as an ordered list of (field, value) pairs: the one description every writer works from,
/// and the inverse of `RecordBuilder` (reading these values back gives the same record).
enum RecordFields {
    static func values(of record: EvidenceRecord) -> [(field: RecordField, value: FieldValue)] {
        func text(_ value: String) -> FieldValue { .scalar(value) }
        func list(_ values: [String]) -> FieldValue { .list(values.map(FieldValue.scalar)) }
        return [
            (.id, text(record.id)),
            (.title, text(record.title)),
            (.kind, text(record.kind.rawValue)),
            (.summary, text(record.summary)),
            (.findings, text(record.findings)),
            (.practiceImplications, text(record.practiceImplications)),
            (.year, record.year.map { text(String($0)) } ?? .null),
            (.authors, list(record.authors)),
            (.publisher, text(record.publisher)),
            (.url, text(record.url)),
            (.doi, text(record.doi)),
            (.country, text(record.country)),
            (.ukTested, text(record.ukTested.rawValue)),
            (.topics, list(record.topics.map(\.rawValue))),
            (.ageGroups, list(record.ageGroups.map(\.rawValue))),
            (
                .outcomes,
                .list(
                    record.outcomes.map { outcome in
                        .mapping([
                            ("outcome", text(outcome.outcome)), ("strength", text(outcome.strength.rawValue)),
                            ("direction", text(outcome.direction.rawValue)), ("basis", text(outcome.basis)),
                        ])
                    })
            ),
            (.learningWeight, record.learningWeight.map { text($0.rawValue) } ?? .null),
            (
                .sourceRatings,
                .list(
                    record.sourceRatings.map { rating in
                        .mapping([
                            ("scale", text(rating.scale)), ("value", text(rating.value)),
                            ("asOf", text(rating.asOf)), ("url", text(rating.url)),
                        ])
                    })
            ),
            (.sourcesDisagree, text(record.sourcesDisagree ? "true" : "false")),
            (.caveats, list(record.caveats)),
            (.checking, list(record.checking)),
            (.lastChecked, text(record.lastChecked)),
        ]
    }
}
