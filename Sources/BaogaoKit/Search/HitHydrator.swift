import GRDB

/// Turns matching passages into ``SearchHit``s: report metadata, section trail, highlights,
/// context. Caches per report and section, since hits cluster.
final class HitHydrator {
    private let db: Database
    private let plans: [TermPlan]
    private let variantPlans: [TermPlan]
    private var reports: [Int64: Report] = [:]
    private var trails: [Int64: String] = [:]
    private var foldedTrails: [Int64: FoldedText] = [:]

    init(db: Database, plans: [TermPlan], variants: [TermVariant] = []) {
        self.db = db
        self.plans = plans
        self.variantPlans = variants.flatMap(\.partPlans)
    }

    func hit(_ match: CompiledQuery.Match, context: Int = 0) throws -> SearchHit {
        let report = try self.report(match.reportID)
        var hit = SearchHit(
            path: report.path, line: match.line,
            section: try trail(of: match.sectionID),
            text: match.text,
            highlights: Searcher.highlights(in: match.folded ?? FoldedText(match.text),
                                            plans: match.kind == .exact ? plans : plans + variantPlans),
            unit: report.unit, year: report.year, title: report.title,
            score: -match.rank)
        hit.match = match.kind
        if let page = match.page {
            hit.page = page
        } else {
            hit.page = try Int.fetchOne(db.cachedStatement(sql: "SELECT page FROM passages WHERE id = ?"),
                                        arguments: [match.passageID])
        }
        if context > 0 {
            hit.before = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT line, text FROM passages WHERE report_id = ? AND line < ? ORDER BY line DESC LIMIT ?
                """), arguments: [match.reportID, match.line, context]).reversed().map { ContextLine(line: $0[0], text: $0[1]) }
            hit.after = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT line, text FROM passages WHERE report_id = ? AND line > ? ORDER BY line LIMIT ?
                """), arguments: [match.reportID, match.line, context]).map { ContextLine(line: $0[0], text: $0[1]) }
        }
        return hit
    }

    /// Where each of `matches` stands, by path then line.
    func copies(_ matches: [CompiledQuery.Match]) throws -> [HitCopy] {
        try matches.map { match in
            let report = try self.report(match.reportID)
            return HitCopy(path: report.path, line: match.line, unit: report.unit, year: report.year,
                           title: report.title, section: try trail(of: match.sectionID))
        }.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
    }

    /// Reads the report rows and section trails of `matches` not cached yet, with one
    /// statement each instead of one per report and per section.
    func prefetch(_ matches: [CompiledQuery.Match]) throws {
        try loadReports(matches.map(\.reportID))
        try loadTrails(matches.compactMap(\.sectionID))
    }

    /// What a hit shows of its report.
    struct Report {
        var path: String
        var unit: String?
        var year: Int?
        var title: String?

        /// Read from the columns `path, unit, year, title` of `row`, starting at `column`.
        init(_ row: Row, from column: Int) {
            (path, unit, year, title) = (row[column], row[column + 1], row[column + 2], row[column + 3])
        }
    }

    /// Caches the report `id` as `read` gives it, unless it is cached already.
    func remember(report id: Int64, _ read: () -> Report) {
        if reports[id] == nil { reports[id] = read() }
    }

    /// Caches the trail of section `id` as `read` gives it, unless it is cached already.
    func remember(trail id: Int64, _ read: () -> String) {
        if trails[id] == nil { trails[id] = read() }
    }

    func report(_ id: Int64) throws -> Report {
        if reports[id] == nil { try loadReports([id]) }
        return reports[id]!
    }

    /// The headings from the outermost section down to `sectionID`.
    func trail(of sectionID: Int64?) throws -> [String] {
        guard let sectionID else { return [] }
        if trails[sectionID] == nil { try loadTrails([sectionID]) }
        return trails[sectionID].map(SectionTrail.headings) ?? []
    }

    private func loadReports(_ ids: [Int64]) throws {
        let missing = Set(ids.filter { reports[$0] == nil })
        guard !missing.isEmpty else { return }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT r.id, r.path, r.unit, r.year, r.title FROM json_each(?) j JOIN reports r ON r.id = j.value
            """), arguments: [CompiledQuery.jsonArray(missing.sorted())])
        while let row = try rows.next() {
            reports[row[0]] = Report(row, from: 1)
        }
    }

    private func loadTrails(_ ids: [Int64]) throws {
        let missing = Set(ids.filter { trails[$0] == nil })
        guard !missing.isEmpty else { return }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT s.id, s.trail FROM json_each(?) j JOIN sections s ON s.id = j.value
            """), arguments: [CompiledQuery.jsonArray(missing.sorted())])
        while let row = try rows.next() { trails[row[0]] = row[1] }
    }

    /// The trail of `sectionID` (headings joined by newlines) folded, as the ``Ranker`` reads it.
    func foldedTrail(of sectionID: Int64?) throws -> FoldedText {
        guard let sectionID else { return Self.noHeadings }
        if let cached = foldedTrails[sectionID] { return cached }
        if trails[sectionID] == nil { try loadTrails([sectionID]) }
        let folded = trails[sectionID].map { FoldedText($0) } ?? Self.noHeadings
        foldedTrails[sectionID] = folded
        return folded
    }

    private static let noHeadings = FoldedText("")
}
