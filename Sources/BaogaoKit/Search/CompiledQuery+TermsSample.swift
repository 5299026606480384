import Foundation
import GRDB

/// A query of several terms with very many matches, ranked on a sample of them.
///
/// ```swift
/// let (passages, reports, best) = try compiled.rankedFromTermsSample(db, wanted: 100, ids: ids)!
/// ```
extension CompiledQuery {
    /// For a query of several terms (or one and negations) in one exact tier without filters,
    /// past ``onePassAtMost`` matches (or within it, every match scored, for single characters
    /// beside other terms, ``characterFilteredRowIDs(match:_:ranges:)``):
    /// the totals (`ids`, every match, and the reports holding them) and the best `wanted`
    /// of an even sample of about ``termSample`` matches, scored by bm25 here
    /// (``bestOfSample(_:_:wanted:idfs:)``) with each term's IDF from its own count.
    ///
    /// FTS5 ranked an even sample of the matches by bm25 itself: one more evaluation of the
    /// whole query after the count's, plus one of each term for its IDF, then bm25 for every
    /// sampled row (`"规定" "县级以"` at 1 GB, 118,169 matches: top 10 about 150 ms, its count
    /// 50 ms). Nil when the query does not qualify (a word ending in a lone character, matched
    /// as a prefix, which the text alone does not say).
    /// `weights`: the query's phrase IDFs when already worked out, whose terms' passages are
    /// taken instead of being counted or estimated again.
    func rankedFromTermsSample(_ db: Database, wanted: Int, ids: RowIDs,
                               weights: PhraseIDFs? = nil) throws -> (passages: Int, reports: Int, best: [Match])? {
        // A lone character is counted in the text as FTS5 finds it; a word ending in one is not.
        guard !highlightPlans.isEmpty, !highlightPlans.contains(where: { $0.prefixLast && $0.folded.count > 1 }),
              let ranges else { return nil }
        let sample = ids.count <= Self.onePassAtMost ? Array(ids) : Self.evenSample(ids)
        var tally = ReportRanges.Tally(ranges)
        try ids.forEachID { tally.add(passage: $0); return true }
        let reports = tally.count
        guard let idfs = try sampleIDFs(matches: ids.count, weights: weights, db) else { return nil }
        // One term to score (the others negated): no IDFs, its own is the same for every match.
        return (ids.count, reports, try bestOfSample(sample, db, wanted: wanted, idfs: idfs))
    }

    /// The IDF of each of ``highlightPlans`` for ``bestOfSample(_:_:wanted:idfs:)``, in a query
    /// of `matches` matches: from `weights` when they hold the term, else from
    /// ``passages(holding:atLeast:rows:_:estimatedPast:pages:)``. Empty for one term, whose IDF
    /// weighs every match alike; nil when the index's size is not known.
    func sampleIDFs(matches: Int, weights: PhraseIDFs? = nil, _ db: Database) throws -> [Double]? {
        guard highlightPlans.count > 1 else { return [] }
        guard let rows = try Self.indexedRows(db), rows > 0 else { return nil }
        var idfs: [Double] = []
        for plan in highlightPlans {
            let n = Double(try weights?.heldBy[plan.tokens].map { max($0, matches) }
                ?? passages(holding: plan, atLeast: matches, rows: rows, db))
            // FTS5's bm25: ln((N − n + ½) / (n + ½)), at least 1e-6.
            idfs.append(max(1e-6, log((Double(rows) - n + 0.5) / (n + 0.5))))
        }
        return idfs
    }

    /// How many passages hold `plan`'s phrase (bm25's n, for its IDF): from the stored totals
    /// for one of the ``FrequentCharacters`` or ``FrequentBigrams`` or one character alone
    /// (``CharacterTotals``); else counted by FTS5 in an index of at most `estimatedPast`
    /// passages, and past it as ``TermCounting`` says from its tokens' pages (taken from
    /// `pages` when it holds them all, else read): counted, bounded by its rare bigrams
    /// counted alone, or estimated (``estimatedPassages(holding:atLeast:share:_:)``); a bound or
    /// an estimate never above its rarest character's passages. `atLeast`: the matches of the
    /// query, which all hold it.
    func passages(holding plan: TermPlan, atLeast: Int, rows: Int, _ db: Database,
                  estimatedPast: Int = Self.estimatedPast, pages: [String: Int]? = nil) throws -> Int {
        if let totals = ranges?.totals {
            if let slot = plan.frequentCharacterSlot { return totals.character(slot).passages }
            if let slot = plan.frequentBigramSlot { return totals.bigram(slot).passages }
        }
        if plan.folded.count == 1, ScalarClass.of(plan.folded[0]) == .ideograph,
           let totals = try CharacterTotals.lookup(plan.folded[0], db) {
            return totals.passages
        }
        var bound: [Int]?
        if rows > estimatedPast {
            switch termCounting(of: plan, pages: pages, db) {
            case .counted: break
            case .bounded(let kept): bound = kept
            case .paged(let pages):
                return try clamped(Int((Double(pages) * TermCounting.passagesPerPage).rounded()), plan, atLeast: atLeast, db)
            case .estimated(let share):
                if let estimate = try estimatedPassages(holding: plan, atLeast: atLeast, share: share, db) {
                    return estimate
                }
            }
        }
        let counted = try Self.passages(matching: bound.map { Self.group(of: plan, kept: $0) } ?? plan.matchExpression, db)
        return bound == nil ? counted : try clamped(counted, plan, atLeast: atLeast, db)
    }

    /// The passages FTS5 finds for `expression`, counted.
    static func passages(matching expression: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?"),
                         arguments: [expression]) ?? 0
    }

    /// `estimate` of `plan`'s passages no more than its rarest character holds, nor fewer than
    /// `atLeast`.
    private func clamped(_ estimate: Int, _ plan: TermPlan, atLeast: Int, _ db: Database) throws -> Int {
        var estimate = estimate
        let ideographs = plan.folded.filter { ScalarClass.of($0) == .ideograph }
        for totals in try CharacterTotals.lookup(ideographs, db) ?? [] { estimate = min(estimate, totals.passages) }
        return max(atLeast, estimate)
    }

    /// Past this many passages a term's IDF is estimated rather than counted, unless its
    /// doclists are short: counting 国人 at 1 GB walked a third of a million rowids, two thirds
    /// of `"国人" "管部门"`'s first page.
    static let estimatedPast = 200_000

    /// How `plan`'s passages are found in a large index, from the pages its tokens span:
    /// those in `pages` when it holds every token, else read from ``DoclistPages``; when the
    /// pages cannot be read, an estimate over ``estimateShare``.
    func termCounting(of plan: TermPlan, pages: [String: Int]?, _ db: Database) -> TermCounting {
        let known = pages.map { pages in plan.tokens.compactMap { pages[$0] } }
        let spans = known?.count == plan.tokens.count ? known
            : DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: rareTokenLimits.segmentPagesAtLeast, db)
        return spans.map { TermCounting.of(pages: $0, bigrams: Self.isWalkedByBigrams(plan), termCountingLimits) }
            ?? .estimated(share: Self.estimateShare)
    }

    /// The passages holding `plan`'s phrase, estimated from ``estimateWindows`` stretches of
    /// passage ids spread evenly over the index, together a 1/`share` of it, counted by FTS5
    /// within each (it seeks to a stretch instead of walking the doclists), then scaled up;
    /// never fewer than `atLeast` nor more than its rarest character holds. When the
    /// stretches hold too few passages to say (``TermCounting/again(held:share:_:)``), they are
    /// counted again over the largest share. The IDF is a logarithm: a 20% error moves it by
    /// 0.2, where terms' IDFs differ by whole units. The upper half of the stretches is
    /// counted by the ``secondReader`` at the same time, when it is free and sees the same
    /// state of the index. Nil when the index knows no report ranges.
    func estimatedPassages(holding plan: TermPlan, atLeast: Int, share: Int = Self.estimateShare,
                           _ db: Database) throws -> Int? {
        guard let first = ranges?.starts.first,
              let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM passages")),
              last > first else { return nil }
        let span = last + 1 - first
        let windows = Int64(Self.estimateWindows)
        let expression = plan.matchExpression
        func held(share: Int) throws -> (held: Int, width: Int64) {
            let width = max(1, span / (windows * Int64(share)))
            let count: @Sendable (Range<Int64>, Database) throws -> Int = { stretches, db in
                let statement = try db.cachedStatement(sql: """
                    SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?
                    """)
                var held = 0
                for k in stretches {
                    let start = first + (2 * k + 1) * span / (2 * windows) - width / 2
                    held += try Int.fetchOne(statement, arguments: [expression, start, start + width - 1]) ?? 0
                }
                return held
            }
            let halves = try here(db, { db in try count(0..<windows / 2, db) },
                                  alongside: { db in try count(windows / 2..<windows, db) })
            return (halves.lower + halves.upper, width)
        }
        var found = try held(share: share)
        if case .estimated(let wider) = TermCounting.again(held: found.held, share: share, termCountingLimits) {
            found = try held(share: wider)
        }
        return try clamped(Int((Double(found.held) * Double(span) / Double(found.width * windows)).rounded()),
                           plan, atLeast: atLeast, db)
    }

    /// Stretches of passage ids an estimate counts in.
    static let estimateWindows = 8
    /// The share of the index they cover together when the term's pages are not known: 1/16.
    static let estimateShare = 16

    /// The IDF of every phrase of `match` in order, for ``GivenIDFRank``: a phrase of one of the
    /// query's terms gets that term's (``passages(holding:atLeast:rows:_:estimatedPast:)``), any
    /// other 0 (a negated term's: no match holds it). Nil when the index's rows are unknown or
    /// the expression holds a prefix or a NEAR group.
    func phraseIDFs(of match: String, _ db: Database) throws -> PhraseIDFs? {
        guard !match.contains("*"), !match.contains("NEAR"), let rows = try Self.indexedRows(db), rows > 0 else { return nil }
        var known: [[String]: Double] = [:]
        var weights = PhraseIDFs()
        var held: [Int] = []
        let phrases = Self.phrases(in: match)
        if rows > Self.estimatedPast {
            // Every term's pages in one lookup (a plan of rare terms reads them too).
            let tokens = Array(Set(phrases.joined())).sorted()
            if let pages = DoclistPages.spans(of: tokens, segmentPagesAtLeast: rareTokenLimits.segmentPagesAtLeast, db) {
                weights.pages = Dictionary(uniqueKeysWithValues: zip(tokens, pages))
            }
        }
        for tokens in phrases {
            if let idf = known[tokens] {
                weights.idfs.append(idf)
            } else if let plan = highlightPlans.first(where: { $0.tokens == tokens && !$0.prefixLast }) {
                let n = try passages(holding: plan, atLeast: 0, rows: rows, db, pages: weights.pages)
                let idf = GivenIDFRank.idf(passages: n, rows: rows)
                known[tokens] = idf
                weights.idfs.append(idf)
                weights.heldBy[tokens] = n
                held.append(n)
            } else {
                weights.idfs.append(0)
            }
        }
        weights.mostMatches = match.contains(" OR ") ? held.reduce(0, +) : held.min() ?? rows
        return weights
    }

    /// For an exact tier of several terms: the score `baogao_bm25(passages_fts, cap, ?)` and its
    /// IDFs, so that every way of ranking the tier (a page, every hit, `units`) weighs its terms
    /// alike, and none walks every phrase over the index as bm25 does. Nil when the tier is
    /// ranked otherwise (one phrase: ``TermFrequencyRank``) or bm25 must rank it (variants).
    func givenIDFScore(_ tier: Tier, _ db: Database, cap: Int = Int(Int32.max)) throws -> (sql: String, idfs: Data)? {
        guard tier.kind == .exact, !scoredFromIndex(tier), let match = tier.match,
              let weights = try phraseIDFs(of: match, db) else { return nil }
        return (GivenIDFRank.sql(cap: cap, lengths: lengths), GivenIDFRank.encoded(weights.idfs))
    }

    /// The IDFs of an expression's phrases, and how many passages it may match at most.
    struct PhraseIDFs {
        var idfs: [Double] = []
        /// The fewest passages any of its terms is held by, or with OR their sum (as counted or
        /// estimated).
        var mostMatches = 0
        /// The passages holding each term, by its tokens, as counted or estimated.
        var heldBy: [[String]: Int] = [:]
        /// The pages each token of the terms spans (``DoclistPages``), when they were read (in
        /// an index past ``CompiledQuery/estimatedPast`` passages).
        var pages: [String: Int]?
    }

    /// The phrases of an FTS5 expression built by ``TextExpression`` without prefixes or NEAR
    /// groups, in order, each as its tokens: quoted strings joined by `+`.
    ///
    /// ```swift
    /// CompiledQuery.phrases(in: #"("规定") AND ("县级" + "级以") NOT (("公司"))"#)
    /// // [["规定"], ["县级", "级以"], ["公司"]]
    /// ```
    static func phrases(in expression: String) -> [[String]] {
        var phrases: [[String]] = []
        var current: [String]?
        var joining = false
        var scalars = expression.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let c = next {
            next = scalars.next()
            switch c {
            case "\"":
                var token = String.UnicodeScalarView()
                while let t = next {
                    next = scalars.next()
                    if t == "\"" {
                        guard next == "\"" else { break }
                        next = scalars.next()
                    }
                    token.append(t)
                }
                if joining, current != nil {
                    current!.append(String(token))
                } else {
                    if let current { phrases.append(current) }
                    current = [String(token)]
                }
                joining = false
            case "+":
                joining = true
            case " ":
                continue
            default:
                if let current { phrases.append(current) }
                current = nil
                joining = false
            }
        }
        if let current { phrases.append(current) }
        return phrases
    }

    /// The rows FTS5 counts in its index (bm25's N), from its averages record.
    static func indexedRows(_ db: Database) throws -> Int? {
        try FTS5Totals.read(db)?.rows
    }
}
