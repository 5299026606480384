import ArgumentParser
import BaogaoKit
import Foundation

struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "Which units mention it: matching passages counted per unit, year or report.",
        discussion: """
            Counts are exact: every matching passage is counted. Rows are sorted by passages
            (by year for --by year). A unit found under several names (市发改委,
            市发展和改革委员会) is one row; --names lists every unit with the names merged into
            it (correct them with units.csv: alias,unit at the folder's root).
            Exit status: 0 found, 1 none, 2 error.
            """
    )

    @OptionGroup var query: QueryArguments
    @OptionGroup var location: IndexLocation

    @Option(help: "Group by unit, year or report.")
    var by: Grouping = .unit

    @Flag(help: "Print JSON Lines, one object per row.")
    var json = false

    @Flag(help: "List every unit with the names its reports were found under (no query).")
    var names = false

    func validate() throws {
        if names {
            guard query.isEmpty else { throw ValidationError("--names takes no query") }
        } else {
            guard !query.isEmpty else { throw ValidationError("missing query") }
        }
    }

    func run() throws {
        if names { return try printNames() }
        let parsed = try query.parsed()
        let index = try location.openForSearch()
        let printer = HitPrinter(color: false, full: false, root: try ReportCatalog(index: index).root())
        // Rows are written as they come, a batch at a time: a row per report of a common
        // phrase is hundreds of thousands of them.
        var out = RowsOutput()
        let totals = try Aggregator(index: index).aggregate(parsed, by: by) { row in
            if json {
                var shown = row
                shown.path = row.path.map(printer.path)
                shown.best.path = printer.path(row.best.path)
                out.appendJSONLine(shown)
            } else {
                out.append(tableRow(row, printer: printer))
            }
        }
        if !json {
            let groups = totals.totalRows
            out.append("\(totals.totalHits) passages in \(totals.totalReports) reports, \(groups) \(by.rawValue)\(groups == 1 ? "" : "s")\n")
        }
        out.flush()
        if totals.totalHits == 0 { throw ExitCode(1) }
    }

    private func tableRow(_ row: AggregateRow, printer: HitPrinter) -> String {
        let name: String
        switch row.grouping {
        case .unit: name = row.unit ?? "(unknown unit)"
        case .year: name = row.year.map(String.init) ?? "(unknown year)"
        case .report: name = printer.path(row.path ?? "?")
        }
        let years = row.years.isEmpty ? "" : "  " + Self.span(row.years)
        let trail = row.best.section.isEmpty ? "" : row.best.section.joined(separator: " › ") + "  "
        return "\(name)  \(row.passages) passage\(row.passages == 1 ? "" : "s") in \(row.reports) report\(row.reports == 1 ? "" : "s")\(years)\n"
            + "    best: \(trail)\(printer.path(row.best.path)):\(row.best.line)\n"
    }

    private func printNames() throws {
        let units = try ReportCatalog(index: try location.openForSearch()).unitNames()
        if json { return Output.writeJSONLines(units) }
        var out = ""
        for unit in units {
            out += "\(unit.unit)  \(unit.reports) report\(unit.reports == 1 ? "" : "s")\n"
            for name in unit.names {
                out += "    \(name.name)  \(name.reports)\(name.name == unit.unit ? "" : " → \(unit.unit)")\n"
            }
        }
        out += "\(units.count) unit\(units.count == 1 ? "" : "s")\n"
        Output.write(out)
    }

    /// "2021–2023" for consecutive years, else "2021, 2023".
    static func span(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "" }
        if years.count > 1 && last - first + 1 == years.count { return "\(first)–\(last)" }
        return years.map(String.init).joined(separator: ", ")
    }
}

extension Grouping: ExpressibleByArgument {}
