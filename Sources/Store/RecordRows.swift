internal import GRDB
internal import EvidenceCore

/// Maps `EvidenceRecord` to and from its rows: `record` plus one child table per list.
enum RecordRows {
    private static let recordColumns = [
        "id", "title", "kind", "summary", "findings", "practiceImplications", "year", "publisher", "url",
        "doi", "country", "ukTested", "learningWeight", "sourcesDisagree", "lastChecked",
    ]

    static func insert(_ db: Database, _ record: EvidenceRecord) throws {
        try db.cachedStatement(
            sql:
                "INSERT INTO record (\(recordColumns.joined(separator: ","))) VALUES (\(placeholders(recordColumns.count)))"
        ).execute(
            arguments: [
                record.id, record.title, record.kind.rawValue, record.summary, record.findings,
                record.practiceImplications, record.year, record.publisher, record.url, record.doi,
                record.country, record.ukTested.rawValue, record.learningWeight?.rawValue,
                record.sourcesDisagree, record.lastChecked,
            ])
        for (position, name) in record.authors.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordAuthor VALUES (?,?,?)").execute(arguments: [
                record.id, position, name,
            ])
        }
        for (position, topic) in record.topics.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordTopic VALUES (?,?,?)").execute(arguments: [
                record.id, position, topic.rawValue,
            ])
        }
        for (position, age) in record.ageGroups.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordAgeGroup VALUES (?,?,?)").execute(arguments: [
                record.id, position, age.rawValue,
            ])
        }
        for (position, outcome) in record.outcomes.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordOutcome VALUES (?,?,?,?,?,?)").execute(
                arguments: [
                    record.id, position, outcome.outcome, outcome.strength.rawValue, outcome.direction.rawValue,
                    outcome.basis,
                ])
        }
        for (position, rating) in record.sourceRatings.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordSourceRating VALUES (?,?,?,?,?,?)").execute(
                arguments: [record.id, position, rating.scale, rating.value, rating.asOf, rating.url])
        }
        for (position, caveat) in record.caveats.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordCaveat VALUES (?,?,?)").execute(arguments: [
                record.id, position, caveat,
            ])
        }
        for (position, note) in record.checking.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO recordChecking VALUES (?,?,?)").execute(arguments: [
                record.id, position, note,
            ])
        }
    }

    /// Deletes a record and (by cascade) its lists; false when there was none.
    @discardableResult
    static func delete(_ db: Database, id: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM record WHERE id = ?", arguments: [id])
        return db.changesCount > 0
    }

    static func fetch(_ db: Database, id: String) throws -> EvidenceRecord? {
        try fetch(db, whereSQL: "id = ?", arguments: [id]).first
    }

    static func fetchAll(_ db: Database, filter: RecordFilter) throws -> [EvidenceRecord] {
        let (sql, arguments) = condition(filter)
        return try fetch(db, whereSQL: sql, arguments: arguments)
    }

    /// The records with these ids (any order; ids with no record are skipped), in one query per table.
    static func fetch(_ db: Database, ids: [String]) throws -> [EvidenceRecord] {
        guard ids.count > 1 else { return try ids.first.flatMap { try fetch(db, id: $0) }.map { [$0] } ?? [] }
        return try fetch(db, whereSQL: "id IN (\(placeholders(ids.count)))", arguments: StatementArguments(ids))
    }

    /// The document numbers of the indexed records that pass `filter`. One query; O(matching records).
    static func indexedDocNumbers(_ db: Database, filter: RecordFilter) throws -> [Int] {
        let (sql, arguments) = condition(filter)
        return try Int.fetchAll(
            db,
            sql: "SELECT docNumber FROM indexDocument JOIN record ON record.id = indexDocument.recordId WHERE \(sql)",
            arguments: arguments)
    }

    /// `filter` as an SQL condition on the `record` table, with its arguments.
    static func condition(_ filter: RecordFilter) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if !filter.kinds.isEmpty {
            let values = filter.kinds.map(\.rawValue).sorted()
            conditions.append("kind IN (\(placeholders(values.count)))")
            arguments += StatementArguments(values)
        }
        if !filter.topics.isEmpty {
            let values = filter.topics.map(\.rawValue).sorted()
            conditions.append("id IN (SELECT recordId FROM recordTopic WHERE topic IN (\(placeholders(values.count))))")
            arguments += StatementArguments(values)
        }
        if !filter.ageGroups.isEmpty {
            let values = filter.ageGroups.map(\.rawValue).sorted()
            conditions.append(
                "id IN (SELECT recordId FROM recordAgeGroup WHERE ageGroup IN (\(placeholders(values.count))))")
            arguments += StatementArguments(values)
        }
        if let from = filter.yearFrom { conditions.append("year >= ?"); arguments += [from] }
        if let to = filter.yearTo { conditions.append("year <= ?"); arguments += [to] }
        if let minimum = filter.minimumStrength {
            let values = EvidenceStrength.allCases.filter { $0 >= minimum }.map(\.rawValue)
            conditions.append(
                "id IN (SELECT recordId FROM recordOutcome WHERE strength IN (\(placeholders(values.count))))")
            arguments += StatementArguments(values)
        }
        if let uk = filter.ukTested { conditions.append("ukTested = ?"); arguments += [uk.rawValue] }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// "?,?,…" for `count` bound values (callers pass at most a few hundred; SQLite allows 32,766).
    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }

    /// Loads the matching records and their lists: one query for the records, one per child table.
    private static func fetch(
        _ db: Database, whereSQL: String, arguments: StatementArguments
    ) throws -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        var indexByID: [String: Int] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT \(recordColumns.joined(separator: ",")) FROM record WHERE \(whereSQL) ORDER BY id"),
            arguments: arguments)
        while let row = try rows.next() {
            let id: String = row["id"]
            indexByID[id] = records.count
            records.append(
                EvidenceRecord(
                    id: id, title: row["title"], kind: EvidenceKind(rawValue: row["kind"]) ?? .unclassified,
                    summary: row["summary"], findings: row["findings"],
                    practiceImplications: row["practiceImplications"],
                    year: row["year"], publisher: row["publisher"], url: row["url"], doi: row["doi"],
                    country: row["country"], ukTested: UKTested(rawValue: row["ukTested"]) ?? .unknown,
                    learningWeight: (row["learningWeight"] as String?).flatMap(LearningWeight.init(rawValue:)),
                    sourcesDisagree: row["sourcesDisagree"], lastChecked: row["lastChecked"]))
        }
        guard !records.isEmpty else { return [] }
        // The child rows of the selected records only; for one record, the primary key does the work.
        let scope = records.count == 1 ? "recordId = ?" : "recordId IN (SELECT id FROM record WHERE \(whereSQL))"
        let scopeArguments: StatementArguments = records.count == 1 ? [records[0].id] : arguments
        func children(_ table: String, _ columns: String, _ apply: (inout EvidenceRecord, Row) -> Void) throws {
            let cursor = try Row.fetchCursor(
                db.cachedStatement(
                    sql: "SELECT recordId, \(columns) FROM \(table) WHERE \(scope) ORDER BY recordId, position"),
                arguments: scopeArguments)
            while let row = try cursor.next() {
                guard let index = indexByID[row["recordId"]] else { continue }
                apply(&records[index], row)
            }
        }
        try children("recordAuthor", "name") { $0.authors.append($1["name"]) }
        try children("recordTopic", "topic") { record, row in
            if let topic = Topic(rawValue: row["topic"]) { record.topics.append(topic) }
        }
        try children("recordAgeGroup", "ageGroup") { record, row in
            if let age = AgeGroup(rawValue: row["ageGroup"]) { record.ageGroups.append(age) }
        }
        try children("recordOutcome", "outcome, strength, direction, basis") { record, row in
            guard let strength = EvidenceStrength(rawValue: row["strength"]),
                let direction = EffectDirection(rawValue: row["direction"])
            else { return }
            record.outcomes.append(
                OutcomeEvidence(outcome: row["outcome"], strength: strength, direction: direction, basis: row["basis"]))
        }
        try children("recordSourceRating", "scale, value, asOf, url") { record, row in
            record.sourceRatings.append(
                SourceRating(scale: row["scale"], value: row["value"], asOf: row["asOf"], url: row["url"]))
        }
        try children("recordCaveat", "text") { $0.caveats.append($1["text"]) }
        try children("recordChecking", "text") { $0.checking.append($1["text"]) }
        return records
    }
}
