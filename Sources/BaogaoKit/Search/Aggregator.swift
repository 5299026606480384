import GRDB

/// How `units` groups the matching passages.
public enum Grouping: String, Sendable, CaseIterable, Codable {
    case unit, year, report
}

/// One row of an aggregation: a unit, a year or a report, with exact counts and its best hit.
public struct AggregateRow: Sendable, Hashable {
    /// The grouping this row belongs to.
    public var grouping: Grouping
    /// The unit (unit and report groupings); nil when unknown.
    public var unit: String?
    /// The year (year and report groupings); nil when unknown.
    public var year: Int?
    /// The report's path (report grouping).
    public var path: String?
    /// The report's title (report grouping).
    public var title: String?
    /// Reports with at least one matching passage.
    public var reports: Int
    /// Matching passages, counted exactly.
    public var passages: Int
    /// The years of those reports, ascending.
    public var years: [Int]
    /// The best-ranked matching passage of the row.
    public var best: SearchHit
}

/// The answer to `units`: rows and the totals over all of them.
public struct Aggregation: Sendable, Hashable {
    public var rows: [AggregateRow]
    public var totalHits: Int
    public var totalReports: Int
    /// The folder the index was built from; paths are relative to it.
    public var root: String?
}

/// Counts every matching passage per unit, year or report: "which units mention 乡村振兴".
///
/// ```swift
/// let rows = try Aggregator(index: index).aggregate(try SearchQuery(parsing: "乡村振兴"), by: .unit).rows
/// rows.first?.unit  // "市农业农村局"
/// ```
public struct Aggregator: Sendable {
    public let index: IndexDatabase

    public init(index: IndexDatabase) {
        self.index = index
    }

    public func aggregate(_ query: SearchQuery, by grouping: Grouping) throws(BaogaoError) -> Aggregation {
        try index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            let reports = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, unit, year, path FROM reports")
                .map { row -> (Int64, (unit: String?, year: Int?, path: String)) in (row[0], (row[1], row[2], row[3])) })

            struct Group {
                /// The best match's passage, tier and bm25; its row is read once all are known.
                var best: (passage: Int64, kind: MatchKind, rank: Double)
                var reports: Set<Int64> = []
                var years: Set<Int> = []
                var passages = 0
            }
            var groups: [String: Group] = [:]
            var order: [String] = []
            var total = 0
            var allReports: Set<Int64> = []
            func add(passage: Int64, report reportID: Int64, kind: MatchKind, rank: Double) {
                let report = reports[reportID]!
                let key: String
                switch grouping {
                case .unit: key = report.unit.map { "u:" + $0 } ?? "-"
                case .year: key = report.year.map { "y:\($0)" } ?? "-"
                case .report: key = "r:\(reportID)"
                }
                if groups[key] == nil {
                    groups[key] = Group(best: (passage, kind, rank))
                    order.append(key)
                }
                groups[key]!.passages += 1
                groups[key]!.reports.insert(reportID)
                if let year = report.year { groups[key]!.years.insert(year) }
                total += 1
                allReports.insert(reportID)
            }
            for tier in compiled.tiers {
                // Best first by ids alone where FTS5 is exact: the text of the best match of
                // each group is read afterwards, not that of every match (2 s for 的 on 100 MB).
                let byID = try compiled.forEachRankedID(in: tier, db) { passage, report, rank in
                    add(passage: passage, report: report, kind: tier.kind, rank: rank)
                }
                if byID { continue }
                try compiled.forEachMatch(in: tier, db, ranked: true, limit: nil) { match in
                    add(passage: match.passageID, report: match.reportID, kind: match.kind, rank: match.rank)
                    return true
                }
            }
            let bests = Dictionary(order.map { (groups[$0]!.best.passage, groups[$0]!.best) }, uniquingKeysWith: { a, _ in a })
            var best: [Int64: CompiledQuery.Match] = [:]
            try CompiledQuery.forEachPassage(Array(bests.keys), db) { id, reportID, sectionID, line, text in
                best[id] = CompiledQuery.Match(passageID: id, reportID: reportID, sectionID: sectionID, line: line,
                                               text: text, rank: bests[id]!.rank, kind: bests[id]!.kind)
            }

            let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans)
            var rows: [AggregateRow] = []
            for key in order {
                let group = groups[key]!
                guard let best = best[group.best.passage] else { continue }
                let report = reports[best.reportID]!
                rows.append(AggregateRow(
                    grouping: grouping,
                    unit: grouping == .year ? nil : report.unit,
                    year: grouping == .unit ? nil : report.year,
                    path: grouping == .report ? report.path : nil,
                    title: grouping == .report ? try hydrator.report(best.reportID).title : nil,
                    reports: group.reports.count, passages: group.passages,
                    years: group.years.sorted(), best: try hydrator.hit(best)))
            }
            if grouping == .year {
                rows.sort { ($0.year ?? Int.max) < ($1.year ?? Int.max) }
            } else {
                // Most passages first; ties keep the order of their best hits.
                rows = rows.enumerated().sorted {
                    $0.element.passages != $1.element.passages ? $0.element.passages > $1.element.passages : $0.offset < $1.offset
                }.map(\.element)
            }
            return Aggregation(rows: rows, totalHits: total, totalReports: allReports.count,
                               root: try IndexSchema.meta(db, "root"))
        }
    }
}
