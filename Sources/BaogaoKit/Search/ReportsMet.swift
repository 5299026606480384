/// The matches of one tier gathered per report, before the reports' groups are known: `units`
/// reads the units and years of these reports only (``ReportGroups``).
///
/// ```swift
/// var met = ReportsMet()
/// met.add(passage: 40, report: 3, kind: .exact, rank: -1.2)   // best first
/// met.order                                                   // [3]
/// ```
struct ReportsMet {
    struct Report {
        var passages = 0
        /// The first match met: the best, when matches come best first.
        var best: (passage: Int64, kind: MatchKind, rank: Double)?
    }

    /// Reports in the order their first match was met.
    private(set) var order: [Int64] = []
    private(set) var byReport: [Int64: Report] = [:]

    mutating func add(passage: Int64, report: Int64, kind: MatchKind, rank: Double) {
        if byReport[report] == nil {
            order.append(report)
            byReport[report] = Report(passages: 1, best: (passage, kind, rank))
        } else {
            byReport[report]!.passages += 1
        }
    }

    mutating func add(report: Int64, passages: Int) {
        if byReport[report] == nil { order.append(report) }
        byReport[report, default: Report()].passages += passages
    }
}
