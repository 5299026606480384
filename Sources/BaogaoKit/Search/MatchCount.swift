import GRDB

/// How many passages and reports match a query, counted exactly.
public struct MatchCount: Sendable, Hashable {
    public var passages: Int
    public var reports: Int

    public init(passages: Int, reports: Int) {
        self.passages = passages
        self.reports = reports
    }
}

extension Searcher {
    /// Counts the passages and reports matching `query` exactly, without ranking: passage
    /// text is read only when a term holding punctuation must be checked against it.
    public func count(_ query: SearchQuery) throws(BaogaoError) -> MatchCount {
        try index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            if compiled.isExact {
                let (passages, reports) = try compiled.totals(db)
                return MatchCount(passages: passages, reports: reports.count)
            }
            var passages = 0
            var reports: Set<Int64> = []
            try compiled.forEachMatch(db, ranked: false) { match in
                passages += 1
                reports.insert(match.reportID)
                return true
            }
            return MatchCount(passages: passages, reports: reports.count)
        }
    }
}
