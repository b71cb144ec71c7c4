import Testing
@testable import Embedding

/// The tokenizer's steps on a tiny vocabulary; needs no model (the real vocabulary is checked
/// against Hugging Face `tokenizers` in ``SentenceEncoderTests``).
struct WordPieceTokenizerTests {
    static let bert = BertNormalizer(
        cleansText: true, spacesChineseCharacters: true, stripsAccents: true, lowercases: true)

    let tokenizer = WordPieceTokenizer(
        vocabulary: [
            "[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "un": 5, "##aff": 6, "##able": 7,
            "the": 8, ",": 9, "cafe": 10, "$": 11, "5": 12, "中": 13, "a": 14, "##a": 15, "[": 16, "]": 17,
        ],
        normalizer: bert, specialTokens: ["[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "[UNK]": 1],
        unknownID: 1, classifierID: 2, separatorID: 3)

    private func ids(_ text: String, maximumLength: Int = 256) -> [Int32] {
        tokenizer.tokenIDs(for: text, maximumLength: maximumLength)
    }

    @Test("greedy longest-match WordPiece with ## continuations")
    func wordPieces() {
        #expect(ids("unaffable") == [2, 5, 6, 7, 3])
        #expect(ids("un") == [2, 5, 3])
    }

    @Test("a word no sequence of pieces covers is one [UNK]")
    func unknownWords() {
        #expect(ids("unx the") == [2, 1, 8, 3])
        #expect(ids("zebra") == [2, 1, 3])
    }

    @Test("words of more than 100 scalars are [UNK]")
    func longWords() {
        #expect(ids(String(repeating: "a", count: 100)) == [2, 14] + Array(repeating: 15, count: 99) + [3])
        #expect(ids(String(repeating: "a", count: 101)) == [2, 1, 3])
    }

    @Test("lower-casing, accent stripping and punctuation splitting")
    func normalisation() {
        #expect(ids("THE, Café") == [2, 8, 9, 10, 3])
        #expect(ids("$5") == [2, 11, 12, 3])
    }

    @Test("whitespace of every kind separates words; control and format characters vanish")
    func whitespaceAndControls() {
        #expect(ids("\tthe\u{3000}the\n\u{A0}the ") == [2, 8, 8, 8, 3])
        #expect(ids("t\u{200B}h\u{0}e\u{7}") == [2, 8, 3])
    }

    @Test("Chinese characters become words of their own")
    func chineseCharacters() {
        #expect(ids("中中") == [2, 13, 13, 3])
    }

    @Test("special tokens in the raw text become their ids; lower-cased ones do not")
    func specialTokens() {
        #expect(ids("the[MASK]the") == [2, 8, 4, 8, 3])
        #expect(ids("[mask]") == [2, 16, 1, 17, 3])
    }

    @Test("the sequence is cut to the maximum length, [SEP] kept")
    func truncation() {
        #expect(ids("the the the the the", maximumLength: 5) == [2, 8, 8, 8, 3])
        #expect(ids("the [MASK] the the", maximumLength: 4) == [2, 8, 4, 3])
        #expect(ids("", maximumLength: 2) == [2, 3])
    }

    @Test("the normaliser lower-cases scalar by scalar, as the Rust implementation does")
    func normaliser() {
        func normalize(_ text: String) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: Self.bert.normalize(text.unicodeScalars))
            return String(view)
        }
        #expect(normalize("ΣΑΣ") == "σασ")
        #expect(normalize("İstanbul") == "istanbul")
        #expect(normalize("Ñandú a\u{0301}") == "nandu a")
        #expect(normalize("x\u{2B820}y\u{2B920}z") == "x\u{2B820}y \u{2B920} z")
        let keepsAccents = BertNormalizer(
            cleansText: true, spacesChineseCharacters: true, stripsAccents: false, lowercases: true)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: keepsAccents.normalize("Café".unicodeScalars))
        #expect(String(view) == "café")
    }

    @Test("BERT punctuation includes ASCII symbols and Unicode punctuation")
    func punctuation() {
        let words = BertPreTokenizer.words(in: Array("a$b+c’d «e» f~g".unicodeScalars)).map {
            String(String.UnicodeScalarView($0))
        }
        #expect(words == ["a", "$", "b", "+", "c", "’", "d", "«", "e", "»", "f", "~", "g"])
    }
}
