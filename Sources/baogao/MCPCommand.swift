import ArgumentParser
import BaogaoKit
import BaogaoMCP
import Foundation

struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Answer an AI assistant's tool calls over standard input and output (MCP).",
        discussion: """
            A Model Context Protocol server over stdio, for Claude Desktop, Claude Code, Cursor and
            other clients, which start it themselves:
              claude mcp add baogao -- baogao mcp --index ~/reports.sqlite
            Tools: search, units, show, reports (read-only). Reports are also resources,
            baogao://report/PATH#L31. Standard output carries the protocol only; messages go to
            standard error. Runs until the client closes standard input.
            """
    )

    @OptionGroup var location: IndexLocation

    func run() throws {
        MallocArenas.limit()
        let index = try location.openForSearch(connections: .pool)
        try BlockingTask.run { try await BaogaoMCPServer.serveStdio(index: index) }
    }
}
