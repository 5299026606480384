import ArgumentParser
import BaogaoKit
import Foundation

/// The `baogao` command: a thin layer over BaogaoKit that parses arguments and prints.
///
/// Exit status, as grep: 0 found (or done), 1 nothing found, 2 error.
@main
struct Baogao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baogao",
        abstract: "Chinese-aware full-text search for reports.",
        discussion: """
            Index a folder of reports, then find any phrase with its section:
              baogao index ~/reports --index ~/reports.sqlite
              baogao search 乡村振兴 --index ~/reports.sqlite
              baogao units 乡村振兴 --index ~/reports.sqlite      # which units mention it
              baogao show PATH:LINE --query 乡村振兴              # the whole section
              baogao serve --index ~/reports.sqlite             # the search page and JSON API
              baogao mcp --index ~/reports.sqlite               # tools for AI assistants (MCP)
              baogao check --index ~/reports.sqlite             # sound and up to date?
            Without --index, `search` uses index/baogao.sqlite, built from corpus/ and
            refreshed when files in corpus/ change.

            Exit status: 0 found, 1 nothing found, 2 error.
            """,
        subcommands: [SearchCommand.self, UnitsCommand.self, ShowCommand.self, ReportsCommand.self, IndexCommand.self,
                      ServeCommand.self, MCPCommand.self, CheckCommand.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot(QueryArguments.shielded(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as BaogaoError {
            Terminal.fail(error.message)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.fail(fullMessage(for: error))
        }
    }
}
