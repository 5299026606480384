import BaogaoKit
import Foundation

/// Prints lists of reports as they are read: `baogao reports`, `search -l` and `search -c`.
struct ReportPrinter {
    var root: String?

    func path(_ path: String) -> String { Terminal.display(path, root: root) }

    /// `-l`: one path per line; `-c`: `path:count`.
    func countLine(_ report: ReportInfo, countsOnly: Bool) -> String {
        (countsOnly ? "\(path(report.path)):\(report.matches ?? 0)" : path(report.path)) + "\n"
    }

    /// A report's entry; `sources`: a line saying where each field came from.
    func tableEntry(_ report: ReportInfo, sources: Bool = false) -> String {
        let counts = report.matches.map { "\($0) of \(report.passages) passages" } ?? "\(report.passages) passages"
        var out = HitPrinter.about(unit: report.unit, year: report.year, title: report.title)
        out += "  (\(counts))\n    \(path(report.path))\n"
        if sources {
            let s = report.sources
            out += "    unit: \(s.unit ?? "missing") · year: \(s.year ?? "missing") · title: \(s.title ?? "missing")"
            out += report.unitName.map { " · found as \($0)" } ?? ""
            out += "\n"
        }
        return out
    }

    /// The table's last line.
    static func tableEnd(_ total: Int) -> String { "\(total) report\(total == 1 ? "" : "s")\n" }

    /// A report as a line of JSON, its path as shown.
    func jsonLine(_ report: ReportInfo, to out: inout RowsOutput) {
        var shown = report
        shown.path = path(report.path)
        out.appendJSONLine(shown)
    }
}
