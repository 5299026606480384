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

    /// The best `limit` hits (every hit when `limit` is nil) and the exact totals.
    public func search(_ query: SearchQuery, limit: Int? = 10) throws(BaogaoError) -> SearchResults {
        let plans = try Self.plans(for: query)
        let match = plans.map { "(\($0.matchExpression))" }.joined(separator: " AND ")
        let verify = plans.filter(\.needsVerification)
        return try index.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.report_id, p.section_id, p.line, p.text, bm25(passages_fts) AS rank
                FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                WHERE passages_fts MATCH ?
                ORDER BY rank, p.report_id, p.line
                """, arguments: [match])
            var picked: [Row] = []
            var total = 0
            var reports: Set<Int64> = []
            while let row = try rows.next() {
                if !verify.isEmpty {
                    let text = FoldedText(row["text"])
                    guard verify.allSatisfy({ text.contains($0.folded) }) else { continue }
                }
                total += 1
                reports.insert(row["report_id"])
                if limit == nil || picked.count < limit! { picked.append(row.copy()) }
            }
            let hits = try picked.map { row in try hydrate(row, plans: plans, db) }
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

    private func hydrate(_ row: Row, plans: [TermPlan], _ db: Database) throws -> SearchHit {
        let reportID: Int64 = row["report_id"]
        let report = try Row.fetchOne(db, sql: "SELECT path, unit, year, title FROM reports WHERE id = ?",
                                      arguments: [reportID])!
        let text: String = row["text"]
        return SearchHit(
            path: report["path"], line: row["line"],
            section: try Self.trail(of: row["section_id"], db),
            text: text, highlights: Self.highlights(in: text, plans: plans),
            unit: report["unit"], year: report["year"], title: report["title"],
            score: -(row["rank"] as Double))
    }

    /// The headings from the outermost section down to `sectionID`.
    static func trail(of sectionID: Int64?, _ db: Database) throws -> [String] {
        guard let sectionID else { return [] }
        return try String.fetchAll(db, sql: """
            WITH RECURSIVE up(id, parent_id, heading, depth) AS (
                SELECT id, parent_id, heading, 0 FROM sections WHERE id = ?
                UNION ALL
                SELECT s.id, s.parent_id, s.heading, up.depth + 1 FROM sections s JOIN up ON s.id = up.parent_id
            )
            SELECT heading FROM up ORDER BY depth DESC
            """, arguments: [sectionID])
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
}
