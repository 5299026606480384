import GRDB

/// Finds the passages matching a query, ranked by bm25, with breadcrumbs and highlights.
///
/// ```swift
/// let results = try Searcher(index: index).search(try SearchQuery(parsing: "乡村振兴"), limit: 10)
/// results.hits.first?.section  // ["四、党建引领，争相出彩服务大局", "（五）巩固脱贫攻坚成果，助力乡村振兴"]
/// ```
public struct Searcher: Sendable {
    public let index: IndexDatabase

    public init(index: IndexDatabase) {
        self.index = index
    }

    /// When a long phrase alone is found through its rare bigrams (``RareTokens``); tests set
    /// thresholds a small index reaches.
    var rareTokenLimits = RareTokens.Limits()

    /// How hits are ordered.
    public enum Ranking: String, Sendable, CaseIterable {
        /// Exact hits, then variants; bm25 with heading, proximity, frequency and length signals;
        /// identical passages collapsed; at most `perReport` hits of a report per page.
        case full
        /// FTS5's bm25 alone over exact hits: the baseline the evaluation compares against.
        case bm25
    }

    /// How many hits per report the first page shows by default.
    public static let defaultPerReport = 3
    /// Hits are diversified in pages of this size.
    public static let page = 10

    /// The best `limit` hits after skipping `offset` (every hit when `limit` is nil), the exact
    /// totals, and `context` passages before and after each hit.
    ///
    /// Exact-phrase hits come first, then variant hits; within each, bm25 and the ``Ranker``'s
    /// signals order them. Identical passages collapse into one hit with a count, and each page
    /// of ``page`` hits holds at most `perReport` hits of one report (nil: no limit).
    public func search(_ query: SearchQuery, limit: Int? = 10, offset: Int = 0, context: Int = 0,
                       perReport: Int? = Searcher.defaultPerReport,
                       ranking: Ranking = .full) throws(BaogaoError) -> SearchResults {
        try index.read { db in
            var compiled = try QueryCompiler.compile(query, db, for: index)
            compiled.rareTokenLimits = rareTokenLimits
            return try results(compiled, db, limit: limit, offset: offset, context: context,
                               perReport: perReport, ranking: ranking)
        }
    }

    /// ``search(_:limit:offset:context:perReport:ranking:)`` of a query compiled in the caller's read.
    func results(_ compiled: CompiledQuery, _ db: Database, limit: Int?, offset: Int, context: Int,
                 perReport: Int?, ranking: Ranking) throws -> SearchResults {
        var compiled = compiled
        if ranking == .bm25 {
            compiled.tiers = Array(compiled.tiers.prefix(1))
            var hits: [SearchHit] = []
            let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans)
            var skipped = 0
            try compiled.forEachMatch(in: compiled.tiers[0], db, ranked: true, limit: limit.map { $0 + offset },
                                       bm25: true) { match in
                if skipped < offset { skipped += 1 } else { hits.append(try hydrator.hit(match, context: context)) }
                return true
            }
            let (total, reports) = try compiled.count(db)
            return SearchResults(hits: hits, totalHits: total, totalReports: reports, root: try IndexSchema.meta(db, "root"))
        }
        // Rank more candidates than shown, so that diversity and collapsing have room.
        let wanted = limit.map { max(100, (offset + $0) * 3) }
        let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans, variants: compiled.highlightVariants)
        var totals: (passages: Int, reports: Int)?
        var prefetched: [Int: Prefetched] = [:]
        if let wanted {
            if let quick = try compiled.rankedInOnePass(db, wanted: wanted, hydrator: hydrator)
                ?? compiled.rankedFromSample(db, wanted: wanted) {
                totals = (quick.passages, quick.reports)
                prefetched[0] = Prefetched(best: quick.best, total: quick.passages)
            } else if let quick = try compiled.rankedWithVariants(db, wanted: wanted, hydrator: hydrator) {
                totals = (quick.tiers.passages, quick.tiers.reports)
                prefetched[0] = Prefetched(best: quick.best, total: quick.tiers.exact.count)
                prefetched[1] = Prefetched(best: quick.bestVariants, total: quick.tiers.variants.count)
            }
        } else if let variant = compiled.soleVariant {
            // Every hit: the variant tier ranked as for a page, not by FTS5 over its NEAR groups.
            let tiers = try compiled.variantTiers(variant, db)
            totals = (tiers.passages, tiers.reports)
            let ranked = try compiled.scoredVariants(Array(tiers.variants), variant, db)
            prefetched[1] = Prefetched(best: try compiled.matches(of: ranked, db), total: tiers.variants.count)
        }
        let (total, reports) = try totals ?? compiled.count(db, ranking: wanted)
        let (ranked, complete) = try rank(compiled, db, wanted: wanted, total: total, prefetched: prefetched, hydrator: hydrator)
        let collapsed = Self.collapse(ranked)
        let ordered = perReport.map { Self.diversify(collapsed, perReport: $0) } ?? collapsed
        let page = Array(ordered.dropFirst(offset).prefix(limit ?? Int.max))
        let copies = try Self.copies(of: page, compiled, complete: complete, db)
        try hydrator.prefetch(copies.flatMap { $0 })
        let hits = try zip(page, copies).map { candidate, copies in
            var hit = try hydrator.hit(candidate.match, context: context)
            hit.score = candidate.score
            hit.copies = copies.isEmpty ? nil : try hydrator.copies(copies)
            return hit
        }
        return SearchResults(hits: hits, totalHits: total, totalReports: reports,
                             root: try IndexSchema.meta(db, "root"))
    }

    /// A tier's best matches, known before ranking, and how many matches the tier has.
    struct Prefetched {
        var best: [CompiledQuery.Match]
        var total: Int
    }

    /// A match with its final score, and identical passages of the same tier folded into it.
    struct Candidate {
        var match: CompiledQuery.Match
        var score: Double
        /// Passages with the same key are identical.
        var key: DuplicateKey
        var duplicates: [CompiledQuery.Match] = []
    }

    /// The best `wanted` matches (all when nil): exact tier first, each tier re-scored.
    /// With `wanted` set, a query with very many matches is ranked on an even sample of them
    /// (``CompiledQuery/sampleStride(total:)``); `total` counts them.
    /// `prefetched` holds, by tier, the best matches when they are already known.
    /// `complete` holds the kinds of the tiers whose every match was ranked.
    private func rank(_ compiled: CompiledQuery, _ db: Database, wanted: Int?, total: Int,
                      prefetched: [Int: Prefetched] = [:],
                      hydrator: HitHydrator) throws -> (candidates: [Candidate], complete: Set<MatchKind>) {
        let stride = wanted == nil ? 1 : CompiledQuery.sampleStride(total: total)
        var out: [Candidate] = []
        var complete: Set<MatchKind> = []
        for (n, tier) in (compiled.tiers + (compiled.related.map { [$0] } ?? [])).enumerated() {
            let room = wanted.map { $0 - out.count }
            if let room, room <= 0 { break }
            var matches: [CompiledQuery.Match] = []
            if let known = prefetched[n], n < compiled.tiers.count {
                matches = Array(known.best.prefix(room ?? Int.max))
                if matches.count >= known.total { complete.insert(tier.kind) }
            } else {
                try compiled.forEachMatch(in: tier, db, ranked: true, limit: room, sampleStride: stride) {
                    matches.append($0)
                    return true
                }
                if stride == 1, room.map({ matches.count < $0 }) ?? true { complete.insert(tier.kind) }
            }
            try hydrator.prefetch(matches)
            let best = matches.map { -$0.rank }.max() ?? 0
            let ranker = Ranker(plans: compiled.highlightPlans, variants: compiled.highlightVariants)
            var scored: [Candidate] = []
            for match in matches {
                let text = match.folded ?? FoldedText(match.text)
                let signals = ranker.signals(text: text, headings: try hydrator.foldedTrail(of: match.sectionID))
                let relevance = best > 1e-9 ? -match.rank / best : 0
                scored.append(Candidate(match: match, score: ranker.score(relevance: relevance, signals: signals),
                                        key: DuplicateKey(text)))
            }
            // Ties break by path and line, so a rebuilt index answers in the same order.
            var paths: [Int64: String] = [:]
            for candidate in scored where paths[candidate.match.reportID] == nil {
                paths[candidate.match.reportID] = try hydrator.report(candidate.match.reportID).path
            }
            scored.sort {
                $0.score != $1.score ? $0.score > $1.score
                    : (paths[$0.match.reportID]!, $0.match.line) < (paths[$1.match.reportID]!, $1.match.line)
            }
            out += scored
        }
        return (out, complete)
    }

    /// The identical matches each of `page` stands for: those folded into it, or, in a tier
    /// whose matches were not all ranked, every one looked up (one statement per tier).
    static func copies(of page: [Candidate], _ compiled: CompiledQuery, complete: Set<MatchKind>,
                       _ db: Database) throws -> [[CompiledQuery.Match]] {
        var copies = page.map(\.duplicates)
        let lookedUp = page.indices.filter { page[$0].key.isCollapsible && !complete.contains(page[$0].match.kind) }
        for (_, indices) in Dictionary(grouping: lookedUp, by: { page[$0].match.kind }) {
            let found = try compiled.identicalMatches(to: indices.map { (page[$0].match, page[$0].key) }, db)
            for (n, matches) in zip(indices, found) { copies[n] = matches }
        }
        return copies
    }

    /// Identical passages (same text, ignoring punctuation and spaces) of the same tier keep
    /// only the best, which holds the others: a copy is a match of the kind its hit shows.
    static func collapse(_ candidates: [Candidate]) -> [Candidate] {
        struct Identity: Hashable {
            var key: DuplicateKey
            var kind: MatchKind
        }
        var out: [Candidate] = []
        var seen: [Identity: Int] = [:]
        seen.reserveCapacity(candidates.count)
        for candidate in candidates {
            let identity = Identity(key: candidate.key, kind: candidate.match.kind)
            if candidate.key.isCollapsible, let at = seen[identity] {
                out[at].duplicates.append(candidate.match)
            } else {
                seen[identity] = out.count
                out.append(candidate)
            }
        }
        return out
    }

    /// Reorders so that each page of ``page`` hits holds at most `perReport` hits of a report;
    /// a hit held back goes to the next page that has room for it.
    static func diversify(_ candidates: [Candidate], perReport: Int) -> [Candidate] {
        guard perReport > 0 else { return candidates }
        var waiting = candidates
        var out: [Candidate] = []
        out.reserveCapacity(candidates.count)
        while !waiting.isEmpty {
            var counts: [Int64: Int] = [:]
            var held: [Candidate] = []
            var filled = 0
            var index = 0
            while index < waiting.count && filled < page {
                let candidate = waiting[index]
                index += 1
                if counts[candidate.match.reportID, default: 0] < perReport {
                    counts[candidate.match.reportID, default: 0] += 1
                    out.append(candidate)
                    filled += 1
                } else {
                    held.append(candidate)
                }
            }
            if filled == 0 {
                // Only over-quota hits are left: let them through in order.
                out += waiting
                break
            }
            waiting = held + waiting[index...]
        }
        return out
    }

    /// The matched ranges of every term in `text`, merged and sorted, in Unicode scalars.
    public static func highlights(in text: String, plans: [TermPlan]) -> [[Int]] {
        highlights(in: FoldedText(text), plans: plans)
    }

    /// ``highlights(in:plans:)`` of a text already folded (a candidate's, folded when it was read).
    static func highlights(in folded: FoldedText, plans: [TermPlan]) -> [[Int]] {
        var ranges: [Range<Int>] = []
        for plan in plans {
            ranges += folded.occurrences(of: plan.folded).map { folded.originalRange(of: $0) }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged.map { [$0.lowerBound, $0.upperBound] }
    }

    /// The terms of `query` planned for highlighting (not negated; terms with nothing to
    /// search are left out).
    public static func highlightPlans(for query: SearchQuery) -> [TermPlan] {
        query.positiveTerms.compactMap { TermPlan($0.text) }
    }
}
