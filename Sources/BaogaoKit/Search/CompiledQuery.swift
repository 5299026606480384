import Foundation
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

    /// Whether FTS5's answer is exact, so that counting and ranking need no passage text.
    var isExact: Bool { match != nil && verification == nil }

    /// At most this many matches are ranked by bm25 (about a microsecond each); a query with
    /// more is ranked on an evenly spread sample of about this many (see ``topMatches``).
    static let rankedAtMost = 10_000

    /// The FROM and WHERE clauses of an exact query, and their arguments.
    private func exactClauses() -> (String, StatementArguments) {
        var sql = "FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
        if !conditions.isEmpty { sql += "JOIN reports r ON r.id = p.report_id " }
        sql += "WHERE passages_fts MATCH ?"
        for condition in conditions { sql += " AND (\(condition))" }
        var arguments: StatementArguments = [match]
        arguments += self.arguments
        return (sql, arguments)
    }

    /// The number of matching passages and the reports holding them, without ranking and
    /// without reading any passage text. Without filters only FTS5's rowids are read, mapped
    /// to reports by ``ReportRanges``. Only for ``isExact`` queries.
    func totals(_ db: Database) throws -> (passages: Int, reports: Set<Int64>) {
        precondition(isExact)
        var passages = 0
        var reports: Set<Int64> = []
        if conditions.isEmpty, let ranges = try ReportRanges.load(db) {
            let ids = try Int64.fetchCursor(db.cachedStatement(sql: """
                SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
                """), arguments: [match])
            var current: (start: Int64, end: Int64, report: Int64)? = nil
            while let id = try ids.next() {
                passages += 1
                if let c = current, id >= c.start && id < c.end { continue }
                guard let i = ranges.range(ofPassage: id) else { continue }
                reports.insert(ranges.reports[i])
                current = (ranges.starts[i], i + 1 < ranges.starts.count ? ranges.starts[i + 1] : .max, ranges.reports[i])
            }
            return (passages, reports)
        }
        let (clauses, arguments) = exactClauses()
        let ids = try Int64.fetchCursor(db.cachedStatement(sql: "SELECT p.report_id " + clauses), arguments: arguments)
        while let id = try ids.next() {
            passages += 1
            reports.insert(id)
        }
        return (passages, reports)
    }

    /// Matches ranked in one pass when a query has at most this many; more are counted in a
    /// second pass and ranked in a third (see ``ranked(_:limit:offset:)``).
    static let onePassAtMost = 2_000

    /// The exact totals and the best `limit` matches after skipping `offset`, in the order of
    /// ``forEachMatch`` (bm25, then report and line), reading the text of the returned matches
    /// only. A query with few matches is ranked in one pass; one with more than
    /// ``onePassAtMost`` is counted without ranking (``totals(_:)``), then ranked: when it has
    /// more than ``rankedAtMost`` matches, only passages whose id is a multiple of
    /// ⌈total / rankedAtMost⌉ are ranked, an even spread over the index, so that a phrase in
    /// half the passages costs what a phrase in 10,000 costs. Only for ``isExact`` queries.
    func ranked(_ db: Database, limit: Int, offset: Int) throws
        -> (passages: Int, reports: Set<Int64>, top: [Match]) {
        precondition(isExact)
        let ranges = conditions.isEmpty ? try ReportRanges.load(db) : nil
        var (clauses, arguments) = exactClauses()
        if ranges != nil {
            // Without filters, rowid order is report and line order (see ReportRanges): no join.
            clauses = clauses.replacingOccurrences(of: "JOIN passages p ON p.id = passages_fts.rowid ", with: "")
        }
        let columns = ranges != nil ? "passages_fts.rowid, bm25(passages_fts), 0, 0"
            : "passages_fts.rowid, bm25(passages_fts), p.report_id, p.line"
        var found: [(id: Int64, rank: Double, report: Int64, line: Int)] = []
        // A prefix term (one character) usually matches widely, and FTS5 merges the doclists
        // of every term it prefixes before returning a row: no one-pass attempt for it.
        let onePass = !(match ?? "").contains("*")
        if onePass {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(columns) \(clauses)"), arguments: arguments)
            while let row = try rows.next() {
                found.append((row[0], row[1], row[2], row[3]))
                if found.count > Self.onePassAtMost { break }
            }
        }
        if onePass && found.count <= Self.onePassAtMost {
            var reports: Set<Int64> = []
            if let ranges {
                for f in found { if let i = ranges.range(ofPassage: f.id) { reports.insert(ranges.reports[i]) } }
            } else {
                for f in found { reports.insert(f.report) }
            }
            found.sort { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if ranges != nil { return a.id < b.id }
                return (a.report, a.line) < (b.report, b.line)
            }
            let top = found.dropFirst(offset).prefix(limit).map { ($0.id, $0.rank) }
            return (found.count, reports, try hydrate(top, db))
        }
        let (total, reports) = try totals(db)
        let stride = (total + Self.rankedAtMost - 1) / Self.rankedAtMost
        if stride > 1 && offset + limit <= Self.rankedAtMost / 10 {
            clauses += " AND passages_fts.rowid % \(stride) = 0"
        }
        let order = ranges != nil ? " ORDER BY rank, passages_fts.rowid" : " ORDER BY rank, p.report_id, p.line"
        let top = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT passages_fts.rowid, bm25(passages_fts) AS rank \(clauses)\(order) LIMIT ? OFFSET ?
            """), arguments: arguments + [limit, offset]).map { (id: $0[0] as Int64, rank: $0[1] as Double) }
        return (total, reports, try hydrate(top, db))
    }

    /// The matches of passages `ids` with their ranks, text read from the passages table.
    private func hydrate(_ ranked: [(id: Int64, rank: Double)], _ db: Database) throws -> [Match] {
        let passage = try db.cachedStatement(sql: "SELECT report_id, section_id, line, text FROM passages WHERE id = ?")
        return try ranked.map { id, rank in
            let p = try Row.fetchOne(passage, arguments: [id])!
            return Match(passageID: id, reportID: p[0], sectionID: p[1], line: p[2], text: p[3], rank: rank)
        }
    }
}
