import BaogaoKit
import Foundation

/// Prints lists of reports: `baogao reports`, `search -l` and `search -c`.
struct ReportPrinter {
    var root: String?

    func path(_ path: String) -> String { Terminal.display(path, root: root) }

    /// `-l`: one path per line; `-c`: `path:count`.
    func printCounts(_ reports: [ReportInfo], countsOnly: Bool) {
        let sorted = reports.sorted { $0.path < $1.path }
        Output.write(sorted.map { countsOnly ? "\(path($0.path)):\($0.matches ?? 0)" : path($0.path) }
            .map { $0 + "\n" }.joined())
    }

    /// The reports, one per entry; `sources`: a line saying where each field came from.
    func printTable(_ reports: [ReportInfo], sources: Bool = false) {
        var out = ""
        for report in reports {
            let counts = report.matches.map { "\($0) of \(report.passages) passages" } ?? "\(report.passages) passages"
            out += HitPrinter.about(unit: report.unit, year: report.year, title: report.title)
            out += "  (\(counts))\n    \(path(report.path))\n"
            if sources {
                let s = report.sources
                out += "    unit: \(s.unit ?? "missing") · year: \(s.year ?? "missing") · title: \(s.title ?? "missing")"
                out += report.unitName.map { " · found as \($0)" } ?? ""
                out += "\n"
            }
        }
        let total = reports.count
        out += "\(total) report\(total == 1 ? "" : "s")\n"
        Output.write(out)
    }

    func printJSONLines(_ reports: [ReportInfo]) {
        Output.writeJSONLines(reports.map { report -> ReportInfo in
            var shown = report
            shown.path = path(report.path)
            return shown
        })
    }
}
