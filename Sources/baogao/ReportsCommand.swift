import ArgumentParser
import BaogaoKit
import Foundation

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "List the indexed reports: unit, year, title, passages, path.",
        discussion: """
            Filters narrow the list (reports unit:农业 year:2021..2023); terms keep the reports
            that mention them. --missing lists the reports without a unit or a year and where
            each field came from (file-name, folder-name, text, column, metadata.csv).
            --csv writes them as a metadata.csv (UTF-8 with BOM): correct it, save it as
            metadata.csv at the folder's root and run baogao index again.
            """
    )

    @OptionGroup var query: QueryArguments
    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON Lines, one object per report.")
    var json = false

    @Flag(help: "Only reports without a unit or a year, with where each field came from.")
    var missing = false

    @Flag(help: "Print a metadata.csv (path,unit,year,title; UTF-8 with BOM) to correct and put back.")
    var csv = false

    func validate() throws {
        if csv && json { throw ValidationError("--csv and --json cannot be combined") }
    }

    func run() throws {
        let parsed = query.isEmpty ? nil : try query.parsed()
        let catalog = ReportCatalog(index: try location.openForSearch())
        let printer = ReportPrinter(root: try catalog.root())
        // Written as they are read: half a million reports are never held at once.
        var out = RowsOutput()
        var shown = 0
        if csv { out.append(MetadataExport.header) }
        try catalog.forEachReport(matching: parsed) { report in
            if missing && report.unit != nil && report.year != nil { return }
            shown += 1
            if csv {
                out.append(MetadataExport.line(report))
            } else if json {
                printer.jsonLine(report, to: &out)
            } else {
                out.append(printer.tableEntry(report, sources: missing))
            }
        }
        if !csv && !json { out.append(ReportPrinter.tableEnd(shown)) }
        out.flush()
        if shown == 0 && !(missing && parsed == nil) { throw ExitCode(1) }
    }
}
