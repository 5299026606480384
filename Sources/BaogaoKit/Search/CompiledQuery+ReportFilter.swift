import GRDB

extension CompiledQuery {
    /// The reports a query's filters let through, when every filter is on the report (unit:,
    /// year:, title:): read with one `SELECT` over `reports` when the query is compiled (see
    /// ``allowedReportIDs``), so that FTS5's rowids are kept or
    /// dropped through ``ReportRanges`` rather than by joining `passages` and `reports` for every
    /// match (营商环境 year:2023 read a passage row and a report row for each of its matches
    /// in every year). Nil without filters, or when one (section:) needs the passage.
    ///
    /// ```swift
    /// let compiled = try QueryCompiler.compile(SearchQuery(parsing: "营商环境 year:2023"), db)
    /// compiled.allowedReportIDs   // the ids of the reports of 2023
    /// ```
    func allowedReports(_ db: Database) throws -> Set<Int64>? {
        guard !conditions.isEmpty, filtersOnReports else { return nil }
        var sql = "SELECT r.id FROM reports r WHERE 1"
        for condition in conditions { sql += " AND (\(condition))" }
        return Set(try Int64.fetchAll(db, sql: sql, arguments: arguments))
    }
}
