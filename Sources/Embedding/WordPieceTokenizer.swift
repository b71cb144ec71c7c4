internal import Foundation

/// BERT's tokenizer as configured by a Hugging Face `tokenizer.json`: text in, model input ids out.
///
/// Pipeline, matching `tokenizers` for all-MiniLM-L6-v2:
/// 1. added tokens: exact occurrences of the special tokens (`[CLS]`, `[SEP]`, `[MASK]`, …) in the
///    raw text become their ids directly (leftmost, then longest match), as `tokenizers` does for
///    added tokens with `"normalized": false`;
/// 2. the rest is normalised (``BertNormalizer``) and split into words (``BertPreTokenizer``);
/// 3. WordPiece: each word becomes the greedy longest-match-first sequence of vocabulary pieces,
///    pieces after the first looked up with the `##` prefix; a word longer than 100 scalars, or one
///    with a remainder no piece matches, becomes the single id of `[UNK]`;
/// 4. `[CLS]` ids `[SEP]`, keeping only the first `maximumLength − 2` ids of step 3.
/// Vocabulary keys are compared scalar by scalar (not by Swift's canonical string equivalence), as
/// in the Rust implementation. O(length · p) dictionary look-ups, p the longest vocabulary entry
/// (18 scalars here).
struct WordPieceTokenizer: Sendable {
    /// A vocabulary entry as Unicode scalars.
    typealias Piece = [Unicode.Scalar]

    /// A token matched in the raw text before normalisation.
    struct SpecialToken: Sendable, Equatable {
        var scalars: Piece
        var id: Int32
    }

    let vocabulary: [Piece: Int32]
    let normalizer: BertNormalizer
    /// Added tokens, longest first so the first match at a position is the longest.
    let specialTokens: [SpecialToken]
    let unknownID: Int32
    let classifierID: Int32
    let separatorID: Int32
    let continuationPrefix: Piece
    let maximumWordLength: Int
    /// The longest vocabulary entry in scalars: no piece can be longer.
    let longestPiece: Int

    init(
        vocabulary: [String: Int32], normalizer: BertNormalizer, specialTokens: [String: Int32],
        unknownID: Int32, classifierID: Int32, separatorID: Int32,
        continuationPrefix: String = "##", maximumWordLength: Int = 100
    ) {
        var pieces: [Piece: Int32] = [:]
        for (text, id) in vocabulary { pieces[Array(text.unicodeScalars)] = id }
        self.vocabulary = pieces
        self.normalizer = normalizer
        self.specialTokens = specialTokens.map { SpecialToken(scalars: Array($0.key.unicodeScalars), id: $0.value) }
            .sorted { ($0.scalars.count, $1.id) > ($1.scalars.count, $0.id) }
        self.unknownID = unknownID
        self.classifierID = classifierID
        self.separatorID = separatorID
        self.continuationPrefix = Array(continuationPrefix.unicodeScalars)
        self.maximumWordLength = maximumWordLength
        longestPiece = pieces.keys.map(\.count).max() ?? 0
    }

    /// Reads `tokenizer.json`, accepting only what this type implements: a WordPiece model, a
    /// BertNormalizer (or none), a BertPreTokenizer, and added tokens matched on the raw text.
    init(contentsOf url: URL) throws {
        func fail(_ reason: String) -> EmbeddingError { .invalidTokenizer(path: url.path, reason: reason) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EmbeddingError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let file: TokenizerFile
        do {
            file = try JSONDecoder().decode(TokenizerFile.self, from: data)
        } catch {
            throw fail("it is not a WordPiece tokenizer.json (\(error))")
        }
        guard file.model.type == "WordPiece" else { throw fail("the model is \(file.model.type), expected WordPiece") }
        if let preTokenizer = file.preTokenizer, preTokenizer.type != "BertPreTokenizer" {
            throw fail("the pre-tokenizer is \(preTokenizer.type), expected BertPreTokenizer")
        }
        let normalizer: BertNormalizer
        if let configured = file.normalizer {
            guard configured.type == "BertNormalizer" else {
                throw fail("the normalizer is \(configured.type), expected BertNormalizer")
            }
            let lowercase = configured.lowercase ?? true
            normalizer = BertNormalizer(
                cleansText: configured.cleanText ?? true,
                spacesChineseCharacters: configured.handleChineseChars ?? true,
                stripsAccents: configured.stripAccents ?? lowercase, lowercases: lowercase)
        } else {
            normalizer = BertNormalizer(
                cleansText: false, spacesChineseCharacters: false, stripsAccents: false, lowercases: false)
        }
        var specialTokens: [String: Int32] = [:]
        for token in file.addedTokens ?? [] {
            // tokenizers' default: special tokens are matched on the raw text, others after normalisation.
            let normalized = token.normalized ?? !(token.special ?? false)
            guard !normalized, token.singleWord != true, token.lstrip != true, token.rstrip != true else {
                throw fail(
                    "added token \(token.content) asks for normalised, single-word or stripped matching, which is not implemented"
                )
            }
            specialTokens[token.content] = token.id
        }
        let vocabulary = file.model.vocab
        func id(of token: String) throws -> Int32 {
            guard let id = vocabulary[token] else { throw fail("the vocabulary lacks \(token)") }
            return id
        }
        guard (file.model.maxInputCharsPerWord ?? 100) > 0 else {
            throw fail("max_input_chars_per_word must be positive")
        }
        self.init(
            vocabulary: vocabulary, normalizer: normalizer, specialTokens: specialTokens,
            unknownID: try id(of: file.model.unkToken), classifierID: try id(of: "[CLS]"),
            separatorID: try id(of: "[SEP]"),
            continuationPrefix: file.model.continuingSubwordPrefix ?? "##",
            maximumWordLength: file.model.maxInputCharsPerWord ?? 100)
    }

    /// Whether every id the tokenizer can emit indexes a word-embedding table of `rows` rows.
    func fitsVocabulary(ofSize rows: Int) -> Bool {
        (Array(vocabulary.values) + specialTokens.map(\.id)).allSatisfy { $0 >= 0 && Int($0) < rows }
    }

    /// The model input for `text`: `[CLS]`, at most `maximumLength − 2` token ids, `[SEP]`.
    func tokenIDs(for text: String, maximumLength: Int) -> [Int32] {
        precondition(maximumLength >= 2, "room is needed for [CLS] and [SEP]")
        let budget = maximumLength - 2
        let scalars = Array(text.unicodeScalars)
        var ids: [Int32] = [classifierID]
        var start = 0, position = 0
        func tokenizeText(upTo end: Int) {
            guard start < end, ids.count <= budget else { return }
            for word in BertPreTokenizer.words(in: normalizer.normalize(scalars[start..<end])) {
                appendPieces(of: word, to: &ids)
                if ids.count > budget { return }
            }
        }
        while position < scalars.count && ids.count <= budget {
            if let token = specialTokens.first(where: { scalars[position...].starts(with: $0.scalars) }) {
                tokenizeText(upTo: position)
                if ids.count <= budget { ids.append(token.id) }
                position += token.scalars.count
                start = position
            } else {
                position += 1
            }
        }
        tokenizeText(upTo: scalars.count)
        return ids.prefix(budget + 1) + [separatorID]
    }

    /// Appends the WordPiece ids of one word, or `[UNK]` if it is too long or cannot be covered.
    private func appendPieces(of word: ArraySlice<Unicode.Scalar>, to ids: inout [Int32]) {
        guard word.count <= maximumWordLength else {
            ids.append(unknownID)
            return
        }
        var pieces: [Int32] = []
        var start = word.startIndex
        while start < word.endIndex {
            var end = min(word.endIndex, start + longestPiece)
            var match: Int32?
            while start < end && match == nil {
                let key = start == word.startIndex ? Piece(word[start..<end]) : continuationPrefix + word[start..<end]
                match = vocabulary[key]
                if match == nil { end -= 1 }
            }
            guard let id = match else {
                ids.append(unknownID)
                return
            }
            pieces.append(id)
            start = end
        }
        ids.append(contentsOf: pieces)
    }
}

/// The parts of `tokenizer.json` the tokenizer reads.
private struct TokenizerFile: Decodable {
    struct Model: Decodable {
        var type: String
        var vocab: [String: Int32]
        var unkToken: String
        var continuingSubwordPrefix: String?
        var maxInputCharsPerWord: Int?

        enum CodingKeys: String, CodingKey {
            case type, vocab, unkToken = "unk_token", continuingSubwordPrefix = "continuing_subword_prefix"
            case maxInputCharsPerWord = "max_input_chars_per_word"
        }
    }

    struct Normalizer: Decodable {
        var type: String
        var cleanText: Bool?
        var handleChineseChars: Bool?
        var stripAccents: Bool?
        var lowercase: Bool?

        enum CodingKeys: String, CodingKey {
            case type, cleanText = "clean_text", handleChineseChars = "handle_chinese_chars"
            case stripAccents = "strip_accents", lowercase
        }
    }

    struct PreTokenizer: Decodable {
        var type: String
    }

    struct AddedToken: Decodable {
        var id: Int32
        var content: String
        var special: Bool?
        var singleWord: Bool?
        var lstrip: Bool?
        var rstrip: Bool?
        var normalized: Bool?

        enum CodingKeys: String, CodingKey {
            case id, content, special, singleWord = "single_word", lstrip, rstrip, normalized
        }
    }

    var model: Model
    var normalizer: Normalizer?
    var preTokenizer: PreTokenizer?
    var addedTokens: [AddedToken]?

    enum CodingKeys: String, CodingKey {
        case model, normalizer, preTokenizer = "pre_tokenizer", addedTokens = "added_tokens"
    }
}
