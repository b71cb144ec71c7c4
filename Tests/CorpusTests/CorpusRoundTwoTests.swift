import Foundation
import Testing
import EvidenceCore
import EvidenceTestSupport
import Ingest

/// The rules the second corpus round added: coverage of the subjects practitioners bring, checking
/// notes kept out of what practitioners read, strength that follows the design, and our own words.
@Suite struct CorpusRoundTwoTests {
    static var records: [EvidenceRecord] { CorpusCheckTests.records }

    /// The text a reader sees of a record.
    static func readable(_ record: EvidenceRecord) -> String {
        [record.title, record.summary, record.findings, record.practiceImplications].joined(separator: "\n")
    }

    @Test func corpusHoldsAtLeast420Records() {
        #expect(Self.records.count >= 420, "\(Self.records.count) records")
    }

    /// Subjects practitioners commonly bring that once had no record or only one or two, each with the
    /// words that name it (case-insensitive unless the pattern says otherwise).
    static let subjects: [(name: String, pattern: String)] = [
        ("child-to-parent violence", "(?i)child[- ]to[- ]parent|adolescent[- ]to[- ]parent"),
        (
            "emotionally based school avoidance",
            "(?i)emotionally based school avoidance|school avoidance|school refusal"
        ),
        ("LGBT+ young people", "(?i)LGBT|lesbian, gay|transgender"),
        ("private law and child arrangements", "(?i)private law|child arrangements"),
        ("female genital mutilation", "(?i)female genital mutilation"),
        (
            "radicalisation",
            "(?i)radicali[sz]|extremis|Prevent (duty|referral|programme|strategy)|Channel (panel|programme)"
        ),
        ("Safe Families", "Safe Families"),
        ("bruising in non-mobile babies", "(?i)non-mobile|sentinel injur"),
        ("SEND and EHC plans", "\\bSEND\\b|(?i)EHC plan|education, health and care plan"),
        (
            "children of prisoners",
            "(?i)parents? in prison|imprisoned parent|prisoners' children|children of prisoners|parental imprisonment"
        ),
        ("homeless 16 and 17 year olds", "(?i)homeless"),
        ("children missing from home or care", "(?i)missing from (home|care)|return (home )?interview"),
        ("forced marriage and honour-based abuse", "(?i)forced marriage|honour-based"),
        ("the Graded Care Profile", "Graded Care Profile"),
        ("Mockingbird", "Mockingbird"),
        ("parents with learning disabilities", "(?i)learning disabilit"),
        ("No Wrong Door", "No Wrong Door"),
        ("Staying Close", "Staying Close"),
        ("short breaks", "(?i)short breaks?"),
        ("young carers", "(?i)young carers?"),
    ]

    @Test(arguments: subjects.map(\.name))
    func subjectHasAtLeastThreeRecords(_ name: String) throws {
        let pattern = try #require(Self.subjects.first { $0.name == name }?.pattern)
        let expression = try Regex(pattern)
        let count = Self.records.filter { Self.readable($0).contains(expression) }.count
        #expect(count >= 3, "\(name): \(count) records name it")
    }

    /// Internal checking notes belong in `checking`, shown at most under "How we checked this".
    @Test func caveatsHoldNoCheckingNotes() throws {
        let checkingNote = try Regex(
            "(?i)audit 20|not found in the stored|not re-?checked|fact sheet|fact-sheet|stored cop(y|ies)|domain notes|author list shortened"
        )
        for record in Self.records {
            for caveat in record.caveats {
                #expect(
                    !caveat.contains(checkingNote),
                    "record \(record.id): a checking note among its caveats: \(caveat.prefix(100))")
            }
        }
    }

    /// A clearinghouse label alone never makes "strong": the basis must name randomised evidence.
    @Test func strongEvidenceRestsOnRandomisedStudies() throws {
        let randomised = try Regex("(?i)randomi[sz]|\\bRCTs?\\b|meta-analys|systematic review")
        for record in Self.records {
            for outcome in record.outcomes where outcome.strength == .strong {
                #expect(
                    outcome.basis.contains(randomised),
                    "record \(record.id): '\(outcome.outcome)' is strong on '\(outcome.basis)'")
            }
        }
    }

    @Test func everyRecordSaysWhenItWasLastCheckedAndWhichAgesItCovers() {
        for record in Self.records {
            #expect(record.lastChecked.count == 10, "record \(record.id) has no review date")
            #expect(!record.ageGroups.isEmpty, "record \(record.id) has no age groups")
        }
    }
}

private let factSheet = Repository.path("../shared/reference/corpus-facts.jsonl")

/// Our own words, checked by a machine against the project's fact sheet (which paraphrases the sources):
/// no record's summary, findings or practice line may share a run of `runLength` words with a fact's
/// finding or population outside quotation marks. Titles are left out on both sides: a report's title is
/// its name, not a sentence of ours. Runs where the
/// project's shared/ folder lies beside the repository, as in CI.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: factSheet), "needs shared/reference beside the repository"))
struct OwnWordsTests {
    static let runLength = 12

    /// Lower-case words of letters (numbers and punctuation ignored), so that a changed figure does not hide a copied sentence.
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0 == "'") }.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "'"))[...]
        }.filter { !$0.isEmpty }
    }

    /// The text with quotations ("…" on one line, or “…”) taken out.
    static func unquoted(_ text: String) -> String {
        text.replacing(try! Regex("\"[^\"\\n]*\"|“[^”]*”"), with: " ")
    }

    static func runs(_ words: [Substring]) -> Set<[Substring]> {
        guard words.count >= runLength else { return [] }
        return Set((0...(words.count - runLength)).map { Array(words[$0..<($0 + runLength)]) })
    }

    @Test func noRecordCopiesARunOfTheFactSheet() throws {
        var factRuns = Set<[Substring]>()
        for line in try String(contentsOfFile: factSheet, encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for field in ["finding", "population"] {
                factRuns.formUnion(Self.runs(Self.words(object[field] as? String ?? "")))
            }
        }
        for record in CorpusRoundTwoTests.records {
            let prose = [record.summary, record.findings, record.practiceImplications].joined(separator: "\n")
            let shared = Self.runs(Self.words(Self.unquoted(prose))).intersection(factRuns)
            #expect(
                shared.isEmpty,
                "record \(record.id) shares wording with the fact sheet: \(shared.first.map { $0.joined(separator: " ") } ?? "")"
            )
        }
    }
}
