import ArgumentParser
import Foundation

/// `baogao-bench table RUN.json`: prints the tables of a run saved with `--json`.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the tables of a run saved with --json."
    )

    @Argument(help: ArgumentHelp("A file written by `baogao-bench --json`.", valueName: "file"))
    var file: String

    func run() throws {
        let report = try JSONDecoder().decode(BenchReport.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        FileHandle.standardOutput.write(Data(ReportTable.render(report).utf8))
    }
}
