import ArgumentParser
import BaogaoKit
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find passages matching the query, ranked, with their sections.",
        discussion: """
            Each term matches as an exact phrase (after folding full-width forms and case);
            "…" keeps spaces inside one phrase. Combine with OR, -exclude and (groups); narrow
            with unit:, year:, section: and title:. Exit status: 0 found, 1 none, 2 error.
            """
    )

    @OptionGroup var query: QueryArguments
    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON Lines, one object per hit.")
    var json = false

    @Flag(help: "Print path:line:column:text per hit, for editors' quickfix lists.")
    var vimgrep = false

    @Flag(name: [.customShort("l"), .customLong("files-with-matches")], help: "Print only the paths of reports with a match.")
    var filesWithMatches = false

    @Flag(name: .shortAndLong, help: "Print the number of matching passages per report.")
    var count = false

    @Option(name: [.customShort("m"), .long], help: "How many hits to print (0 = every hit).")
    var limit = 10

    @Option(name: [.customShort("C"), .long], help: "Show N passages before and after each hit.")
    var context = 0

    @Option(help: "At most N hits of one report in each page of 10 (0 = no limit).")
    var perReport = Searcher.defaultPerReport

    @Option(help: "Colour matches: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Print whole passages instead of a window around the matches.")
    var full = false

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        guard context >= 0 else { throw ValidationError("--context must be 0 or more") }
        guard perReport >= 0 else { throw ValidationError("--per-report must be 0 or more") }
        guard !query.isEmpty else { throw ValidationError("missing query") }
        let modes = [json, vimgrep, filesWithMatches, count].filter { $0 }.count
        guard modes <= 1 else { throw ValidationError("choose one of --json, --vimgrep, -l and -c") }
    }

    func run() throws {
        let parsed = try query.parsed()
        let index = try location.openForSearch()
        if filesWithMatches || count {
            let catalog = ReportCatalog(index: index)
            let printer = ReportPrinter(root: try catalog.root())
            var out = RowsOutput()
            let total = try catalog.forEachReport(matching: parsed, order: .path) { report in
                out.append(printer.countLine(report, countsOnly: count))
            }
            out.flush()
            if total == 0 { throw ExitCode(1) }
            return
        }
        let all = vimgrep
        let results = try Searcher(index: index).search(parsed, limit: all || limit == 0 ? nil : limit, context: context,
                                                        perReport: perReport == 0 ? nil : perReport)
        let printer = HitPrinter(color: Terminal.useColor(color), full: full, root: results.root)
        if json {
            printer.printJSONLines(results.hits)
        } else if vimgrep {
            printer.printVimgrep(results.hits)
        } else {
            printer.print(results)
        }
        if results.totalHits == 0 { throw ExitCode(1) }
    }
}

extension ColorChoice: ExpressibleByArgument {}
