/// The evidence for one outcome of one record: how strong, which way, and what it rests on.
///
/// Rated per outcome because one programme can have good evidence for one outcome and none for
/// another (the Title IV-E clearinghouse and CrimeSolutions rate this way).
public struct OutcomeEvidence: Hashable, Sendable, Codable {
    /// The outcome in plain words, e.g. "entry to care".
    public var outcome: String
    public var strength: EvidenceStrength
    public var direction: EffectDirection
    /// What the strength rests on: design, size, follow-up ("1 RCT, n=2,464, 12-month follow-up").
    public var basis: String

    public init(outcome: String, strength: EvidenceStrength, direction: EffectDirection, basis: String = "") {
        self.outcome = outcome
        self.strength = strength
        self.direction = direction
        self.basis = basis
    }

    /// The badge a practitioner reads, e.g. "Moderate evidence · benefit".
    public var badge: String {
        strength == .notAssessed
            ? "Not assessed"
            : "\(strength.label) evidence · \(direction.label.lowercased())"
    }
}
