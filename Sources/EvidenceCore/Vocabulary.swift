/// The controlled vocabularies of an evidence record, defined once here.
///
/// `Corpus/README.md` lists the same values for people writing records; a test keeps the two in step.
/// Every value is a lower-case snake_case word, the form used in every file format we read and write.

/// What every vocabulary offers: its wire value, a label for people, and the list of all its terms.
public protocol ControlledTerm: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == String {
    /// The name of the vocabulary as it appears in messages ("kind", "topic").
    static var vocabularyName: String { get }
    /// A short label for people ("Impact study").
    var label: String { get }
}

extension ControlledTerm {
    /// All wire values, in declaration order, for messages such as "expected one of …".
    public static var allValues: [String] { allCases.map(\.rawValue) }

    /// Reads a value written by a person: exact wire value, or the label, ignoring case,
    /// surrounding spaces, and the choice between spaces, hyphens and underscores.
    public init?(lenient text: String) {
        let wanted = Self.normalised(text)
        guard
            let match = Self.allCases.first(where: {
                Self.normalised($0.rawValue) == wanted || Self.normalised($0.label) == wanted
            })
        else { return nil }
        self = match
    }

    /// Lower-cased words joined by single underscores: "Impact study", "impact-study" → "impact_study".
    static func normalised(_ text: String) -> String {
        text.lowercased()
            .split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "_" })
            .joined(separator: "_")
    }
}

/// The kind of knowledge a record carries. Research, practice learning and lived experience are
/// shown side by side; their strength is described differently (see `LearningWeight`).
public enum EvidenceKind: String, ControlledTerm {
    case impactStudy = "impact_study"
    case systematicReview = "systematic_review"
    case programme
    case implementationOrQualitative = "implementation_or_qualitative"
    case practiceLearning = "practice_learning"
    case livedExperience = "lived_experience"
    case guidance
    case statistics
    /// Imported without a kind; never used in the bundled corpus.
    case unclassified

    public static let vocabularyName = "kind"

    public var label: String {
        switch self {
        case .impactStudy: "Impact study"
        case .systematicReview: "Systematic review"
        case .programme: "Programme"
        case .implementationOrQualitative: "Implementation or qualitative study"
        case .practiceLearning: "Practice learning"
        case .livedExperience: "Lived experience"
        case .guidance: "Guidance"
        case .statistics: "Statistics"
        case .unclassified: "Unclassified"
        }
    }

    /// The three families a practitioner sees results grouped by.
    public enum Family: String, Sendable, CaseIterable {
        case research, practiceLearning = "practice_learning", livedExperience = "lived_experience", other
    }

    public var family: Family {
        switch self {
        case .impactStudy, .systematicReview, .programme, .implementationOrQualitative: .research
        case .practiceLearning, .guidance: .practiceLearning
        case .livedExperience: .livedExperience
        case .statistics, .unclassified: .other
        }
    }

    /// Practice learning and lived experience carry a learning weight instead of an effectiveness grade.
    public var takesLearningWeight: Bool { self == .practiceLearning || self == .livedExperience }
}

/// What a record is about. The first twenty-four are the coverage floors of the bundled corpus.
public enum Topic: String, ControlledTerm {
    case neglect
    case physicalAbuse = "physical_abuse"
    case emotionalAbuse = "emotional_abuse"
    case domesticAbuse = "domestic_abuse"
    case parentalSubstanceMisuse = "parental_substance_misuse"
    case parentalMentalHealth = "parental_mental_health"
    case intrafamilialSexualAbuse = "intrafamilial_sexual_abuse"
    case extrafamilialHarm = "extrafamilial_harm"
    case onlineHarm = "online_harm"
    case infantsPreBirth = "infants_pre_birth"
    case disabledChildren = "disabled_children"
    case childrenInCare = "children_in_care"
    case kinshipCare = "kinship_care"
    case fosteringAdoption = "fostering_adoption"
    case careLeavers = "care_leavers"
    case earlyHelp = "early_help"
    case parenting
    case reunificationEdgeOfCare = "reunification_edge_of_care"
    case familyJustice = "family_justice"
    case adolescentMentalHealth = "adolescent_mental_health"
    case education
    case poverty
    case ethnicityDisproportionality = "ethnicity_disproportionality"
    case uasc
    case fathers
    case voiceParticipation = "voice_participation"
    case workforce
    case youthJustice = "youth_justice"
    case assessmentDecisionMaking = "assessment_decision_making"
    case childProtectionSystem = "child_protection_system"

    public static let vocabularyName = "topic"

    public var label: String {
        switch self {
        case .neglect: "Neglect"
        case .physicalAbuse: "Physical abuse"
        case .emotionalAbuse: "Emotional abuse"
        case .domesticAbuse: "Domestic abuse"
        case .parentalSubstanceMisuse: "Parental substance misuse"
        case .parentalMentalHealth: "Parental mental health"
        case .intrafamilialSexualAbuse: "Sexual abuse within the family"
        case .extrafamilialHarm: "Exploitation and harm outside the home"
        case .onlineHarm: "Online harm"
        case .infantsPreBirth: "Infants and pre-birth"
        case .disabledChildren: "Disabled children"
        case .childrenInCare: "Children in care"
        case .kinshipCare: "Kinship care"
        case .fosteringAdoption: "Fostering and adoption"
        case .careLeavers: "Care leavers"
        case .earlyHelp: "Early help and family support"
        case .parenting: "Parenting"
        case .reunificationEdgeOfCare: "Reunification and edge of care"
        case .familyJustice: "Family justice"
        case .adolescentMentalHealth: "Adolescent mental health and self-harm"
        case .education: "School attendance, exclusion and education"
        case .poverty: "Poverty"
        case .ethnicityDisproportionality: "Ethnicity and disproportionality"
        case .uasc: "Unaccompanied asylum-seeking children"
        case .fathers: "Working with fathers and men"
        case .voiceParticipation: "Voice and participation"
        case .workforce: "Workforce, supervision and reflective practice"
        case .youthJustice: "Youth justice"
        case .assessmentDecisionMaking: "Assessment and decision-making"
        case .childProtectionSystem: "Child protection system"
        }
    }
}

/// The age of the children a record is about.
public enum AgeGroup: String, ControlledTerm {
    case preBirth = "pre_birth"
    case infant
    case earlyYears = "early_years"
    case primary
    case adolescent
    case youngAdult = "young_adult"
    case allAges = "all_ages"

    public static let vocabularyName = "age group"

    public var label: String {
        switch self {
        case .preBirth: "Pre-birth"
        case .infant: "Infant (under 1)"
        case .earlyYears: "Early years (1-4)"
        case .primary: "Primary age (5-11)"
        case .adolescent: "Adolescent (12-17)"
        case .youngAdult: "Young adult (18-25)"
        case .allAges: "All ages"
        }
    }
}

/// How strongly an outcome has been shown, whatever its direction. Mapped from the clearinghouses'
/// scales as in `Corpus/README.md` (e.g. CEBC 1 or Title IV-E "Well-supported" → strong).
public enum EvidenceStrength: String, ControlledTerm, Comparable {
    case strong, moderate, emerging, limited
    case notAssessed = "not_assessed"

    public static let vocabularyName = "strength"

    public var label: String {
        switch self {
        case .strong: "Strong"
        case .moderate: "Moderate"
        case .emerging: "Emerging"
        case .limited: "Limited"
        case .notAssessed: "Not assessed"
        }
    }

    /// Higher is stronger: strong 4, moderate 3, emerging 2, limited 1, not assessed 0.
    public var rank: Int {
        switch self {
        case .strong: 4
        case .moderate: 3
        case .emerging: 2
        case .limited: 1
        case .notAssessed: 0
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Which way the evidence for an outcome points.
public enum EffectDirection: String, ControlledTerm {
    case benefit, mixed
    case noDifference = "no_difference"
    case harmSignal = "harm_signal"
    case notApplicable = "not_applicable"

    public static let vocabularyName = "direction"

    public var label: String {
        switch self {
        case .benefit: "Benefit"
        case .mixed: "Mixed"
        case .noDifference: "No difference"
        case .harmSignal: "Harm signal"
        case .notApplicable: "Not applicable"
        }
    }
}

/// The weight of learning of practice learning and lived experience, which get no effectiveness grade.
public enum LearningWeight: String, ControlledTerm {
    case nationalReview = "national_review"
    case multiCaseAnalysis = "multi_case_analysis"
    case singleCaseReview = "single_case_review"
    case largeSurvey = "large_survey"
    case smallQualitative = "small_qualitative"
    case singleAccount = "single_account"

    public static let vocabularyName = "learning weight"

    public var label: String {
        switch self {
        case .nationalReview: "National review"
        case .multiCaseAnalysis: "Multi-case analysis"
        case .singleCaseReview: "Single case review"
        case .largeSurvey: "Large survey"
        case .smallQualitative: "Small qualitative study"
        case .singleAccount: "Single account"
        }
    }
}

/// Whether the evidence was tested in the UK.
public enum UKTested: String, ControlledTerm {
    case yes, no, unknown

    public static let vocabularyName = "UK-tested"

    public var label: String {
        switch self {
        case .yes: "Tested in the UK"
        case .no: "Not tested in the UK"
        case .unknown: "UK testing unknown"
        }
    }
}

/// A value outside its vocabulary, with the values that are allowed: the one message every reader,
/// option and request gives for it.
public struct UnknownTerm: Error, CustomStringConvertible, Sendable {
    public var value: String
    public var vocabulary: String
    public var allowed: [String]

    public var description: String {
        "'\(value)' is not a known \(vocabulary) (expected one of: \(allowed.joined(separator: ", ")))"
    }
}

extension ControlledTerm {
    /// Reads a value as `init(lenient:)` does, or says what is allowed.
    public static func parse(_ text: String) throws(UnknownTerm) -> Self {
        guard let term = Self(lenient: text) else {
            throw UnknownTerm(value: text, vocabulary: vocabularyName, allowed: allValues)
        }
        return term
    }
}
