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

    /// The best `limit` hits after skipping `offset` (every hit when `limit` is nil), the exact
    /// totals, and `context` passages before and after each hit.
    public func search(_ query: SearchQuery, limit: Int? = 10, offset: Int = 0, context: Int = 0) throws(BaogaoError) -> SearchResults {
        try index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            var picked: [CompiledQuery.Match] = []
            var total = 0
            var reports: Set<Int64> = []
            if let limit, compiled.isExact {
                // Count without ranking, rank without text: read only the hits shown.
                (total, reports, picked) = try compiled.ranked(db, limit: limit, offset: offset)
            } else {
                try compiled.forEachMatch(db) { match in
                    if total >= offset && (limit == nil || picked.count < limit!) { picked.append(match) }
                    total += 1
                    reports.insert(match.reportID)
                    return true
                }
            }
            let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans)
            let hits = try picked.map { try hydrator.hit($0, context: context) }
            return SearchResults(hits: hits, totalHits: total, totalReports: reports.count,
                                 root: try IndexSchema.meta(db, "root"))
        }
    }

    /// The FTS5 plan of every term, or a message naming the term that has nothing to search.
    static func plans(for query: SearchQuery) throws(BaogaoError) -> [TermPlan] {
        var plans: [TermPlan] = []
        for term in query.terms {
            guard let plan = TermPlan(term.text) else {
                throw BaogaoError("“\(term.text)” (column \(term.column)) has no letters, digits or characters to search for")
            }
            plans.append(plan)
        }
        return plans
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
