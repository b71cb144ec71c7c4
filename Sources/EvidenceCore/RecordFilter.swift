/// Which records to list or export. Empty sets and nil bounds match everything; a record must match
/// every condition given, and any one of the values within a set.
public struct RecordFilter: Sendable, Hashable {
    public var kinds: Set<EvidenceKind> = []
    public var topics: Set<Topic> = []
    public var ageGroups: Set<AgeGroup> = []
    public var yearFrom: Int?
    public var yearTo: Int?
    /// Records with at least one outcome this strong.
    public var minimumStrength: EvidenceStrength?
    public var ukTested: UKTested?

    public init(
        kinds: Set<EvidenceKind> = [], topics: Set<Topic> = [], ageGroups: Set<AgeGroup> = [],
        yearFrom: Int? = nil, yearTo: Int? = nil, minimumStrength: EvidenceStrength? = nil, ukTested: UKTested? = nil
    ) {
        self.kinds = kinds
        self.topics = topics
        self.ageGroups = ageGroups
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.minimumStrength = minimumStrength
        self.ukTested = ukTested
    }

    /// The same test applied in memory, for callers that hold records already.
    public func matches(_ record: EvidenceRecord) -> Bool {
        if !kinds.isEmpty && !kinds.contains(record.kind) { return false }
        if !topics.isEmpty && topics.isDisjoint(with: record.topics) { return false }
        if !ageGroups.isEmpty && ageGroups.isDisjoint(with: record.ageGroups) { return false }
        if let yearFrom, (record.year ?? Int.min) < yearFrom { return false }
        if let yearTo, (record.year ?? Int.max) > yearTo { return false }
        if let minimumStrength, record.strongestEvidence < minimumStrength { return false }
        if let ukTested, record.ukTested != ukTested { return false }
        return true
    }
}
