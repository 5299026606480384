/// A page of hits and the counts of all the matches by unit or year: what a search page shows
/// (its hits, its facets and its chart).
public struct CountedResults: Sendable, Hashable {
    /// The page of hits, as ``Searcher/search(_:limit:offset:context:perReport:ranking:)`` gives it.
    public var results: SearchResults
    /// The counts of every match, one entry per grouping asked for, as
    /// ``Aggregator/counts(_:by:)`` gives them.
    public var counts: [GroupCounts]

    public init(results: SearchResults, counts: [GroupCounts]) {
        self.results = results
        self.counts = counts
    }
}

extension Searcher {
    /// A page of hits and the counts of every match by each of `groupings` (unit, year), from
    /// one read: a phrase's matches are walked once for both, where asking for the hits and
    /// then for the counts walks FTS5's doclists twice (人民政府 at 1 GB, 663,127 matches).
    /// The same hits and counts as the two asked apart, from one snapshot of the index.
    ///
    /// ```swift
    /// let page = try Searcher(index: index).search(try SearchQuery(parsing: "乡村振兴"), limit: 10,
    ///                                             countedBy: [.unit, .year])
    /// page.results.hits.count     // 10
    /// page.counts[0].rows.first   // the unit with the most matching passages
    /// ```
    public func search(_ query: SearchQuery, limit: Int, offset: Int = 0,
                       countedBy groupings: [Grouping]) throws(BaogaoError) -> CountedResults {
        precondition(!groupings.contains(.report), "counts group by unit or year")
        return try index.read { db in
            var compiled = try QueryCompiler.compile(query, db, for: index)
            compiled.memo = RowIDMemo()
            compiled.rareTokenLimits = rareTokenLimits
            let results = try results(compiled, db, limit: limit, offset: offset, context: 0,
                                      perReport: Self.defaultPerReport, ranking: .full)
            return CountedResults(results: results, counts: try Aggregator(index: index).counts(compiled, by: groupings, db))
        }
    }
}
