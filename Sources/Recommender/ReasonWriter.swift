internal import Foundation
internal import Analysis

/// Turns what a record matched into words a practitioner can read: the concepts of the description it
/// shares and the abbreviations as they were read.
enum ReasonWriter {
    /// The most concepts a reason names.
    static let maximumConcepts = 5

    /// The words of the description whose terms the record shares, once each, in written order, leaving
    /// out bare numbers (ages, dates and counts say nothing about why a record fits).
    static func concepts(
        _ tokens: [AnalyzedToken], shared: Set<String>, in text: String
    ) -> [Recommendation.MatchedConcept] {
        var seen = Set<String>()
        var result: [Recommendation.MatchedConcept] = []
        let bytes = text.utf8
        for token in tokens where shared.contains(token.term) && !token.term.allSatisfy(\.isNumber) {
            let start = bytes.index(bytes.startIndex, offsetBy: token.startOffset),
                end = bytes.index(start, offsetBy: token.endOffset - token.startOffset)
            let written = String(decoding: bytes[start..<end], as: UTF8.self)
            let concept = Recommendation.MatchedConcept(written: written, expandedTo: token.expansion?.canonical)
            if seen.insert(concept.label.lowercased()).inserted { result.append(concept) }
        }
        return result
    }

    static func reasons(_ concepts: [Recommendation.MatchedConcept]) -> [String] {
        var reasons: [String] = []
        if concepts.isEmpty {
            reasons.append("Close in meaning to your description, though it shares none of its words.")
        } else {
            reasons.append(
                "Shares with your description: " + concepts.prefix(maximumConcepts).map(\.label).joined(separator: ", ")
                    + ".")
        }
        let expansions = concepts.filter { $0.expandedTo != nil }
        if !expansions.isEmpty {
            reasons.append("Abbreviations read as: " + expansions.map(\.label).joined(separator: "; ") + ".")
        }
        return reasons
    }
}
