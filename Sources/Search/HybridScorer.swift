internal import EvidenceCore
public import Analysis
public import Store
public import Indexing
internal import Ranking

/// Lexical and semantic scores fused (`ScoreFusion.linear`), then, when a query vector from the sentence
/// encoder is given, fused again with each record's best-passage cosine, both standardised:
///
///     fused = (1 − w)·z_lexical + w·z_LSA,   final = (1 − e)·z(fused) + e·z_meaning
///
/// The top k is picked by `TopK`. Per query: the postings of its terms, one or two LSA `sgemv` scans (two
/// with feedback), one `sgemv` over the passage vectors, and a few O(N) passes.
public struct HybridScorer {
    public let configuration: RankingConfiguration
    public let lexical: LexicalScorer
    /// The LSA space; nil when the configuration turns the semantic side off or the index has none.
    public let semantic: SemanticIndex?
    /// The sentence encoder's passage vectors; nil when the configuration turns them off or none are stored.
    let passages: PassageMatrix?

    init(
        lexical: LexicalScorer, semantic: SemanticIndex?, passages: PassageMatrix?, configuration: RankingConfiguration
    ) {
        self.configuration = configuration
        self.lexical = lexical
        self.semantic = configuration.semanticWeight > 0 ? semantic : nil
        self.passages = configuration.encoderWeight > 0 ? passages : nil
    }

    public init(lexical: LexicalScorer, semantic: SemanticIndex?, configuration: RankingConfiguration) {
        self.init(lexical: lexical, semantic: semantic, passages: nil, configuration: configuration)
    }

    /// A scorer over `reader`'s snapshot alone, for evaluating a configuration: uses the stored LSA space
    /// when it has the rank asked for, and otherwise computes one (a randomized SVD over every record).
    /// Searches go through an `IndexReader`, which never computes a space.
    public init(reader: StoreReader, configuration: RankingConfiguration, analyzer: Analyzer = .standard) throws {
        let lexical = try LexicalScorer(reader: reader, scheme: configuration.scheme, analyzer: analyzer)
        var semantic: SemanticIndex?
        if configuration.semanticWeight > 0 {
            if try reader.indexMeta()[IndexFormat.MetaKey.semanticRank] == String(configuration.semanticRank),
                let stored = try SemanticIndex.load(reader)
            {
                semantic = stored
            } else {
                semantic = try SemanticIndex.compute(reader, rank: configuration.semanticRank)
            }
        }
        let passages =
            configuration.encoderWeight > 0 ? try PassageMatrix.load(reader, docNumbers: lexical.table.docNumbers) : nil
        self.init(lexical: lexical, semantic: semantic, passages: passages, configuration: configuration)
    }

    /// Whether this scorer uses passage vectors (when given a query vector).
    public var usesPassages: Bool { passages != nil }

    /// The best `k` records for `text`, best first, ties by record id; `meaning` is the text's vector from
    /// the sentence encoder, when there is one.
    public func rank(_ text: String, meaning: [Float]? = nil, k: Int, explain: Bool = false) throws -> [ScoredRecord] {
        try rank(terms: lexical.analyzer.terms(text), meaning: meaning, k: k, explain: explain)
    }

    /// The best `k` records for the analysed query `terms` among those `allowed` allows, best first, ties by
    /// record id. With `explain`, each returned record gets its explanation tree (the fusion, the lexical
    /// score's terms, the semantic cosine), and only the returned ones; with `matches`, the query terms it
    /// contains, taken from the accumulation pass. `meaning` is the query's vector from the sentence
    /// encoder; without it (or without stored passage vectors) the encoder takes no part.
    public func rank(
        terms: [String], meaning: [Float]? = nil, k: Int, allowed: DocumentMask? = nil,
        explain: Bool = false, matches: Bool = false
    ) throws -> [ScoredRecord] {
        let meaningScores = meaning.flatMap { vector in passages.map { $0.scores(query: vector, slots: lexical.slots) }
        }
        guard semantic != nil || meaningScores != nil else {
            return try lexical.top(terms: terms, k: k, allowed: allowed, explain: explain, matches: matches)
        }
        let accumulation = try lexical.accumulation(terms: terms, matches: matches)
        let lexicalScores = accumulation.scores
        let lexicalMoments = ScoreFusion.Moments(lexicalScores)
        var query = semantic?.queryVector(terms: terms) ?? []
        let slots = lexical.slots
        let w = semantic == nil ? 0 : configuration.semanticWeight
        let e = configuration.encoderWeight
        let meaningMoments = meaningScores.map(ScoreFusion.Moments.init)
        /// The best k by final score among the records `mask` allows (all when nil), with the LSA cosines,
        /// their moments and the moments of the first fusion (for the explanations).
        func fuse(
            _ query: [Float], k: Int, mask: DocumentMask?, withMeaning: Bool
        )
            -> (
                picked: [(index: Int, score: Double)], cosines: [Double], moments: ScoreFusion.Moments,
                fusedMoments: ScoreFusion.Moments?
            )
        {
            let cosines = semantic?.scores(query: query, slots: slots) ?? [Double](repeating: 0, count: slots)
            let moments = ScoreFusion.Moments(cosines)
            var fused = ScoreFusion.linear(
                lexical: lexicalScores, lexicalMoments, semantic: cosines, moments, semanticWeight: w)
            var fusedMoments: ScoreFusion.Moments?
            if withMeaning, let meaningScores, let meaningMoments {
                let first = ScoreFusion.Moments(fused)
                fusedMoments = first
                for slot in fused.indices {
                    fused[slot] = (1 - e) * first.z(fused[slot]) + e * meaningMoments.z(meaningScores[slot])
                }
            }
            for slot in lexical.vacantSlots { fused[slot] = -.infinity }
            mask?.forEachExcluded { fused[$0] = -.infinity }
            return (
                TopK.select(fused, k: k) { lexical.recordId(ofDocument: $0) }.filter { $0.score > -.infinity }, cosines,
                moments, fusedMoments
            )
        }
        var feedback = ""
        if let semantic, configuration.feedbackDocuments > 0 {
            // The first pass ignores the filter: the query's meaning does not depend on what is filtered out.
            let firstPass = fuse(
                query, k: configuration.feedbackDocuments, mask: nil, withMeaning: meaningScores != nil
            ).picked
            query = semantic.rocchio(
                query, towards: firstPass.map(\.index), weight: Float(configuration.feedbackWeight))
            feedback =
                ", the query moved towards its first \(firstPass.count) results (Rocchio, β \(configuration.feedbackWeight))"
        }
        let result = fuse(query, k: k, mask: allowed, withMeaning: true)
        let lexicalTrees =
            explain ? try lexical.explanations(terms: terms, documents: Set(result.picked.map(\.index))) : [:]
        return result.picked.map { doc, score in
            var explanation: Explanation?
            if explain {
                let lexicalZ = lexicalMoments.z(lexicalScores[doc]), semanticZ = result.moments.z(result.cosines[doc])
                let fused = Explanation(
                    (1 - w) * lexicalZ + w * semanticZ, "(1 − \(w))·z_lexical + \(w)·z_semantic",
                    [
                        Explanation(
                            lexicalZ,
                            "z_lexical: the lexical score \(Explanation.format(lexicalScores[doc])) standardised over all records",
                            lexicalTrees[doc].map { [$0] } ?? []),
                        Explanation(
                            semanticZ,
                            "z_semantic: the LSA cosine \(Explanation.format(result.cosines[doc])) standardised over all records\(feedback)"
                        ),
                    ])
                if let fusedMoments = result.fusedMoments, let meaningScores, let meaningMoments {
                    explanation = Explanation(
                        score, "(1 − \(e))·z_fused + \(e)·z_meaning",
                        [
                            Explanation(
                                fusedMoments.z(fused.value),
                                "z_fused: the fused score \(Explanation.format(fused.value)) standardised over all records",
                                [fused]),
                            Explanation(
                                meaningMoments.z(meaningScores[doc]),
                                "z_meaning: the sentence encoder's best-passage cosine \(Explanation.format(meaningScores[doc])) standardised over all records"
                            ),
                        ])
                } else {
                    explanation = fused
                }
            }
            return ScoredRecord(
                recordId: lexical.recordId(ofDocument: doc), docNumber: doc, score: score,
                matchedTerms: accumulation.matchedTerms(of: doc), explanation: explanation)
        }
    }
}
