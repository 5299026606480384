import Foundation
import GRDB
import Synchronization

/// Which report every passage id belongs to, without a lookup per passage.
///
/// A report's passages are inserted together by one writer, so their ids form one contiguous
/// range, and ranges ascend with report ids. Knowing where each range starts maps a passage id
/// to its report (through a table of the range at every 64th id): exact counts of reports then
/// need only the rowids FTS5 returns, never a join per match (a join costs about a microsecond
/// per matching passage).
///
/// The starts are kept in `meta` under ``key``: every write of a report removes them and the
/// indexer stores them again when it finishes, so a missing entry (an interrupted run) only
/// means the slower join is used.
///
/// ```swift
/// let ranges = try ReportRanges.load(db)   // nil when unknown
/// ranges?.range(ofPassage: 1234).map { ranges!.reports[$0] }  // the report id
/// ```
struct ReportRanges: Sendable {
    static let key = "report_ranges"

    /// The first passage id of every report with passages, ascending.
    let starts: [Int64]
    /// The report id of each range.
    let reports: [Int64]
    /// How many passages and reports hold each frequent character and bigram, when stored.
    var totals: SlotTotals? = nil
    /// For every ``bucketWidth`` passage ids from the first start, the last range starting at
    /// or before the first of them: the range of a passage lies between its bucket's and the
    /// next one's, most often the same or one step apart.
    private let buckets: [Int32]

    /// Passage ids per bucket: at 10 GB (24 million passages) 1.5 MB of buckets.
    static let bucketWidth: Int64 = 64

    init(starts: [Int64], reports: [Int64], totals: SlotTotals? = nil) {
        self.starts = starts
        self.reports = reports
        self.totals = totals
        var buckets: [Int32] = []
        if let first = starts.first, let last = starts.last {
            let count = Int((last - first) / Self.bucketWidth) + 1
            buckets.reserveCapacity(count)
            var i = 0
            for b in 0..<count {
                let bucketStart = first + Int64(b) * Self.bucketWidth
                while i + 1 < starts.count && starts[i + 1] <= bucketStart { i += 1 }
                buckets.append(Int32(i))
            }
        }
        self.buckets = buckets
    }

    /// The index of the range holding passage `id` (into ``starts`` and ``reports``): a load
    /// of its bucket, then a step or two (a binary search where many short reports start in
    /// one bucket). Galloping from the last range found took some 40 ns a passage met in a new
    /// report at 1 GB.
    func range(ofPassage id: Int64) -> Int? {
        guard let first = starts.first, id >= first else { return nil }
        let b = (id - first) / Self.bucketWidth
        guard b < Int64(buckets.count) else { return starts.count - 1 }
        let low = Int(buckets[Int(b)])
        let high = Int(b) + 1 < buckets.count ? Int(buckets[Int(b) + 1]) : starts.count - 1
        guard high - low > 4 else {
            var i = low
            while i < high && starts[i + 1] <= id { i += 1 }
            return i
        }
        return lastStart(atMost: id, from: low, to: high)
    }

    /// The last range in `low...high` starting at or before `id` (`starts[low]` is).
    private func lastStart(atMost id: Int64, from low: Int, to high: Int) -> Int {
        var (low, high) = (low, high)
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= id { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The index of the range holding passage `id`, for ids met in ascending order: range
    /// `from` when it holds it (callers pass the range after the last one they found), else as
    /// ``range(ofPassage:)`` finds it. Any `from` gives the same answer.
    func range(ofPassage id: Int64, from: Int) -> Int? {
        if from >= 0, from < starts.count, starts[from] <= id, from + 1 == starts.count || starts[from + 1] > id {
            return from
        }
        return range(ofPassage: id)
    }

    /// The passage ids range `i` may hold: from its start to the next range's (the last range
    /// is open).
    func ids(ofRange i: Int) -> Range<Int64> {
        starts[i]..<(i + 1 < starts.count ? starts[i + 1] : .max)
    }

    /// The index of the range of report `id` (report ids ascend with the ranges), or nil.
    func range(ofReport id: Int64) -> Int? {
        rangeOfReport(id, from: 0, to: reports.count - 1)
    }

    /// The index in `low...high` of the range of report `id`, or nil.
    private func rangeOfReport(_ id: Int64, from low: Int, to high: Int) -> Int? {
        var (low, high) = (low, high)
        while low <= high {
            let mid = (low + high) / 2
            if reports[mid] == id { return mid }
            if reports[mid] < id { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// The index of the range of report `id`, searched from range `from` on: for reports met
    /// in ascending order, a few steps from the last one found (galloping, then a binary search
    /// of the last gallop) rather than a search of every range (`units` of 发展 at 10 GB: one
    /// for each of 521,045 reports, a tenth of its time). Any `from` gives the same answer.
    func range(ofReport id: Int64, from: Int) -> Int? {
        guard from >= 0, from < reports.count, reports[from] <= id else { return range(ofReport: id) }
        var low = from
        var step = 1
        while low + step < reports.count, reports[low + step] <= id {
            low += step
            step *= 2
        }
        return rangeOfReport(id, from: low, to: min(low + step, reports.count) - 1)
    }

    /// The report of passage `id`, or nil when it lies before every range.
    func report(ofPassage id: Int64) -> Int64? {
        range(ofPassage: id).map { reports[$0] }
    }

    /// The distinct reports of passages met one by one: a passage inside the range of the
    /// last report found costs no search, so ascending ids cost one search per report, and
    /// reports met in ascending order go to a list rather than a set (hashing 52,420 reports
    /// was a fifth of counting a bigram in 225,409 passages at 1 GB).
    struct Tally {
        let ranges: ReportRanges
        /// Reports met in the order of their ranges, each once.
        private var ascending: [Int64] = []
        /// Reports met after a later one (ids out of order); may repeat `ascending`.
        private var others: Set<Int64> = []
        private var lastRange = -1
        /// The range found last, and its ids.
        private var found = -1
        private var current: Range<Int64> = 0..<0

        init(_ ranges: ReportRanges) {
            self.ranges = ranges
        }

        mutating func add(passage id: Int64) {
            if current.contains(id) { return }
            guard let i = ranges.range(ofPassage: id, from: found + 1) else { return }
            found = i
            current = ranges.ids(ofRange: i)
            if i > lastRange {
                ascending.append(ranges.reports[i])
                lastRange = i
            } else {
                others.insert(ranges.reports[i])
            }
        }

        /// The reports met.
        var reports: Set<Int64> { Set(ascending).union(others) }

        /// How many reports were met.
        var count: Int { others.isEmpty ? ascending.count : reports.count }
    }

    /// The stored ranges, or nil when they are not known; with `shared`, the copy this process
    /// last read of the same stored value when there is one.
    ///
    /// Every query needs the ranges: at 10 GB an 8.7 MB value, about 4 ms of a query that
    /// matches nothing. Each store writes a new random ``idKey`` beside the value (and every
    /// invalidation removes both in the same transaction), so a reader that finds the id it
    /// read the value under reads the same value, and a server decodes it once per run of
    /// `baogao index`, not once per request. Checks of the index read the value itself.
    static func load(_ db: Database, shared: Bool) throws -> ReportRanges? {
        guard shared, let id = try storedID(db) else { return try load(db) }
        return try lastShared.value(id: id) { try load(db) }
    }

    /// The key of the stored ranges' id (see ``load(_:shared:)``).
    static let idKey = "report_ranges_id"

    /// The id stored with the ranges, or nil.
    static func storedID(_ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [idKey])
    }

    /// Gives the stored ranges a new id, when they have one: their reports' metadata changed,
    /// and what processes keep under the old id (``UnitsAndYears``) must be read again.
    static func renewID(_ db: Database) throws {
        let old = try storedID(db)
        let id = newID()
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [id, idKey])
        // The text is the same: totals stored with the old id stay true.
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ? AND value = ?",
                       arguments: [id, CharacterTotals.idKey, old])
    }

    private static func newID() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16)
    }

    /// The ranges ``load(_:shared:)`` read last, with their id.
    private static let lastShared = SharedCopy<ReportRanges>()

    /// The stored ranges, or nil when they are not known.
    static func load(_ db: Database) throws -> ReportRanges? {
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"),
                                            arguments: [key]) else { return nil }
        // 16 bytes per range, then the totals and their mark when stored.
        let trailer = SlotTotals.encodedSize + totalsMark.count
        let hasTotals = data.count >= trailer && data.suffix(totalsMark.count).elementsEqual(totalsMark)
        let rangeBytes = hasTotals ? data.count - trailer : data.count
        guard rangeBytes % 16 == 0 else { return nil }
        var starts: [Int64] = []
        var reports: [Int64] = []
        var totals: SlotTotals?
        starts.reserveCapacity(rangeBytes / 16)
        reports.reserveCapacity(rangeBytes / 16)
        data.withUnsafeBytes { raw in
            for i in stride(from: 0, to: rangeBytes, by: 16) {
                starts.append(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: Int64.self)))
                reports.append(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 8, as: Int64.self)))
            }
            if hasTotals {
                totals = SlotTotals(decoding: UnsafeRawBufferPointer(rebasing: raw[rangeBytes..<rangeBytes + SlotTotals.encodedSize]))
            }
        }
        return ReportRanges(starts: starts, reports: reports, totals: totals)
    }

    /// Ends the value when ``SlotTotals`` follow the ranges. Eight bytes: the value's length is
    /// then no multiple of 16, and a reader that knows nothing of totals takes the ranges for
    /// unknown rather than misreading them.
    static let totalsMark = Array("BGTOTAL1".utf8)

    /// Whether the ranges are stored, without reading them. They are stored only when every
    /// report's passages are contiguous, so every report then has its ``ReportCharacters`` and
    /// ``ReportBigrams`` rows, written in the report's own transaction.
    static func isKnown(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM meta WHERE key = ?"), arguments: [key]) ?? false
    }

    /// Forgets the ranges and the ``CharacterTotals`` stored with them: called by every write
    /// of a report.
    static func invalidate(_ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM meta WHERE key IN (?, ?, ?, ?)")
            .execute(arguments: [key, idKey, CharacterTotals.key, CharacterTotals.idKey])
    }

    /// Computes and stores the ranges from the reports' `first_passage` and `passage_count`
    /// (a scan of the index `reports_passages`, not of every passage nor every report's row: an
    /// update of one file at 10 GB reads 10 MB, not 90), with the `totals` the caller works out;
    /// stores nothing, and asks for no totals, when some report's passages are not contiguous or
    /// the ranges do not ascend with report ids.
    static func store(_ db: Database, totals: (Database) throws -> SlotTotals) throws {
        try invalidate(db)
        let rows = try Row.fetchCursor(db, sql: scan)
        // Appended to an array and encoded at once: Data's small appends were a third of an
        // update at 10 GB.
        var values: [Int64] = []
        var lastEnd: Int64 = .min
        while let row = try rows.next() {
            let (report, start, count): (Int64, Int64?, Int64) = (row[0], row[1], row[2])
            guard let first = start, first > lastEnd else { return }
            let last = first + count - 1
            lastEnd = last
            values.append(first.littleEndian)
            values.append(report.littleEndian)
        }
        var data = values.withUnsafeBytes { Data($0) }
        data.append(try totals(db).encoded())
        data.append(contentsOf: totalsMark)
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, data])
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                       arguments: [idKey, newID()])
    }

    /// What ``store(_:totals:)`` reads: every report holding passages, by id.
    static let scan = "SELECT id, first_passage, passage_count FROM reports WHERE passage_count > 0 ORDER BY id"
}
