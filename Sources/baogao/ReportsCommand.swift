import ArgumentParser
import BaogaoKit

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "List the indexed reports: unit, year, title, passages, path.",
        discussion: """
            Filters narrow the list (reports unit:农业 year:2021..2023); terms keep the reports
            that mention them. --json shows where each field came from (file-name, text,
            metadata.csv).
            """
    )

    @OptionGroup var query: QueryArguments
    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON Lines, one object per report.")
    var json = false

    func run() throws {
        let parsed = query.isEmpty ? nil : try query.parsed()
        let catalog = ReportCatalog(index: try location.openForSearch())
        let reports = try catalog.reports(matching: parsed)
        let printer = ReportPrinter(root: try catalog.root())
        if json { printer.printJSONLines(reports) } else { printer.printTable(reports) }
        if reports.isEmpty { throw ExitCode(1) }
    }
}
