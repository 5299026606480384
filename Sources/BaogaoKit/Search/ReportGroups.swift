import GRDB

/// The groups of `units` (a unit, a year or a report each) as matching reports join them,
/// with the unit and year of only those reports read from the index, or of every report from
/// the table the process keeps (``UnitsAndYears``).
///
/// ```swift
/// var groups = ReportGroups(grouping: .unit)
/// try groups.read([3, 9], db)          // the units and years of reports 3 and 9
/// let g = groups.add(report: 3, passages: 12)
/// groups.groups[g].passages            // 12
/// ```
struct ReportGroups {
    let grouping: Grouping

    /// One row of the answer before its best hit is read.
    struct Group {
        /// Distinct reports: a report belongs to one group, so it is counted where it is first met.
        var reports = 0
        /// The years of a unit's or a year's reports (a report's own is its metadata's).
        var years: Set<Int> = []
        var passages = 0
        /// The first report met: its unit and year are the group's.
        var report: Int64 = 0
    }

    /// What groups a report: its unit and year.
    struct Metadata {
        var unit: String?
        var year: Int?
    }

    private enum Key: Hashable {
        case unit(String), unitIndex(Int32), year(Int), unknown
    }

    /// Groups in the order they were first met.
    private(set) var groups: [Group] = []
    /// The unit and year of every report read so far, when not from ``table``.
    private var metadata: [Int64: Metadata] = [:]
    /// Every report's unit and year, when the process keeps them (``UnitsAndYears``), in the
    /// order of `ranges`.
    private var table: UnitsAndYears?
    private let ranges: ReportRanges?
    /// Matching passages over all groups, and the reports holding them.
    private(set) var total = 0
    private(set) var reportCount = 0
    private var groupOfKey: [Key: Int] = [:]
    /// The group of each report met, by the report's range in `ranges` (-1: not met yet): 4
    /// bytes a report, allocated once. A dictionary of report ids and a set of those met took
    /// 72 MB of a server's peak for 532,250 reports (a page's facets, chart and `units`).
    private var groupOfRange: [Int32] = []
    /// The group of each report met that `ranges` does not hold (every report without them).
    private var groupOfReport: [Int64: Int] = [:]

    /// The range of the report last added: reports come mostly in ascending order, and the
    /// next one's range is searched from there.
    private var lastRange = 0

    /// Reports read by id at most; more are read in one scan of `reports`.
    let readByIDAtMost: Int

    /// `ranges`: the index's, when known, for the table of every report's unit and year.
    init(grouping: Grouping, readByIDAtMost: Int = 4_000, ranges: ReportRanges? = nil) {
        self.grouping = grouping
        self.readByIDAtMost = readByIDAtMost
        self.ranges = ranges
    }

    /// Reads the unit and year of those of `ids` not read yet: none when the process keeps
    /// every report's (``UnitsAndYears``); else by id when they are few, or every report in
    /// one scan (a lookup each cost more than the scan past a few thousand), which the
    /// process then keeps when it can.
    mutating func read(_ ids: [Int64], _ db: Database) throws {
        guard table == nil else { return }
        let missing = ids.filter { metadata[$0] == nil }
        guard !missing.isEmpty else { return }
        // Groups made from `metadata` are keyed by unit names: the table comes first or never.
        if let ranges, metadata.isEmpty {
            if let kept = try UnitsAndYears.shared(db, ranges: ranges, reading: missing.count > readByIDAtMost) {
                table = kept
                return
            }
        }
        let rows: RowCursor
        if missing.count <= readByIDAtMost {
            rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT r.id, r.unit, r.year FROM json_each(?) j JOIN reports r ON r.id = j.value
                """), arguments: [CompiledQuery.jsonArray(missing.sorted())])
        } else {
            rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, unit, year FROM reports"))
        }
        metadata.reserveCapacity(metadata.count + missing.count)
        while let row = try rows.next() {
            metadata[row[0]] = Metadata(unit: row[1], year: row[2])
        }
    }

    /// Counts `passages` of `report` (whose metadata was read) in its group; returns the group.
    mutating func add(report: Int64, passages: Int) -> Int {
        let range = ranges?.range(ofReport: report, from: lastRange)
        if let range { lastRange = range }
        let (g, new) = group(of: report, range: range)
        groups[g].passages += passages
        total += passages
        if new {
            groups[g].reports += 1
            reportCount += 1
            if grouping != .report, let year = metadata(of: report, range: range)?.year { groups[g].years.insert(year) }
        }
        return g
    }

    /// The passages counted in `report`'s group, when grouped by report (nil: not met).
    func passages(ofReport report: Int64) -> Int? {
        precondition(grouping == .report)
        let g: Int?
        if let range = ranges?.range(ofReport: report), !groupOfRange.isEmpty {
            g = groupOfRange[range] >= 0 ? Int(groupOfRange[range]) : nil
        } else {
            g = groupOfReport[report]
        }
        return g.map { groups[$0].passages }
    }

    /// The years of group `g`'s reports, ascending.
    func years(of g: Int) -> [Int] {
        guard grouping == .report else { return groups[g].years.sorted() }
        return metadata(of: groups[g].report)?.year.map { [$0] } ?? []
    }

    /// The unit and year of `report`, once read.
    func metadata(of report: Int64) -> Metadata? {
        metadata(of: report, range: ranges?.range(ofReport: report))
    }

    /// The unit and year of `report`, whose range in `ranges` is `range` (nil: none).
    private func metadata(of report: Int64, range: Int?) -> Metadata? {
        guard let table, ranges != nil else { return metadata[report] }
        return range.map { Metadata(unit: table.unit(ofRange: $0), year: table.year(ofRange: $0)) }
    }

    /// The group of `report`, whose range in `ranges` is `range`, and whether the report is met
    /// for the first time.
    private mutating func group(of report: Int64, range: Int?) -> (group: Int, new: Bool) {
        if let range, let ranges {
            if groupOfRange.isEmpty { groupOfRange = Array(repeating: -1, count: ranges.reports.count) }
            if groupOfRange[range] >= 0 { return (Int(groupOfRange[range]), false) }
        } else if let g = groupOfReport[report] {
            return (g, false)
        }
        // A report is a group of its own: no key kept for it.
        var g = groups.count
        if grouping != .report {
            let key: Key
            if grouping == .unit, let table {
                // Units by their index in the table: no string hashed per report.
                let unit = range.map { table.unitOfRange[$0] } ?? -1
                key = unit < 0 ? .unknown : .unitIndex(unit)
            } else {
                let meta = metadata(of: report, range: range)
                key = (grouping == .unit ? meta?.unit.map(Key.unit) : meta?.year.map(Key.year)) ?? .unknown
            }
            g = groupOfKey[key] ?? groups.count
            if g == groups.count { groupOfKey[key] = g }
        }
        if g == groups.count { groups.append(Group(report: report)) }
        if let range { groupOfRange[range] = Int32(g) } else { groupOfReport[report] = g }
        return (g, true)
    }
}
