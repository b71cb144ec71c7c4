import Testing
@testable import Analysis

@Suite struct WordSegmenterTests {
    func words(_ text: String) -> [String] { WordSegmenter.words(in: text).map { String($0.text) } }

    @Test func keepsMidWordMarksAndNumbers() {
        #expect(
            words("Mum's partner, e.g. s.47 on 3.5 days; 1,000 referrals") == [
                "Mum's", "partner", "e.g", "s", "47", "on", "3.5", "days", "1,000", "referrals",
            ])
        #expect(words("looked-after child_care (CiC)") == ["looked", "after", "child_care", "CiC"])
        #expect(words("Summary:text") == ["Summary", "text"])
        #expect(words("mum’s dadʼs") == ["mum’s", "dadʼs"])
    }

    @Test func offsetsAreUTF8BytesIntoTheText() {
        let text = "Café — über 3"
        let found = WordSegmenter.words(in: text)
        #expect(found.map(\.start) == [0, 10, 16])
        #expect(found.map(\.end) == [5, 15, 17])
        for word in found {
            let bytes = Array(text.utf8)[word.start..<word.end]
            #expect(String(decoding: bytes, as: UTF8.self) == word.text)
        }
    }

    @Test func combiningMarksStayWithTheirLetterAndIdeographsStandAlone() {
        #expect(words("nai\u{0308}ve 児童") == ["nai\u{0308}ve", "児", "童"])
    }
}

@Suite struct AnalyzerTests {
    /// A small vocabulary, so these tests do not depend on the bundled file's contents.
    static let vocabularyText = """
        term\tcanonical\tambiguous\tsource
        LAC\tlooked-after child\tno\ttest
        CP plan\tchild protection plan\tno\ttest
        s.47\tsection 47 child protection enquiry\tno\ttest
        mum\tmother\tno\ttest
        CP\tchild protection\tyes\ttest
        """
    static let analyzer = Analyzer(vocabulary: SocialCareVocabulary(tsv: vocabularyText), stopWords: .english)

    func terms(_ text: String) -> [String] { Self.analyzer.terms(text) }

    @Test func foldsCaseDiacriticsAndPossessives() {
        #expect(terms("The CAFÉ's Naïve parents' children") == ["cafe", "naiv", "parent", "children"])
        #expect(terms("mum’s dadʼs O'Neill") == ["mother", "dad", "o'neil"])
    }

    @Test func removesStopWords() {
        #expect(terms("It is not what they had been doing") == [])
        #expect(terms("he's at the nursery") == ["nurseri"])
    }

    @Test func expandsAbbreviationsCaseSensitively() throws {
        let tokens = Self.analyzer.analyze("LAC since the lac of care")
        #expect(tokens.map(\.term) == ["look", "child", "sinc", "lac", "care"])
        let expansion = try #require(tokens.first?.expansion)
        #expect(expansion.written == "LAC" && expansion.canonical == "looked-after child")
        #expect(tokens[0].startOffset == 0 && tokens[0].endOffset == 3 && tokens[1].endOffset == 3)
        #expect(tokens[3].expansion == nil)
    }

    @Test func multiWordTermsAndMixedCase() {
        #expect(
            terms("on a CP plan after s.47") == [
                "child", "protect", "plan", "section", "47", "child", "protect", "enquiri",
            ])
        #expect(terms("on a CP Plan") == ["child", "protect", "plan"])
        #expect(terms("on a cp plan") == ["cp", "plan"])
        #expect(terms("Mum said") == ["mother", "said"])
        #expect(
            terms("S.47 and s 47")
                == terms("section 47 child protection enquiry and section 47 child protection enquiry"))
    }

    @Test func anInitialAndAnAgeIsNotASection() {
        #expect(terms("S (47) at school") == ["s", "47", "school"])
        #expect(terms("CP, plan") == ["cp", "plan"])
    }

    @Test func ambiguousEntriesAreLeftAlone() {
        #expect(terms("CP concerns") == ["cp", "concern"])
    }

    @Test func documentAndQueryMeetOnTheSameCanonicalForm() {
        #expect(terms("LAC") == terms("looked after child"))
        #expect(terms("s.47") == terms("section 47 child protection enquiries"))
    }

    @Test func fingerprintChangesWithTheWordLists() {
        let otherVocabulary = Analyzer(
            vocabulary: SocialCareVocabulary(tsv: "term\tcanonical\tambiguous\tsource\nLAC\tchild in care\tno\ttest\n"),
            stopWords: .english)
        #expect(otherVocabulary.fingerprint != Self.analyzer.fingerprint)
        let otherStopWords = Analyzer(
            vocabulary: SocialCareVocabulary(tsv: Self.vocabularyText), stopWords: StopWords(text: "the\nand\n"))
        #expect(otherStopWords.fingerprint != Self.analyzer.fingerprint)
    }

    /// An analyzer made afresh from the same word lists (as each process does) accepts the indexes the
    /// last one built: the fingerprint depends on the lists' text only.
    @Test func fingerprintIsTheSameForTheSameWordLists() {
        #expect(
            Analyzer(vocabulary: SocialCareVocabulary(tsv: Self.vocabularyText), stopWords: .english).fingerprint
                == Self.analyzer.fingerprint)
        #expect(Analyzer(vocabulary: .bundled, stopWords: .english).fingerprint == Analyzer.standard.fingerprint)
    }

    @Test func bundledVocabularyLoadsAndExpandsCommonAbbreviations() {
        let standard = Analyzer.standard
        #expect(standard.vocabulary.entryCount > 50)
        #expect(standard.analyze("LAC").first?.expansion != nil)
        #expect(standard.analyze("lac").first?.expansion == nil)
    }
}
