/// Whether the query's filters let a passage through, for ids asked in ascending order (FTS5's
/// rowids, a report's bits, a span's passages): a step forward in the section spans or the
/// report ranges, where ``CompiledQuery/allows(passage:report:)`` searches both for every id
/// (`的 -section:附则` at 1 GB asks for 2.2 million passages among 30,000 spans). An id lower
/// than the one before is searched for again.
///
/// ```swift
/// var allowed = compiled.allowedCursor(ranges)
/// for id in rowids where allowed.allows(id) { … }
/// ```
struct AllowedCursor {
    private let sections: SectionPassages?
    private let reports: Set<Int64>?
    private let ranges: ReportRanges
    private var span = 0
    private var range = 0
    private var rangeIDs: Range<Int64> = 0..<0
    private var rangeAllowed = false

    init(sections: SectionPassages?, reports: Set<Int64>?, ranges: ReportRanges) {
        (self.sections, self.reports, self.ranges) = (sections, reports, ranges)
    }

    /// Whether passage `id` is let through.
    mutating func allows(_ id: Int64) -> Bool {
        // The allowed reports are those holding the sections' passages.
        if let sections { return sections.contains(id, cursor: &span) }
        guard let reports else { return true }
        if !rangeIDs.contains(id) {
            guard let i = ranges.range(ofPassage: id, from: range + 1) else { return false }
            (range, rangeIDs) = (i, ranges.ids(ofRange: i))
            rangeAllowed = reports.contains(ranges.reports[i])
        }
        return rangeAllowed
    }
}

extension CompiledQuery {
    /// A cursor over the query's filters, for ids asked in ascending order.
    func allowedCursor(_ ranges: ReportRanges) -> AllowedCursor {
        AllowedCursor(sections: allowedSections, reports: allowedReportIDs, ranges: ranges)
    }
}
