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
            var compiled = try QueryCompiler.compile(query, db)
            if ranking == .bm25 {
                compiled.tiers = Array(compiled.tiers.prefix(1))
                var hits: [SearchHit] = []
                let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans)
                var skipped = 0
                try compiled.forEachMatch(in: compiled.tiers[0], db, ranked: true, limit: limit.map { $0 + offset }) { match in
                    if skipped < offset { skipped += 1 } else { hits.append(try hydrator.hit(match, context: context)) }
                    return true
                }
                let (total, reports) = try compiled.count(db)
                return SearchResults(hits: hits, totalHits: total, totalReports: reports, root: try IndexSchema.meta(db, "root"))
            }
            // Rank more candidates than shown, so that diversity and collapsing have room.
            let wanted = limit.map { max(100, (offset + $0) * 3) }
            let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans, variants: compiled.highlightVariants)
            let quick = try wanted.flatMap {
                try compiled.rankedInOnePass(db, wanted: $0, hydrator: hydrator) ?? compiled.rankedFromSample(db, wanted: $0)
            }
            let (total, reports) = try quick.map { ($0.passages, $0.reports) } ?? compiled.count(db)
            let ranked = try rank(compiled, db, wanted: wanted, total: total, prefetched: quick?.best, hydrator: hydrator)
            let collapsed = Self.collapse(ranked)
            let ordered = perReport.map { Self.diversify(collapsed, perReport: $0) } ?? collapsed
            let page = ordered.dropFirst(offset).prefix(limit ?? Int.max)
            let hits = try page.map { candidate in
                var hit = try hydrator.hit(candidate.match, context: context)
                hit.score = candidate.score
                hit.duplicates = candidate.duplicates.isEmpty ? nil : candidate.duplicates.count
                return hit
            }
            return SearchResults(hits: hits, totalHits: total, totalReports: reports,
                                 root: try IndexSchema.meta(db, "root"))
        }
    }

    /// A match with its final score, and identical passages folded into it.
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
    /// `prefetched` holds the ranked matches of a one-tier query when they are already known.
    private func rank(_ compiled: CompiledQuery, _ db: Database, wanted: Int?, total: Int,
                      prefetched: [CompiledQuery.Match]? = nil, hydrator: HitHydrator) throws -> [Candidate] {
        let stride = wanted == nil ? 1 : CompiledQuery.sampleStride(total: total)
        var out: [Candidate] = []
        for (n, tier) in (compiled.tiers + (compiled.related.map { [$0] } ?? [])).enumerated() {
            let room = wanted.map { $0 - out.count }
            if let room, room <= 0 { break }
            var matches: [CompiledQuery.Match] = []
            if let prefetched, n == 0, compiled.tiers.count == 1 {
                matches = prefetched
            } else {
                try compiled.forEachMatch(in: tier, db, ranked: true, limit: room, sampleStride: stride) {
                    matches.append($0)
                    return true
                }
            }
            try hydrator.prefetch(matches)
            let best = matches.map { -$0.rank }.max() ?? 0
            let ranker = Ranker(plans: compiled.highlightPlans, variants: compiled.highlightVariants)
            var scored: [Candidate] = []
            for match in matches {
                let text = FoldedText(match.text)
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
        return out
    }

    /// Identical passages (same text, ignoring punctuation and spaces) keep only the best.
    static func collapse(_ candidates: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        var seen: [DuplicateKey: Int] = [:]
        seen.reserveCapacity(candidates.count)
        for candidate in candidates {
            if candidate.key.count >= 8, let at = seen[candidate.key] {
                out[at].duplicates.append(candidate.match)
            } else {
                seen[candidate.key] = out.count
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
        let folded = FoldedText(text)
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
