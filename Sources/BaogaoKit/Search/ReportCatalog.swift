import Foundation
import GRDB

/// The reports of an index: listing them, their outlines, and whole sections by line.
///
/// ```swift
/// let catalog = ReportCatalog(index: index)
/// let view = try catalog.section(path: "市XX办_2021_机关党建工作总结.txt", line: 31)
/// view.section  // ["四、党建引领，争相出彩服务大局", "（五）巩固脱贫攻坚成果，助力乡村振兴"]
/// ```
public struct ReportCatalog: Sendable {
    public let index: IndexDatabase

    public init(index: IndexDatabase) {
        self.index = index
    }

    /// The folder the index was built from.
    public func root() throws(BaogaoError) -> String? {
        try index.read { db in try IndexSchema.meta(db, "root") }
    }

    /// How many reports and units the index holds, and the years of its reports, from a few
    /// aggregates: a page that shows them reads no report's row (listing every report took
    /// 0.3 s of each search page at 1 GB, 54,544 reports, for the years of its chart).
    ///
    /// ```swift
    /// let summary = try catalog.summary()
    /// summary.years   // [2021, 2022, 2023]
    /// ```
    public func summary() throws(BaogaoError) -> ReportSummary {
        try index.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), count(DISTINCT unit) FROM reports")
            return ReportSummary(reports: row?[0] ?? 0, units: row?[1] ?? 0, years: try Self.years(db))
        }
    }

    /// The distinct years of the reports, ascending, from the index on years alone (counting
    /// the units as well, as ``summary()`` does, scans every report: 6 ms at 1 GB).
    public func years() throws(BaogaoError) -> [Int] {
        try index.read { db in try Self.years(db) }
    }

    private static func years(_ db: Database) throws -> [Int] {
        try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year")
    }

    /// `count` reports from the `start`-th (0 the first) in the order of ``reports(matching:)``
    /// without a query: a page of the listing, without reading the rest.
    public func reports(from start: Int, count: Int) throws(BaogaoError) -> [ReportInfo] {
        try index.read { db in try Self.page(from: start, count: count, db) }
    }

    /// A page of the listing, as ``reports(from:count:)``, and how many reports there are in
    /// all, read together (an update between two reads could make them disagree).
    public func reportsAndTotal(from start: Int, count: Int) throws(BaogaoError) -> (total: Int, reports: [ReportInfo]) {
        try reports(matching: nil, from: start, count: count)
    }

    private static func page(from start: Int, count: Int, _ db: Database) throws -> [ReportInfo] {
        try Row.fetchAll(db, sql: "SELECT * FROM reports r \(Order.unit.sql) LIMIT ? OFFSET ?",
                         arguments: [max(0, count), max(0, start)]).map(Self.info)
    }

    /// The reports matching the query's filters (and, when it has terms, holding a match),
    /// ordered by unit, year and path. No query lists them all.
    public func reports(matching query: SearchQuery? = nil) throws(BaogaoError) -> [ReportInfo] {
        var all: [ReportInfo] = []
        _ = try forEachReport(matching: query) { all.append($0) }
        return all
    }

    /// `count` reports of ``reports(matching:)`` from the `start`-th (0 the first), and how
    /// many it lists in all: only the page's rows are read.
    ///
    /// ```swift
    /// let (total, page) = try catalog.reports(matching: try SearchQuery(parsing: "乡村振兴"), from: 0, count: 20)
    /// page.first?.matches   // its matching passages
    /// ```
    public func reports(matching query: SearchQuery?, from start: Int, count: Int) throws(BaogaoError) -> (total: Int, reports: [ReportInfo]) {
        precondition(start >= 0 && count >= 0)
        var page: [ReportInfo] = []
        let total = try forEachReport(matching: query, from: start, count: count) { page.append($0) }
        return (total, page)
    }

    /// How reports are listed.
    public enum Order: Sendable {
        /// By unit (unknown last), year and path: ``reports(matching:)``.
        case unit
        /// By path, in the byte order of its UTF-8.
        case path

        /// The ORDER BY clause of reports read as `r`: the one place the listing's order is set.
        var sql: String {
            switch self {
            case .unit: "ORDER BY r.unit IS NULL, r.unit, r.year, r.path"
            case .path: "ORDER BY r.path"
            }
        }
    }

    /// Gives each report of ``reports(matching:)`` (from the `start`-th, at most `count`) to
    /// `body` as it is read, in `order`, and returns how many the listing holds in all: a
    /// listing of half a million reports is never held whole (`baogao reports` at 532,250
    /// reports took 717 MB). A query's matches are counted per report as `units --by report`
    /// counts them, from FTS5's rowids where it can (listing the 413,330 reports holding
    /// 人民政府 there read every match's text: 8.8 s and 590 MB).
    ///
    /// ```swift
    /// let total = try catalog.forEachReport(matching: query) { print($0.path) }
    /// ```
    @discardableResult
    public func forEachReport(matching query: SearchQuery?, order: Order = .unit, from start: Int = 0, count: Int = Int.max,
                              _ body: (ReportInfo) -> Void) throws(BaogaoError) -> Int {
        precondition(start >= 0 && count >= 0)
        return try index.read { db in
            var counted: ReportGroups?
            var allowed: [Int64]?
            var holdingPassages = false
            if let query {
                let compiled = try QueryCompiler.compile(query, db, requireTerms: false)
                if compiled.hasTerms {
                    let groups = try Aggregator(index: index).reportGroups(compiled, db)
                    allowed = groups.groups.map(\.report)
                    counted = groups
                } else if compiled.filtersOnReports, let reports = compiled.allowedReportIDs {
                    // Filters on the report alone: the reports they let through that hold a
                    // passage (below), without stepping through their passages.
                    allowed = Array(reports)
                    holdingPassages = true
                } else {
                    var ids: Set<Int64> = []
                    try compiled.forEachMatch(db, ranked: false) { ids.insert($0.reportID); return true }
                    allowed = Array(ids)
                }
            }
            // Only the reports let through are read and sorted (all 54,544 of 1 GB: 0.15 s).
            let sorted = order.sql
            let window: [any DatabaseValueConvertible] = [count, start]
            let total: Int
            let rows: RowCursor
            if let allowed {
                let ids = CompiledQuery.jsonArray(allowed.sorted())
                let from = "FROM json_each(?) j JOIN reports r ON r.id = j.value \(holdingPassages ? "WHERE r.passage_count > 0" : "")"
                total = holdingPassages ? try Int.fetchOne(db, sql: "SELECT count(*) \(from)", arguments: [ids]) ?? 0 : allowed.count
                rows = try Row.fetchCursor(db, sql: "SELECT r.* \(from) \(sorted) LIMIT ? OFFSET ?",
                                           arguments: StatementArguments([ids] + window))
            } else {
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0
                rows = try Row.fetchCursor(db, sql: "SELECT * FROM reports r \(sorted) LIMIT ? OFFSET ?",
                                           arguments: StatementArguments(window))
            }
            while let row = try rows.next() {
                var info = Self.info(row)
                info.matches = counted?.passages(ofReport: row["id"])
                body(info)
            }
            return total
        }
    }

    /// The section holding `line` of the report at `path`, highlighting `query`'s terms.
    public func section(path: String, line: Int, query: SearchQuery? = nil) throws(BaogaoError) -> SectionView {
        try index.read { db in
            let report = try Self.report(path, db)
            let id: Int64 = report["id"]
            let passages = try Row.fetchAll(db, sql: "SELECT line, text, section_id FROM passages WHERE report_id = ? ORDER BY line",
                                            arguments: [id])
            guard let last = passages.last else { throw BaogaoError("\(path) has no indexed text") }
            guard line >= 1, line <= last["line"] as Int else {
                throw BaogaoError("\(path) has no line \(line): its lines with text run from 1 to \(last["line"] as Int)")
            }
            let sections = try Row.fetchAll(db, sql: "SELECT id, parent_id, rank, heading, line FROM sections WHERE report_id = ? ORDER BY line",
                                            arguments: [id])
            // The innermost section: that of the passage at `line`, or the nearest before it.
            let holder = passages.last { ($0["line"] as Int) <= line } ?? passages[0]
            let sectionID: Int64? = holder["section_id"]
            let (start, end): (Int, Int)
            if let sectionID, let index = sections.firstIndex(where: { ($0["id"] as Int64) == sectionID }) {
                let rank: Int = sections[index]["rank"]
                start = sections[index]["line"]
                end = sections[(index + 1)...].first { ($0["rank"] as Int) <= rank }?["line"] ?? Int.max
            } else {
                start = 1
                end = sections.first?["line"] ?? Int.max
            }
            let plans = query.map(Searcher.highlightPlans(for:)) ?? []
            let lines = passages
                .filter { ($0["line"] as Int) >= start && ($0["line"] as Int) < end }
                .map { row -> ShownLine in
                    let text: String = row["text"]
                    return ShownLine(line: row["line"], text: text, highlights: Searcher.highlights(in: text, plans: plans))
                }
            return SectionView(report: Self.info(report), section: try HitHydrator(db: db, plans: []).trail(of: sectionID),
                               focus: line, lines: lines)
        }
    }

    /// Every heading of the report at `path`, with its line and depth.
    public func outline(path: String) throws(BaogaoError) -> (report: ReportInfo, headings: [OutlineEntry]) {
        try index.read { db in
            let report = try Self.report(path, db)
            let rows = try Row.fetchAll(db, sql: "SELECT id, parent_id, heading, line FROM sections WHERE report_id = ? ORDER BY line",
                                        arguments: [report["id"]])
            var depth: [Int64: Int] = [:]
            let entries = rows.map { row -> OutlineEntry in
                let parent: Int64? = row["parent_id"]
                let d = parent.flatMap { depth[$0] }.map { $0 + 1 } ?? 0
                depth[row["id"]] = d
                return OutlineEntry(line: row["line"], depth: d, heading: row["heading"])
            }
            return (Self.info(report), entries)
        }
    }

    /// Finds a report by the path a user typed: absolute, relative to the indexed folder, or
    /// the unique end of a stored path.
    static func report(_ path: String, _ db: Database) throws -> Row {
        var candidates = [path]
        if let root = try IndexSchema.meta(db, "root"), path.hasPrefix(root + "/") {
            candidates.insert(String(path.dropFirst(root.count + 1)), at: 0)
        }
        for candidate in candidates {
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE path = ?", arguments: [candidate]) {
                return row
            }
        }
        let name = (path as NSString).lastPathComponent
        let ends = try Row.fetchAll(db, sql: "SELECT * FROM reports WHERE path = ? OR path LIKE ? ESCAPE '\\'",
                                    arguments: [name, "%/" + name.replacingOccurrences(of: "\\", with: "\\\\")
                                        .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")])
            .filter { path.hasSuffix($0["path"] as String) || ($0["path"] as String).hasSuffix(path) }
        if ends.count == 1 { return ends[0] }
        if ends.count > 1 {
            throw BaogaoError("\(path) matches \(ends.count) indexed reports: "
                              + ends.prefix(5).map { $0["path"] as String }.joined(separator: ", "))
        }
        throw BaogaoError("\(path) is not in the index (run `baogao reports` to list the indexed reports)")
    }

    /// Every unit with the names its reports were found under, most reports first.
    public func unitNames() throws(BaogaoError) -> [UnitNaming] {
        try index.read { db in
            var units: [String: UnitNaming] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT unit, coalesce(unit_name, unit) AS name, count(*) AS n FROM reports
                WHERE unit IS NOT NULL GROUP BY unit, name ORDER BY unit, n DESC, name
                """)
            for row in rows {
                let unit: String = row["unit"]
                units[unit, default: UnitNaming(unit: unit, reports: 0, names: [])].reports += row["n"] as Int
                units[unit]!.names.append(.init(name: row["name"], reports: row["n"]))
            }
            return units.values.sorted { $0.reports != $1.reports ? $0.reports > $1.reports : $0.unit < $1.unit }
        }
    }

    static func info(_ row: Row) -> ReportInfo {
        let unit: String? = row["unit"], name: String? = row["unit_name"]
        return ReportInfo(path: row["path"], unit: unit, unitName: name == unit ? nil : name, year: row["year"], title: row["title"],
                   passages: row["passage_count"], encoding: row["encoding"], note: row["note"],
                   sources: .init(unit: row["unit_source"], year: row["year_source"], title: row["title_source"]),
                   matches: nil)
    }
}
