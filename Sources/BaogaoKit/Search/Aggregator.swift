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

/// A unit's or a year's share of the matches, without a best hit: what a page's facets and
/// chart show.
public struct GroupCount: Sendable, Hashable {
    /// The unit (unit grouping); nil when unknown.
    public var unit: String?
    /// The year (year grouping); nil when unknown.
    public var year: Int?
    /// Reports with at least one matching passage.
    public var reports: Int
    /// Matching passages, counted exactly.
    public var passages: Int
}

/// The answer to ``Aggregator/counts(_:by:)``: rows, most passages first (by year: in year
/// order), and the totals over all of them.
public struct GroupCounts: Sendable, Hashable {
    public var rows: [GroupCount]
    public var totalHits: Int
    public var totalReports: Int
}

/// The answer to `units`: rows (all of them, or a page) and the totals over all of them.
public struct Aggregation: Sendable, Hashable {
    public var rows: [AggregateRow]
    public var totalHits: Int
    public var totalReports: Int
    /// The rows of the whole answer: more than `rows` holds when it is a page.
    public var totalRows: Int
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

    /// Matches of a tier above which it is counted per report (``rankedAtMost`` by default).
    let rankedAtMostMatches: Int

    /// Matching reports whose units and years are read by id; past this many, in one scan.
    let readByIDAtMost: Int

    /// Whether every report's unit and year may come from the process's ``UnitsAndYears``.
    let keptUnitsAndYears: Bool

    public init(index: IndexDatabase) {
        self.init(index: index, rankedAtMost: Self.rankedAtMost)
    }

    /// Rows whose best hits are found and read together (``rowsPerBatch`` by default).
    let rowsPerBatch: Int

    init(index: IndexDatabase, rankedAtMost: Int, readByIDAtMost: Int = 4_000, keptUnitsAndYears: Bool = true,
         rowsPerBatch: Int = Self.rowsPerBatch) {
        self.index = index
        self.rankedAtMostMatches = rankedAtMost
        self.readByIDAtMost = readByIDAtMost
        self.keptUnitsAndYears = keptUnitsAndYears
        self.rowsPerBatch = rowsPerBatch
    }

    /// A tier with more matches than this is counted per report, its groups' best matches picked
    /// within one report each (``CompiledQuery/bestMatch(in:report:_:ranges:)``); up to it every
    /// match is ranked by bm25 and each group shows its best.
    static let rankedAtMost = 20_000
    /// The same for a tier holding a prefix query (one character): bm25 evaluates its every
    /// bigram again for the IDF, seconds at 1 GB for a character in 20,000 passages.
    static let rankedPrefixAtMost = 2_000

    public func aggregate(_ query: SearchQuery, by grouping: Grouping) throws(BaogaoError) -> Aggregation {
        var rows: [AggregateRow] = []
        var answer = try aggregate(query, by: grouping, limit: nil) { rows.append($0) }
        answer.rows = rows
        return answer
    }

    /// The rows `offset ..< offset + limit` of ``aggregate(_:by:)``, in its order, and its
    /// totals (`totalRows` counts every row): only the page's rows have their best hit found
    /// and read (发展 at 1 GB: 695 units, each a query of its own for its best passage).
    ///
    /// ```swift
    /// let page = try Aggregator(index: index).aggregate(query, by: .unit, limit: 20, offset: 40)
    /// page.rows.count   // 20, or fewer on the last page
    /// page.totalRows    // every unit with a match
    /// ```
    public func aggregate(_ query: SearchQuery, by grouping: Grouping, limit: Int,
                          offset: Int = 0) throws(BaogaoError) -> Aggregation {
        precondition(limit >= 0 && offset >= 0)
        var rows: [AggregateRow] = []
        var answer = try aggregate(query, by: grouping, limit: limit, offset: offset) { rows.append($0) }
        answer.rows = rows
        return answer
    }

    /// The rows of ``aggregate(_:by:)`` (`offset ..< offset + limit`, or from `offset` on
    /// when `limit` is nil), each given to `row` in the answer's order as soon as its best
    /// hit is read, and the totals (the answer's `rows` empty): memory holds the groups'
    /// counts, not the rows, so `units --by report` of a phrase in 500,000 reports prints its
    /// rows as they come.
    ///
    /// ```swift
    /// let totals = try Aggregator(index: index).aggregate(query, by: .report) { print($0.path!) }
    /// totals.totalRows   // the rows given
    /// ```
    public func aggregate(_ query: SearchQuery, by grouping: Grouping, limit: Int? = nil, offset: Int = 0,
                          each row: (AggregateRow) -> Void) throws(BaogaoError) -> Aggregation {
        precondition((limit ?? 0) >= 0 && offset >= 0)
        return try index.read { db in
            var compiled = try QueryCompiler.compile(query, db, for: index)
            compiled.keepRowIDsBetweenSteps()
            // Every group counted; a group's best found only once the order puts it on show.
            let deferred = DeferredBests()
            let reports = try groups(compiled, by: [grouping], deferred: deferred, db)[0]
            let groups = reports.groups
            let order = Self.ordered(Array(groups.indices), by: grouping,
                                     year: { reports.metadata(of: groups[$0].report)?.year },
                                     passages: { groups[$0].passages })
            let shown = Array(order.dropFirst(offset).prefix(limit ?? Int.max))
            // Bests found and their passages, reports and sections read a batch of groups at a
            // time, each batch with caches of its own (one for all kept every report's row).
            for start in stride(from: 0, to: shown.count, by: rowsPerBatch) {
                let hydrator = HitHydrator(db: db, plans: compiled.highlightPlans)
                var bests: [(group: Int, best: DeferredBests.Best)] = []
                for g in shown[start..<min(start + rowsPerBatch, shown.count)] {
                    if let best = try deferred.best(of: g) { bests.append((g, best)) }
                }
                var read: [Int64: CompiledQuery.Match] = [:]
                let ids = Array(Set(bests.map(\.best.passage)))
                try CompiledQuery.forEachPassage(ids, db) { id, reportID, sectionID, line, text in
                    read[id] = CompiledQuery.Match(passageID: id, reportID: reportID, sectionID: sectionID, line: line,
                                                   text: text, rank: 0, kind: .exact)
                }
                let matches = bests.compactMap { g, best -> (Int, CompiledQuery.Match)? in
                    guard var match = read[best.passage] else { return nil }
                    (match.rank, match.kind) = (best.rank, best.kind)
                    return (g, match)
                }
                try hydrator.prefetch(matches.map(\.1))
                for (g, match) in matches {
                    let group = groups[g]
                    let report = reports.metadata(of: match.reportID)!
                    row(AggregateRow(
                        grouping: grouping,
                        unit: grouping == .year ? nil : report.unit,
                        year: grouping == .unit ? nil : report.year,
                        path: grouping == .report ? try hydrator.report(match.reportID).path : nil,
                        title: grouping == .report ? try hydrator.report(match.reportID).title : nil,
                        reports: group.reports, passages: group.passages,
                        years: reports.years(of: g), best: try hydrator.hit(match)))
                }
            }
            return Aggregation(rows: [], totalHits: reports.total, totalReports: reports.reportCount,
                               totalRows: groups.count, root: try IndexSchema.meta(db, "root"))
        }
    }

    /// Rows whose best hits are found and read together, with caches of reports and
    /// sections of their own.
    static let rowsPerBatch = 256

    /// Counts every matching passage per unit or year, as ``aggregate(_:by:)`` does, without
    /// reading any group's best hit, for each of `groupings` from one walk of the matches: at
    /// 1 GB each unit's best match, its text and its section were most of the cost of a common
    /// word's facets. Ties keep the order of their first reports.
    ///
    /// ```swift
    /// let counts = try Aggregator(index: index).counts(try SearchQuery(parsing: "发展"), by: [.unit, .year])
    /// counts[0].rows.first?.passages  // the unit with the most
    /// counts[1].rows.map(\.year)      // the years, in order
    /// ```
    public func counts(_ query: SearchQuery, by groupings: [Grouping]) throws(BaogaoError) -> [GroupCounts] {
        // A row per report needs its path and title: aggregate(_:by: .report) gives them.
        precondition(!groupings.contains(.report), "counts(_:by:) groups by unit or year")
        return try index.read { db in
            var compiled = try QueryCompiler.compile(query, db, for: index)
            compiled.keepRowIDsBetweenSteps()
            return try counts(compiled, by: groupings, db)
        }
    }

    /// ``counts(_:by:)`` of a query compiled in the caller's read.
    func counts(_ compiled: CompiledQuery, by groupings: [Grouping], _ db: Database) throws -> [GroupCounts] {
        try groups(compiled, by: groupings, db).map { reports in
            let grouping = reports.grouping
            let rows = reports.groups.map { group in
                let report = reports.metadata(of: group.report)
                return GroupCount(unit: grouping == .year ? nil : report?.unit, year: grouping == .unit ? nil : report?.year,
                                  reports: group.reports, passages: group.passages)
            }
            return GroupCounts(rows: Self.ordered(rows, by: grouping, year: \.year, passages: \.passages),
                               totalHits: reports.total, totalReports: reports.reportCount)
        }
    }

    /// Every matching passage counted per report, as `units --by report` counts them, without
    /// any best hit: what the listing of the reports holding a match shows.
    func reportGroups(_ compiled: CompiledQuery, _ db: Database) throws -> ReportGroups {
        try groups(compiled, by: [.report], db)[0]
    }

    /// Rows in the order of an answer: by year in year order (unknown last), otherwise most
    /// passages first, ties in the order the rows came.
    private static func ordered<Row>(_ rows: [Row], by grouping: Grouping, year: (Row) -> Int?,
                                     passages: (Row) -> Int) -> [Row] {
        if grouping == .year { return rows.sorted { (year($0) ?? Int.max) < (year($1) ?? Int.max) } }
        return rows.enumerated().sorted {
            passages($0.element) != passages($1.element) ? passages($0.element) > passages($1.element) : $0.offset < $1.offset
        }.map(\.element)
    }

    /// Every match of the compiled query, gathered per group of each grouping (one walk for
    /// all of them); with `deferred` (one grouping), the means to find each group's best match
    /// when asked (by bm25, or among the matches of the group's report with the most).
    func groups(_ compiled: CompiledQuery, by groupings: [Grouping],
                        deferred: DeferredBests? = nil, _ db: Database) throws -> [ReportGroups] {
        let withBest = deferred != nil
        precondition(!withBest || groupings.count == 1)
        var all = groupings.map { ReportGroups(grouping: $0, readByIDAtMost: readByIDAtMost,
                                               ranges: keptUnitsAndYears ? compiled.ranges : nil) }
        // Filters read in Swift (on reports, section: alone) keep the counts per report.
        let ranges = compiled.conditions.isEmpty || compiled.allowedReportIDs != nil ? compiled.ranges : nil
        // A term alone with near variants: its exact tier's rowids, read once, are taken
        // away from the NEAR groups' matches (``CompiledQuery/variantRowIDs(_:excluding:_:)``).
        let soleVariant = compiled.soleVariant
        let exact = try soleVariant.map { _ in try compiled.exactRowIDs(db) } ?? RowIDs()
        for tier in compiled.tiers {
            // Each tier's matches are gathered per report first; the reports' units and
            // years are then read for those reports alone (all 54,544 rows of `reports` at
            // 1 GB cost 150 ms, whatever the query matched).
            var met = ReportsMet()
            // A tier with many matches is counted per report (for the commonest characters
            // and words from a row per report) and each group's best match is picked among
            // the matches of its report with the most: ranking every match took 18.8 s for
            // 的 at 1 GB. So is a variant tier FTS5 answers exactly, whatever its size: a
            // group's best is its exact tier's when it has one, and ranking the variant tier
            // again through bm25 evaluated its NEAR groups and the parts' IDF once more.
            func add(_ counts: [CompiledQuery.ReportCount],
                     best: @escaping (CompiledQuery.ReportCount) throws -> (passage: Int64, rank: Double)?) throws {
                let kind = tier.kind
                let lookup = deferred?.register { top in try best(top).map { ($0.passage, kind, $0.rank) } }
                for k in all.indices {
                    try all[k].read(counts.map(\.report), db)
                    // Each group's report with the most matches, by its place in `counts`.
                    var tops: [Int32] = []
                    for (c, count) in counts.enumerated() {
                        let g = all[k].add(report: count.report, passages: count.passages)
                        guard lookup != nil else { continue }
                        if g >= tops.count { tops += repeatElement(-1, count: g + 1 - tops.count) }
                        if tops[g] < 0 || counts[Int(tops[g])].passages < count.passages { tops[g] = Int32(c) }
                    }
                    if let deferred, let lookup {
                        for (g, c) in tops.enumerated() where c >= 0 { deferred.add(g, top: counts[Int(c)], lookup: lookup) }
                    }
                }
            }
            // A sole term's variants: the NEAR groups' rowids less the exact ones, counted per
            // report; each group's best is the best of the first few of its report with most.
            if let soleVariant, let ranges, tier.kind == .variant {
                var counter = CompiledQuery.ReportCounter(ranges: ranges, kept: withBest ? CompiledQuery.scoredPerReport : 0)
                try compiled.variantRowIDs(soleVariant, excluding: exact, db).forEachID { counter.add($0); return true }
                try add(counter.counts) { top in
                    try withBest ? compiled.scoredVariants(top.first, soleVariant, db).first.map { ($0.passage, $0.rank) } : nil
                }
                continue
            }
            let rankedUpTo = tier.match?.contains("*") == true ? min(rankedAtMostMatches, Self.rankedPrefixAtMost) : rankedAtMostMatches
            // Filters letting through no more passages than that: every match is ranked
            // anyway, and counting them first walked them twice.
            let rankedAnyway = try withBest && tier.kind != .variant && ranges.map { try compiled.allowsAtMost(rankedUpTo, $0, db) } == true
            if let ranges, !rankedAnyway,
               let counts = try compiled.reportCounts(in: tier, db, ranges: ranges,
                                                      known: soleVariant != nil && tier.kind == .exact ? exact : nil),
               !withBest || tier.kind == .variant || counts.reduce(0, { $0 + $1.passages }) > rankedUpTo {
                try add(counts) { top in
                    try withBest ? compiled.bestMatch(in: tier, report: top.report, known: top.first, db, ranges: ranges) : nil
                }
                continue
            }
            // Without counts per report (filters in SQL, a text check): every match, ranked.
            // Best first by ids alone where FTS5 is exact: the text of the best match of
            // each group is read afterwards, not that of every match (2 s for 的 on 100 MB).
            if try !compiled.forEachRankedID(in: tier, db, { passage, report, rank in
                met.add(passage: passage, report: report, kind: tier.kind, rank: rank)
            }) {
                if compiled.allowedReportIDs != nil, tier.match != nil, let ranges {
                    // Under a filter: the text read only for a check.
                    try compiled.forEachAllowedHit(in: tier, db, ranked: true, ranges: ranges) { passage, report, rank in
                        met.add(passage: passage, report: report, kind: tier.kind, rank: rank)
                    }
                } else {
                    try compiled.forEachMatch(in: tier, db, ranked: true, limit: nil) { match in
                        met.add(passage: match.passageID, report: match.reportID, kind: match.kind, rank: match.rank)
                        return true
                    }
                }
            }
            // Reports in the order their first (best) match was met: groups keep that order.
            for k in all.indices {
                try all[k].read(met.order, db)
                var deferredHere: Set<Int> = []
                for report in met.order {
                    let seen = met.byReport[report]!
                    let g = all[k].add(report: report, passages: seen.passages)
                    guard let deferred, let best = seen.best else { continue }
                    if deferredHere.insert(g).inserted { deferred.add(g, known: best) }
                }
            }
        }
        return all
    }
}
