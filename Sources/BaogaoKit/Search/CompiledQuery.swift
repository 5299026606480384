import GRDB

/// A query ready to run on one index: an FTS5 MATCH expression, SQL conditions for the
/// filters, and the exact check for terms FTS5 can only approximate.
///
/// ```swift
/// let compiled = try QueryCompiler.compile(query, db)
/// try compiled.forEachMatch(db) { match in … }   // every matching passage, best first
/// ```
struct CompiledQuery {
    /// The FTS5 expression; nil when the query has filters only.
    var match: String?
    /// The text part, when its candidates must be checked against the passage text.
    var verification: TextExpression?
    /// SQL conditions on `p` (passages) and `r` (reports), joined with AND.
    var conditions: [String]
    var arguments: StatementArguments
    /// The plans of the terms a hit contains (not negated): for highlights.
    var highlightPlans: [TermPlan]

    /// One matching passage, as the candidate query returns it.
    struct Match {
        var passageID: Int64
        var reportID: Int64
        var sectionID: Int64?
        var line: Int
        var text: String
        /// bm25: lower is better.
        var rank: Double
    }

    /// Calls `body` for every matching passage, best first. Return false to stop.
    func forEachMatch(_ db: Database, ranked: Bool = true, _ body: (Match) throws -> Bool) throws {
        var sql = "SELECT p.id, p.report_id, p.section_id, p.line, p.text, "
        var arguments = StatementArguments()
        if let match {
            sql += "bm25(passages_fts) AS rank FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
            sql += "JOIN reports r ON r.id = p.report_id WHERE passages_fts MATCH ?"
            arguments += [match]
        } else {
            sql += "0.0 AS rank FROM passages p JOIN reports r ON r.id = p.report_id WHERE 1"
        }
        for condition in conditions { sql += " AND (\(condition))" }
        arguments += self.arguments
        sql += ranked ? " ORDER BY rank, p.report_id, p.line" : ""
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let text: String = row[4]
            if let verification, !verification.matches(FoldedText(text)) { continue }
            let match = Match(passageID: row[0], reportID: row[1], sectionID: row[2], line: row[3],
                              text: text, rank: row[5])
            guard try body(match) else { return }
        }
    }
}
