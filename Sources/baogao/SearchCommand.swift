import ArgumentParser
import BaogaoKit
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find passages containing every term, ranked, with their sections.",
        discussion: """
            Each term matches as an exact phrase (after folding full-width forms and case);
            "…" keeps spaces inside one phrase. Exit status: 0 found, 1 none, 2 error.
            """
    )

    @Argument(help: ArgumentHelp("The query: terms that must all match.", valueName: "query"))
    var query: [String]

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON Lines, one object per hit.")
    var json = false

    @Option(name: .shortAndLong, help: "How many hits to print (0 = every hit).")
    var limit = 10

    @Option(help: "Colour matches: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Print whole passages instead of a window around the matches.")
    var full = false

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        guard !query.isEmpty else { throw ValidationError("missing query") }
    }

    func run() throws {
        let parsed: SearchQuery
        do {
            parsed = try SearchQuery(parsing: query.joined(separator: " "))
        } catch {
            throw BaogaoError("bad query: \(error.message)")
        }
        let index = try location.openForSearch()
        let results = try Searcher(index: index).search(parsed, limit: limit == 0 ? nil : limit)
        if json {
            HitPrinter.printJSONLines(results)
        } else {
            HitPrinter(color: Terminal.useColor(color), full: full).print(results)
        }
        if results.totalHits == 0 { throw ExitCode(1) }
    }
}

extension ColorChoice: ExpressibleByArgument {}
