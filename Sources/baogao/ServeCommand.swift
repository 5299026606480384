import ArgumentParser
import BaogaoKit
import BaogaoServer
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search page and the JSON API over the index.",
        discussion: """
            Opens the index once, read-only, and answers on http://HOST:PORT/ until Ctrl-C:
              baogao serve                              # http://127.0.0.1:8080/
              baogao serve --index ~/reports.sqlite --port 9000
            The page: /?q=乡村振兴. The API: /api/search, /api/units, /api/reports, /api/report,
            /api/section (see the README). MCP's streamable HTTP, for AI assistants: /mcp.
            Listens on loopback unless --host says otherwise;
            --port 0 picks a free port. The line "listening on http://…/" says where.
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() throws {
        let index = try location.openForSearch(connections: .pool)
        let settings = ServerSettings(host: host, port: port)
        let indexPath = location.url.relativePath
        let finished = ServeOutcome()
        Task.detached {
            do {
                try await serve(index: index, settings: settings) { host, port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    Output.write("baogao: serving \(indexPath), listening on http://\(shown):\(port)/ (Ctrl-C stops)\n")
                }
                finished.finish(nil)
            } catch {
                finished.finish("cannot serve on \(host):\(port): \(error)")
            }
        }
        if let message = finished.wait() { throw BaogaoError(message) }
    }
}

/// Carries the server's end from its task to the command's thread.
private final class ServeOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var message: String?

    func finish(_ message: String?) {
        self.message = message
        done.signal()
    }

    func wait() -> String? {
        done.wait()
        return message
    }
}
