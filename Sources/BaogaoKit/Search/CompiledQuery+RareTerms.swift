import GRDB

/// A query of several terms whose bigrams are partly common, found through the rare ones.
///
/// ``RareTerms`` picks, term by term, the bigrams FTS5 walks (a term's as a NEAR group as tight
/// as the term holds them): every passage holding all the terms is a candidate, and few others
/// are. Each candidate's text then says whether every term is in it and how often, and FTS5's
/// `passages_fts_docsize` gives its length, so that it scores as ``GivenIDFRank`` scores it
/// with the same IDFs, to the last bit. `"常管理" "态控制线"` at 1 GB walks 常管, 态控 and 制线
/// (8 pages of doclist) instead of five bigrams, 管理's 796 pages among them.
///
/// ```swift
/// try compiled.rankedFromRareTerms(db, wanted: 100, ranges: ranges, weights: weights)   // (1, 1, [the match])
/// ```
extension CompiledQuery {
    /// For a query of at least two terms of ideographs, every one required (one exact tier, no
    /// filters, no prefix, no `OR` or `-`): the totals and the best `wanted` of its matches,
    /// found through the terms' rare bigrams and checked against the text, scored with
    /// `weights`' IDFs (one per phrase of the tier's expression), from the pages its tokens
    /// span (`weights`' own when it read them for the same segments). Nil when the query does not
    /// qualify, its plan leaves too little out (``RareTerms/plan(spans:_:)``), or the tokens
    /// kept find more candidates than the plan reads.
    func rankedFromRareTerms(_ db: Database, wanted: Int, ranges: ReportRanges, weights: PhraseIDFs,
                             limits: RareTokens.Limits = RareTokens.Limits()) throws -> (passages: Int, reports: Int, best: [Match])? {
        guard let terms = rareTermsPlans, weights.idfs.count == terms.count,
              let match = tiers.first?.match else { return nil }
        let tokens = Array(Set(terms.flatMap(\.tokens))).sorted()
        var spans = limits.segmentPagesAtLeast == rareTokenLimits.segmentPagesAtLeast ? weights.pages ?? [:] : [:]
        if tokens.contains(where: { spans[$0] == nil }) {
            guard let pages = DoclistPages.spans(of: tokens, segmentPagesAtLeast: limits.segmentPagesAtLeast, db)
            else { return nil }
            spans = Dictionary(uniqueKeysWithValues: zip(tokens, pages))
        }
        guard let plan = RareTerms.plan(spans: terms.map { $0.tokens.map { spans[$0] ?? 0 } }, limits),
              let totals = try FTS5Totals.read(db) else { return nil }
        let walk = zip(terms, plan.kept).map { Self.group(of: $0, kept: $1) }.joined(separator: " AND ")
        guard let sorted = try Self.candidates(walk, atMost: plan.candidatesAtMost, db) else { return nil }

        let average = GivenIDFRank.averageLength(rows: Int64(totals.rows), tokens: Int64(totals.tokens))
        let keepsFolded = sorted.count <= wanted
        let idfs = weights.idfs
        guard let found = try checkedCandidates(sorted, terms: terms, keepsFolded: keepsFolded, db,
                                                score: { frequencies, length in
            GivenIDFRank.score(frequencies: frequencies, length: length, averageLength: average, idfs: idfs)
        }) else { return nil }
        return ranked(found, of: match, ranges: ranges, wanted: wanted)
    }

    /// The terms of a query ``rankedFromRareTerms(_:wanted:ranges:weights:limits:)`` can
    /// answer, one per phrase of its tier's expression, in order: at least two, each of
    /// ideographs only (every character but the last starting one of its bigrams), none a
    /// prefix; the tier exact, without a check, filters, `OR`, `-` or NEAR groups. Nil otherwise.
    var rareTermsPlans: [TermPlan]? {
        guard tiers.count == 1, let tier = tiers.first, tier.kind == .exact, tier.check == nil,
              let match = tier.match, conditions.isEmpty,
              !match.contains("*"), !match.contains("NEAR"), !match.contains(" OR "), !match.contains(" NOT ")
        else { return nil }
        let phrases = Self.phrases(in: match)
        guard phrases.count >= 2 else { return nil }
        var terms: [TermPlan] = []
        for tokens in phrases {
            guard let plan = highlightPlans.first(where: { $0.tokens == tokens }), Self.isWalkedByBigrams(plan)
            else { return nil }
            terms.append(plan)
        }
        return terms
    }
}
