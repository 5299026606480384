import GRDB

/// A query ready to run on one index: FTS5 MATCH expressions, SQL conditions for the filters,
/// and the checks for what FTS5 can only approximate.
///
/// Matches come in two tiers: passages where every term matches as its exact phrase, then
/// passages where some unquoted term matches only through its near variants.
///
/// ```swift
/// let compiled = try QueryCompiler.compile(query, db)
/// try compiled.forEachMatch(db) { match in … }   // exact tier, then variants; best first in each
/// ```
struct CompiledQuery {
    /// One tier of matches.
    struct Tier {
        /// The FTS5 expression; nil when the query has filters only.
        var match: String?
        /// The check every candidate must pass, when FTS5's answer is not exact.
        var check: ((FoldedText) -> Bool)?
        /// What kind of matches the tier holds.
        var kind: MatchKind
    }

    /// The tiers that make up the query's matches (and its counts).
    var tiers: [Tier]
    /// Passages holding every part of a term but apart: shown after the matches, not counted.
    var related: Tier?
    /// SQL conditions on `p` (passages) and `r` (reports), joined with AND.
    var conditions: [String]
    var arguments: StatementArguments
    /// The plans of the terms a hit contains (not negated): for highlights.
    var highlightPlans: [TermPlan]
    /// The variants of those terms, for highlighting variant hits.
    var highlightVariants: [TermVariant]

    /// Whether the query has terms (not only filters).
    var hasTerms: Bool { tiers.first?.match != nil }

    /// One matching passage, as the candidate query returns it.
    struct Match {
        var passageID: Int64
        var reportID: Int64
        var sectionID: Int64?
        var line: Int
        var text: String
        /// bm25: lower is better.
        var rank: Double
        /// Exact, or only through a term's variants or its parts apart.
        var kind: MatchKind
    }

    /// Calls `body` for every matching passage: the exact tier first, then the variant tier;
    /// within each, best first when `ranked`. Return false to stop.
    func forEachMatch(_ db: Database, ranked: Bool = true, _ body: (Match) throws -> Bool) throws {
        for tier in tiers {
            var going = true
            try forEachMatch(in: tier, db, ranked: ranked, limit: nil) { going = try body($0); return going }
            if !going { return }
        }
    }

    /// The matches of one tier, best first when `ranked`, at most `limit` of them.
    func forEachMatch(in tier: Tier, _ db: Database, ranked: Bool, limit: Int?, _ body: (Match) throws -> Bool) throws {
        var sql = "SELECT p.id, p.report_id, p.section_id, p.line, p.text, "
        var arguments = StatementArguments()
        if let match = tier.match {
            sql += "passages_fts.rank FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
            sql += "JOIN reports r ON r.id = p.report_id WHERE passages_fts MATCH ?"
            arguments += [match]
        } else {
            sql += "0.0 FROM passages p JOIN reports r ON r.id = p.report_id WHERE 1"
        }
        for condition in conditions { sql += " AND (\(condition))" }
        arguments += self.arguments
        if ranked && tier.match != nil { sql += " ORDER BY passages_fts.rank" }
        // Without a check, SQLite can stop early; with one, candidates are filtered here.
        if let limit, tier.check == nil { sql += " LIMIT \(limit)" }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var taken = 0
        while let row = try rows.next() {
            let text: String = row[4]
            if let check = tier.check, !check(FoldedText(text)) { continue }
            let match = Match(passageID: row[0], reportID: row[1], sectionID: row[2], line: row[3],
                              text: text, rank: row[5], kind: tier.kind)
            guard try body(match) else { return }
            taken += 1
            if let limit, taken >= limit { return }
        }
    }

    /// Matching passages and reports in all tiers, counted exactly.
    func count(_ db: Database) throws -> (passages: Int, reports: Int) {
        var passages = 0
        var reports: Set<Int64> = []
        for tier in tiers {
            if tier.check == nil, tier.match != nil {
                var sql = "SELECT p.report_id, count(*) FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
                sql += "JOIN reports r ON r.id = p.report_id WHERE passages_fts MATCH ?"
                for condition in conditions { sql += " AND (\(condition))" }
                sql += " GROUP BY p.report_id"
                for row in try Row.fetchAll(db, sql: sql, arguments: [tier.match!] + arguments) {
                    reports.insert(row[0])
                    passages += row[1] as Int
                }
            } else {
                try forEachMatch(in: tier, db, ranked: false, limit: nil) {
                    passages += 1
                    reports.insert($0.reportID)
                    return true
                }
            }
        }
        return (passages, reports.count)
    }
}
