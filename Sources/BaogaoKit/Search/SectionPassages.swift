import GRDB

/// The passages a `section:` filter lets through, as spans of passage ids: those under every
/// section whose heading holds the text, in any report, and under their subsections; joined
/// with the other filters by ``intersection(_:)``, ``union(_:)`` and ``complement(in:)``
/// (`-section:附则`, `section:总则 OR year:2020`). Read once when the query is compiled, so
/// that FTS5's rowids are kept or dropped here rather than by a query over the report's
/// sections for every match (`规定 section:第一章` at 1 GB, 985,000 matches: 10 s through that
/// query; `的 -section:附则` 41 s for `units`).
///
/// A section and its subsections hold neighbouring lines of one report, and a report's
/// passages have neighbouring ids, so the passages fall into a span per section found.
///
/// ```swift
/// let chapter = try SectionPassages.matching("第一章", db)
/// chapter.contains(1234)   // whether passage 1234 stands under a heading holding 第一章
/// ```
struct SectionPassages: Sendable, Equatable {
    /// Ascending, disjoint, none next to another.
    private(set) var spans: [ClosedRange<Int64>] = []

    /// `ids` in ascending order.
    init(ids: some Sequence<Int64>) {
        spans = SectionSpans.joined(ids.lazy.map { $0...$0 })
    }

    /// The passages under headings holding `text` (folded as search terms are: the same
    /// matching as the filter's SQL condition), ascending; only in `reports` when given.
    /// The headings come from ``HeadingIndex`` when it is complete and `text` holds an
    /// ideograph, else from a read of every heading (of `reports` alone, when given), as do
    /// `reports` holding about `scanningAtMost` headings at most. Each is matched here, the
    /// text folded once (through `baogao_contains` every heading folded it again: 0.2 s for
    /// the 266,266 headings at 1 GB).
    static func matching(_ text: String, inReports reports: Set<Int64>? = nil,
                         scanningAtMost: Int = scannedHeadingsAtMost, _ db: Database) throws -> SectionPassages {
        let needle = FoldedText(text).scalars
        if let plan = headingPlan(needle), try HeadingIndex.isComplete(db),
           try reports.map({ Double($0.count) * (try headingsPerReport(db)) > Double(scanningAtMost) }) ?? true {
            return try indexed(needle, plan: plan, inReports: reports, db)
        }
        let statement = try db.cachedStatement(sql: reports == nil ? "SELECT id, heading FROM sections" : """
            SELECT s.id, s.heading FROM json_each(?) j JOIN sections s ON s.report_id = j.value
            """)
        let rows = try Row.fetchCursor(statement, arguments: reports.map { [CompiledQuery.jsonArray($0.sorted())] } ?? [])
        var found: [Int64] = []
        while let row = try rows.next() {
            if try heading(row, at: 1, holds: needle) { found.append(row[0]) }
        }
        guard !found.isEmpty else { return SectionPassages(ids: []) }
        let ids = try Int64.fetchCursor(db.cachedStatement(sql: """
            WITH RECURSIVE sub(id) AS (
                SELECT value FROM json_each(?)
                UNION SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id)
            SELECT p.id FROM passages p WHERE p.section_id IN (SELECT id FROM sub) ORDER BY p.id
            """), arguments: [CompiledQuery.jsonArray(found)])
        var all: [Int64] = []
        while let id = try ids.next() { all.append(id) }
        return SectionPassages(ids: all)
    }

    /// A filter on reports keeping about this many headings at most has them read rather than
    /// those ``HeadingIndex`` finds in every report: a heading read costs about what a heading
    /// found costs, and a common text finds many (附则 at 10 GB: 114,406 headings, 0.25 s; the
    /// 1,661 reports of one unit have 7,885).
    static let scannedHeadingsAtMost = 20_000

    /// About how many headings a report has: the highest ids of sections and reports (ids
    /// freed by deletions are counted too, on both sides).
    private static func headingsPerReport(_ db: Database) throws -> Double {
        let sections = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM sections")) ?? 0
        let reports = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM reports")) ?? 0
        return reports > 0 ? Double(sections) / Double(reports) : 0
    }

    /// What ``HeadingIndex`` is asked for a folded `needle`: its longest run of ideographs
    /// (every heading holding the needle holds the run, and FTS5 finds every heading holding
    /// the run); nil when it has none.
    static func headingPlan(_ needle: [UInt32]) -> TermPlan? {
        var longest: ArraySlice<UInt32> = []
        var start: Int?
        for i in 0...needle.count {
            if i < needle.count, ScalarClass.of(needle[i]) == .ideograph {
                if start == nil { start = i }
            } else if let s = start {
                if i - s > longest.count { longest = needle[s..<i] }
                start = nil
            }
        }
        guard !longest.isEmpty else { return nil }
        var run = String.UnicodeScalarView()
        for value in longest { if let scalar = Unicode.Scalar(value) { run.append(scalar) } }
        return TermPlan(String(run))
    }

    /// The passages under the headings ``HeadingIndex`` finds for `plan`, each checked for the
    /// whole `needle` as the scan checks it; only those of `reports` when given.
    private static func indexed(_ needle: [UInt32], plan: TermPlan, inReports reports: Set<Int64>?,
                                _ db: Database) throws -> SectionPassages {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT heading, report_id, spans FROM \(HeadingIndex.table) WHERE \(HeadingIndex.table) MATCH ?
            """), arguments: [plan.matchExpression])
        var found: [ClosedRange<Int64>] = []
        while let row = try rows.next() {
            if let reports, !reports.contains(row[1]) { continue }
            guard try heading(row, at: 0, holds: needle) else { continue }
            try row.withUnsafeData(atIndex: 2) { data in
                data?.withUnsafeBytes { SectionSpans.forEach(in: $0) { found.append($0) } }
            }
        }
        return SectionPassages(spans: found)
    }

    /// Whether the heading in column `index` of `row`, folded, holds `needle`.
    private static func heading(_ row: Row, at index: Int, holds needle: [UInt32]) throws -> Bool {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { return false }
            return data.withUnsafeBytes { FoldedText(utf8: $0.bindMemory(to: UInt8.self)).contains(needle) }
        }
    }

    /// `spans` in any order, overlapping or not.
    init(spans: [ClosedRange<Int64>]) {
        self.spans = SectionSpans.joined(spans.sorted { $0.lowerBound < $1.lowerBound })
    }

    /// The passages of `reports` up to passage `last` (the last report's range is open).
    init(reports: some Sequence<Int64>, ranges: ReportRanges, last: Int64) {
        spans = SectionSpans.joined(reports.compactMap(ranges.range(ofReport:)).sorted().lazy.compactMap { i in
            let ids = ranges.ids(ofRange: i)
            let high = min(ids.upperBound - 1, last)
            return ids.lowerBound <= high ? ids.lowerBound...high : nil
        })
    }

    /// The passages either holds.
    func union(_ other: SectionPassages) -> SectionPassages {
        // Both in order of their first ids, merged, then joined.
        var merged: [ClosedRange<Int64>] = []
        merged.reserveCapacity(spans.count + other.spans.count)
        var i = 0
        var j = 0
        while i < spans.count || j < other.spans.count {
            if j == other.spans.count || i < spans.count && spans[i].lowerBound <= other.spans[j].lowerBound {
                merged.append(spans[i])
                i += 1
            } else {
                merged.append(other.spans[j])
                j += 1
            }
        }
        var out = SectionPassages(ids: [])
        out.spans = SectionSpans.joined(merged)
        return out
    }

    /// The passages of `all` it does not hold.
    func complement(in all: ClosedRange<Int64>) -> SectionPassages {
        var out = SectionPassages(ids: [])
        var next = all.lowerBound
        for span in spans where span.upperBound >= all.lowerBound {
            guard span.lowerBound <= all.upperBound else { break }
            if span.lowerBound > next { out.spans.append(next...(span.lowerBound - 1)) }
            next = span.upperBound + 1
        }
        if next <= all.upperBound { out.spans.append(next...all.upperBound) }
        return out
    }

    /// The passages both hold.
    func intersection(_ other: SectionPassages) -> SectionPassages {
        var out = SectionPassages(ids: [])
        var i = 0
        var j = 0
        while i < spans.count, j < other.spans.count {
            let low = max(spans[i].lowerBound, other.spans[j].lowerBound)
            let high = min(spans[i].upperBound, other.spans[j].upperBound)
            if low <= high { out.spans.append(low...high) }
            if spans[i].upperBound < other.spans[j].upperBound { i += 1 } else { j += 1 }
        }
        return out
    }

    /// Whether passage `id` is one of them.
    func contains(_ id: Int64) -> Bool {
        let i = firstSpan(endingAtLeast: id)
        return i < spans.count && spans[i].contains(id)
    }

    /// ``contains(_:)`` for ids asked in ascending order: `cursor` (0 at first) is the first
    /// span that may hold the next id, moved forward as the ids grow; an id lower than the span
    /// before it is searched for.
    func contains(_ id: Int64, cursor: inout Int) -> Bool {
        if cursor > 0, cursor <= spans.count, id <= spans[cursor - 1].upperBound {
            cursor = firstSpan(endingAtLeast: id)
        }
        while cursor < spans.count, spans[cursor].upperBound < id { cursor += 1 }
        return cursor < spans.count && spans[cursor].lowerBound <= id
    }

    /// The first span ending at `id` or after it (`spans.count` when none).
    private func firstSpan(endingAtLeast id: Int64) -> Int {
        var low = 0
        var high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].upperBound < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// How many passages they are.
    var count: Int { spans.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound + 1) } }

    /// The reports holding them.
    func reports(_ ranges: ReportRanges) -> Set<Int64> {
        var reports: Set<Int64> = []
        for span in spans {
            guard var i = ranges.range(ofPassage: span.lowerBound) else { continue }
            while i < ranges.starts.count, ranges.starts[i] <= span.upperBound {
                reports.insert(ranges.reports[i])
                i += 1
            }
        }
        return reports
    }
}
