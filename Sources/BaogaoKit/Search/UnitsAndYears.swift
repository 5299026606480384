import GRDB
import Synchronization

/// The unit and year of every report with passages, in the order of ``ReportRanges``: what
/// `units` groups by, read in one scan of `reports` and kept by the process while the index's
/// reports stay the same.
///
/// `units` of a term in thousands of reports read every report's unit and year (54,544 rows,
/// a third of `units 发展` at 1 GB) at every request. A server now reads them once per run of
/// `baogao index`: the table is kept under the id ``ReportRanges`` stores with the ranges,
/// which every write of a report removes and which a change of reports' metadata renews
/// (``ReportRanges/renewID(_:)``).
///
/// ```swift
/// if let table = try UnitsAndYears.shared(db, ranges: ranges, reading: true) {
///     table.unit(ofRange: 0)   // "市农业农村局"
/// }
/// ```
struct UnitsAndYears: Sendable {
    /// The distinct units, each once.
    let units: [String]
    /// For each range of ``ReportRanges``: its report's unit as an index into ``units``, or -1.
    let unitOfRange: [Int32]
    /// For each range: its report's year, or ``noYear``.
    let yearOfRange: [Int32]

    static let noYear = Int32.min

    func unit(ofRange i: Int) -> String? {
        unitOfRange[i] < 0 ? nil : units[Int(unitOfRange[i])]
    }

    func year(ofRange i: Int) -> Int? {
        yearOfRange[i] == Self.noYear ? nil : Int(yearOfRange[i])
    }

    /// Reads every report with passages, in id order; nil when they are not those of `ranges`
    /// (the index changed under it, or a year does not fit).
    static func read(_ db: Database, ranges: ReportRanges) throws -> UnitsAndYears? {
        var units: [String] = []
        var unitIndex: [String: Int32] = [:]
        var unitOfRange: [Int32] = []
        var yearOfRange: [Int32] = []
        unitOfRange.reserveCapacity(ranges.reports.count)
        yearOfRange.reserveCapacity(ranges.reports.count)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, unit, year FROM reports WHERE passage_count > 0 ORDER BY id
            """))
        while let row = try rows.next() {
            let i = unitOfRange.count
            guard i < ranges.reports.count, ranges.reports[i] == row[0] as Int64 else { return nil }
            if let unit: String = row[1] {
                if let known = unitIndex[unit] {
                    unitOfRange.append(known)
                } else {
                    unitIndex[unit] = Int32(units.count)
                    unitOfRange.append(Int32(units.count))
                    units.append(unit)
                }
            } else {
                unitOfRange.append(-1)
            }
            if let year: Int = row[2] {
                guard let year = Int32(exactly: year), year != noYear else { return nil }
                yearOfRange.append(year)
            } else {
                yearOfRange.append(noYear)
            }
        }
        guard unitOfRange.count == ranges.reports.count else { return nil }
        return UnitsAndYears(units: units, unitOfRange: unitOfRange, yearOfRange: yearOfRange)
    }

    /// The table of the index as it is now: the process's copy when it was read under the id
    /// stored now; else, with `reading`, read and kept; else nil. Nil too when the index
    /// stores no ranges id (its ranges unknown, or a run under way).
    static func shared(_ db: Database, ranges: ReportRanges, reading: Bool) throws -> UnitsAndYears? {
        guard let id = try ReportRanges.storedID(db) else { return nil }
        if let cached = lastShared.withLock({ $0 }), cached.id == id { return cached.table }
        guard reading, let table = try read(db, ranges: ranges) else { return nil }
        lastShared.withLock { $0 = (id, table) }
        return table
    }

    /// The table ``shared(_:ranges:reading:)`` read last, with its id.
    private static let lastShared = Mutex<(id: String, table: UnitsAndYears)?>(nil)
}
