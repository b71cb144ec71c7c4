internal import Foundation
public import EvidenceCore
internal import Analysis

/// How a case description was read, said once above the results: the ages and life stages it names, the
/// procedure words read as context, and whether enough of it could be read at all.
public struct CaseReading: Sendable, Encodable {
    /// Age groups named in the description ("7 mths", "15yo", "(4)", "Y10", "pre-birth", "care leaver").
    public var ages: [AgeGroup]
    /// Procedure words read as context, not subject ("CP plan → child protection plan").
    public var context: [String]
    /// False when too few of the description's words are in the evidence's vocabulary to rank anything
    /// honestly (made-up words, stop words only, another language): then there are no results.
    public var understood: Bool
    /// Words of the description that no record uses (at most eight), when it was not understood.
    public var unknownWords: [String]
    /// What to tell the reader when the description was not understood.
    public var message: String?

    private enum CodingKeys: String, CodingKey { case ages, context, understood, unknownWords, message }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ages.map(\.rawValue), forKey: .ages)
        try container.encode(context, forKey: .context)
        try container.encode(understood, forKey: .understood)
        try container.encode(unknownWords, forKey: .unknownWords)
        try container.encodeIfPresent(message, forKey: .message)
    }
}

/// Reads a case note the way a practitioner writes it, before ranking.
///
/// - Numbers and single letters (ages, dates, counts, times, initials) are not content words: they are
///   left out of the query, so "22", "4" or "J" can no longer decide a ranking.
/// - Ages and life stages become age groups (shown; a filter can then be set with one click).
/// - Procedure vocabulary (CIN, CP plan, ICPC, s.47, s.20, PLO, ICO…) is listed as context.
/// - A description is understood when at least half of its distinct content terms, or at least five of
///   them, occur in the index; otherwise no ranking is shown, rather than records "close in meaning" to
///   words that mean nothing to the index. (Calibrated on the bundled case notes, all understood, against
///   made-up words, stop words only and Welsh, none understood; see CaseReaderTests.) An index of fewer
///   than `smallIndex` records has too small a vocabulary to tell unreadable from unmatched, so there one
///   known term is enough.
enum CaseReader {
    /// The share of distinct content terms that must be known, unless `enoughKnown` are.
    static let knownShare = 0.5
    static let enoughKnown = 5
    static let smallIndex = 100

    /// True for a term that is a number or a single character.
    static func isNoise(_ term: String) -> Bool {
        term.count <= 1 || term.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" || $0 == "/" }
    }

    /// The query terms that count: everything but numbers and single letters.
    static func contentTerms(_ tokens: [AnalyzedToken]) -> [String] {
        tokens.map(\.term).filter { !isNoise($0) }
    }

    /// Reads `text`, whose analysed `tokens` are given; `known` tells which content terms the index holds.
    /// `indexedRecords` is the size of the index the terms were looked up in.
    static func read(_ text: String, tokens: [AnalyzedToken], known: Set<String>, indexedRecords: Int) -> CaseReading {
        let content = contentTerms(tokens)
        let distinct = Set(content)
        let knownCount = distinct.intersection(known).count
        let understood =
            !distinct.isEmpty && knownCount > 0
            && (indexedRecords < smallIndex || Double(knownCount) >= knownShare * Double(distinct.count)
                || knownCount >= enoughKnown)
        var unknown: [String] = []
        var message: String?
        if !understood {
            let bytes = Array(text.utf8)
            var seen = Set<String>()
            for token in tokens where !isNoise(token.term) && !known.contains(token.term) && unknown.count < 8 {
                let written = String(decoding: bytes[token.startOffset..<token.endOffset], as: UTF8.self)
                if seen.insert(written.lowercased()).inserted { unknown.append(written) }
            }
            message =
                distinct.isEmpty
                ? "The description has no words to search by (only common words such as 'the' or 'and', or numbers). Describe the family's situation in a sentence or two."
                : "Too few of the description's words appear in the evidence (not found: \(unknown.map { "'\($0)'" }.joined(separator: ", "))), so no ranking is shown. Describe the case in English, in everyday words or the usual abbreviations."
        }
        return CaseReading(
            ages: ages(in: text), context: context(tokens, text: text), understood: understood,
            unknownWords: unknown, message: message)
    }

    // MARK: - Ages

    /// Age groups named in `text`, in the vocabulary's order. O(text).
    static func ages(in text: String) -> [AgeGroup] {
        let lower = text.lowercased()
        var found = Set<AgeGroup>()
        func years(_ age: Int) {
            switch age {
            case 0: found.insert(.infant)
            case 1...4: found.insert(.earlyYears)
            case 5...11: found.insert(.primary)
            case 12...17: found.insert(.adolescent)
            case 18...25: found.insert(.youngAdult)
            default: break
            }
        }
        for match in lower.matches(of: agePatterns.years) {
            if let written = match.output.1 ?? match.output.2, let age = Int(written) { years(age) }
        }
        for match in lower.matches(of: agePatterns.parenthesised) { if let age = Int(match.output.1) { years(age) } }
        for match in lower.matches(of: agePatterns.months) {
            if let months = Int(match.output.1) { found.insert(months < 12 ? .infant : .earlyYears) }
        }
        for match in lower.matches(of: agePatterns.schoolYear) {
            if let year = Int(match.output.1) { found.insert(year <= 6 ? .primary : .adolescent) }
        }
        for (pattern, group) in agePatterns.stages where lower.contains(pattern) { found.insert(group) }
        return AgeGroup.allCases.filter(found.contains)
    }

    /// The patterns `ages(in:)` reads, built once.
    nonisolated(unsafe) static let agePatterns = (
        // Ages, not durations: "15yo", "15 y/o", "15-year-old", "15 yrs old", "aged 15" (not "for 2 years").
        years: #/\b(?:aged\s+)?(\d{1,2})\s*(?:-?\s*years?[- ]old|-?\s*yrs?\s+old|yo\b|y/o\b)|\baged\s+(\d{1,2})\b/#,
        parenthesised: #/\((\d{1,2})\)/#,
        months: #/\b(\d{1,2})\s*(?:-?\s*months?[- ]old|mths?\b|m/o\b)/#,
        schoolYear: #/\b(?:y|year\s*)(\d{1,2})\b/#,
        stages: [
            ("pre-birth", AgeGroup.preBirth), ("prebirth", .preBirth), ("unborn", .preBirth), ("pregnan", .preBirth),
            ("antenatal", .preBirth),
            ("newborn", .infant), ("baby", .infant), ("babies", .infant), ("infant", .infant),
            ("toddler", .earlyYears), ("under-five", .earlyYears), ("under five", .earlyYears),
            ("nursery", .earlyYears), ("pre-school", .earlyYears),
            ("primary school", .primary),
            ("teenage", .adolescent), ("teenager", .adolescent), ("adolescen", .adolescent),
            ("secondary school", .adolescent),
            ("care leaver", .youngAdult), ("leaving care", .youngAdult), ("young adult", .youngAdult),
        ]
    )

    // MARK: - Context

    /// The procedure vocabulary's canonical forms (from Analysis/Resources/social-care-terms.tsv, its
    /// sections on the child protection process and on court orders and legal process).
    static let procedures: Set<String> = [
        "child in need", "child protection plan", "child protection conference", "initial child protection conference",
        "review child protection conference", "child protection core group", "child protection medical examination",
        "section 47 child protection enquiry", "strategy discussion", "no further action",
        "achieving best evidence interview",
        "public law outline pre-proceedings", "section 20 voluntary accommodation", "interim care order", "care order",
        "emergency protection order", "placement order", "police protection", "child arrangements order",
    ]

    /// Procedure words of the description as written and read, once each, in written order.
    static func context(_ tokens: [AnalyzedToken], text: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for token in tokens {
            guard let expansion = token.expansion, procedures.contains(expansion.canonical) else { continue }
            let label = "\(expansion.written) → \(expansion.canonical)"
            if seen.insert(label.lowercased()).inserted { result.append(label) }
        }
        return result
    }
}
