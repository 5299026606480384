import GRDB

/// A whole report as the index holds it: its metadata, its outline and every passage, with
/// the query's matches marked. What a reader of the report sees, read from the index only.
///
/// ```swift
/// let document = try ReportCatalog(index: index).document(path: "市XX办_2021_机关党建工作总结.txt")
/// document.outline.first?.heading  // "一、政治忠诚，强化理想信念教育"
/// ```
public struct ReportDocument: Sendable, Hashable, Codable {
    public var report: ReportInfo
    /// Every heading, in order, with its line and depth.
    public var outline: [OutlineEntry]
    /// Every passage, in order, with highlights of the query's terms when one was given.
    public var passages: [ShownLine]
}

extension ReportCatalog {
    /// The report stored at exactly `path` (relative to the indexed folder, as hits give it),
    /// or nil: no lookup by file name or absolute path, so nothing outside the index matches.
    ///
    /// ```swift
    /// try catalog.report(exactPath: "市XX办_2021_机关党建工作总结.txt")?.unit  // "市XX办"
    /// try catalog.report(exactPath: "../市XX办_2021_机关党建工作总结.txt")     // nil
    /// ```
    public func report(exactPath path: String) throws(BaogaoError) -> ReportInfo? {
        try index.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE path = ?", arguments: [path]).map(Self.info)
        }
    }

    /// The first and last lines with text of the report stored at exactly `path`; nil when no
    /// such report is indexed or it has no text.
    ///
    /// ```swift
    /// try catalog.lineSpan(exactPath: "市XX办_2021_机关党建工作总结.txt")  // 1...40
    /// ```
    public func lineSpan(exactPath path: String) throws(BaogaoError) -> ClosedRange<Int>? {
        try index.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT min(p.line), max(p.line) FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.path = ?
                """, arguments: [path])
            guard let row, let first = row[0] as Int?, let last = row[1] as Int? else { return nil }
            return first...last
        }
    }

    /// The report at `path` (found as ``section(path:line:query:)`` finds it) with its outline
    /// and all its passages, highlighting `query`'s terms.
    public func document(path: String, query: SearchQuery? = nil) throws(BaogaoError) -> ReportDocument {
        let (report, outline) = try outline(path: path)
        let plans = query.map(Searcher.highlightPlans(for:)) ?? []
        let passages = try index.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.line, p.page, p.text FROM passages p JOIN reports r ON r.id = p.report_id
                WHERE r.path = ? ORDER BY p.line
                """, arguments: [report.path])
                .map { row -> ShownLine in
                    let text: String = row["text"]
                    return ShownLine(line: row["line"], text: text, highlights: Searcher.highlights(in: text, plans: plans),
                                     page: row["page"])
                }
        }
        return ReportDocument(report: report, outline: outline, passages: passages)
    }
}
