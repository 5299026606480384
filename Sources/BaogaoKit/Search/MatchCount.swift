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
    /// Counts the passages and reports matching `query`, exactly and without ranking: the
    /// text of a passage is read only when a term holding punctuation must be checked.
    public func count(_ query: SearchQuery) throws(BaogaoError) -> MatchCount {
        let plans = try Self.plans(for: query)
        let match = plans.map { "(\($0.matchExpression))" }.joined(separator: " AND ")
        let verify = plans.filter(\.needsVerification)
        return try index.read { db in
            var passages = 0
            var reports: Set<Int64> = []
            if verify.isEmpty {
                let ids = try Int64.fetchCursor(db.cachedStatement(sql: """
                    SELECT p.report_id FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                    WHERE passages_fts MATCH ?
                    """), arguments: [match])
                while let id = try ids.next() {
                    passages += 1
                    reports.insert(id)
                }
            } else {
                let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                    SELECT p.report_id, p.text FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                    WHERE passages_fts MATCH ?
                    """), arguments: [match])
                while let row = try rows.next() {
                    let text = FoldedText(row["text"])
                    guard verify.allSatisfy({ text.contains($0.folded) }) else { continue }
                    passages += 1
                    reports.insert(row["report_id"])
                }
            }
            return MatchCount(passages: passages, reports: reports.count)
        }
    }
}
