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
    /// text is read only when a term must be checked against it.
    public func count(_ query: SearchQuery) throws(BaogaoError) -> MatchCount {
        try index.read { db in
            var compiled = try QueryCompiler.compile(query, db, for: index)
            compiled.keepRowIDsBetweenSteps()
            let (passages, reports) = try compiled.count(db)
            return MatchCount(passages: passages, reports: reports)
        }
    }
}
