import ArgumentParser
import BaogaoKit
import Foundation

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the whole section holding PATH:LINE, or the outline of PATH.",
        discussion: """
            baogao show corpus/市XX办_2021_机关党建工作总结.txt:31 --query 乡村振兴
            baogao show corpus/市XX办_2021_机关党建工作总结.txt
            """
    )

    @Argument(help: ArgumentHelp("A report path, or path:line as search prints it.", valueName: "path[:line]"))
    var target: String

    @Option(name: .shortAndLong, help: "Highlight this query's terms.")
    var query: String?

    @OptionGroup var location: IndexLocation

    @Option(help: "Colour matches: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Print JSON instead of text.")
    var json = false

    /// Splits `path:line`; a path alone has no line.
    var parts: (path: String, line: Int?) {
        if let colon = target.lastIndex(of: ":"), let line = Int(target[target.index(after: colon)...]) {
            return (String(target[..<colon]), line)
        }
        return (target, nil)
    }

    func run() throws {
        let parsedQuery: SearchQuery?
        do { parsedQuery = try query.map(SearchQuery.init(parsing:)) } catch {
            throw BaogaoError("bad query: \(error.message)")
        }
        let catalog = ReportCatalog(index: try location.openForSearch())
        let (path, line) = parts
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let lookup = FileManager.default.fileExists(atPath: absolute) ? absolute : path
        let printer = HitPrinter(color: Terminal.useColor(color), full: true, root: try catalog.root())
        if let line {
            let view = try catalog.section(path: lookup, line: line, query: parsedQuery)
            if json { return Output.writeJSONLines([view]) }
            var out = printer.style(HitPrinter.about(unit: view.report.unit, year: view.report.year, title: view.report.title), "1") + "\n"
            out += printer.style(view.section.isEmpty ? "(before the first heading)" : view.section.joined(separator: " › "), "36") + "\n"
            out += printer.style(printer.path(view.report.path), "35") + "\n\n"
            let width = String(view.lines.last?.line ?? 0).count
            for shown in view.lines {
                let number = String(repeating: " ", count: width - String(shown.line).count) + String(shown.line)
                let mark = shown.line == view.focus ? ">" : " "
                out += "\(mark)\(printer.style(number, "32"))  \(printer.passage(shown.text, highlights: shown.highlights))\n"
            }
            Output.write(out)
        } else {
            let (report, headings) = try catalog.outline(path: lookup)
            if json { return Output.writeJSONLines(headings) }
            var out = printer.style(HitPrinter.about(unit: report.unit, year: report.year, title: report.title), "1") + "\n"
            out += printer.style(printer.path(report.path), "35") + "\n\n"
            let width = String(headings.last?.line ?? 0).count
            for entry in headings {
                let number = String(repeating: " ", count: width - String(entry.line).count) + String(entry.line)
                out += "\(printer.style(number, "32"))  \(String(repeating: "  ", count: entry.depth))\(entry.heading)\n"
            }
            if headings.isEmpty { out += "(no headings)\n" }
            Output.write(out)
        }
    }
}
