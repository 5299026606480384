import BaogaoSpawn
import BaogaoTestSupport
import Foundation
import MCP

/// The real `baogao mcp` process, driven by the SDK's own client over its standard input and
/// output. Its standard error is kept for failure messages.
final class StdioServer: @unchecked Sendable {
    let process = SpawnedProcess()
    let client = Client(name: "baogao-tests", version: "1.0")
    private let toServer = Pipe()
    private let fromServer = Pipe()
    private let errors = Pipe()

    private init(arguments: [String], in directory: URL) throws {
        process.executableURL = BaogaoBinary.executable
        process.arguments = ["mcp"] + arguments
        process.currentDirectoryURL = directory
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = errors
        try process.run()
    }

    /// Starts `baogao mcp arguments…` and connects the client (initialize, initialized).
    static func start(_ arguments: [String], in directory: URL) async throws -> StdioServer {
        let server = try StdioServer(arguments: arguments, in: directory)
        let transport = StdioTransport(input: .init(rawValue: server.fromServer.fileHandleForReading.fileDescriptor),
                                       output: .init(rawValue: server.toServer.fileHandleForWriting.fileDescriptor))
        try await server.client.connect(transport: transport)
        return server
    }

    /// Calls a tool and returns the whole result.
    func call(_ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        try await client.send(CallTool.request(.init(name: name, arguments: arguments))).value
    }

    /// Closes the client's side; the server ends when its input closes. Returns its status.
    @discardableResult
    func stop() async -> Int32 {
        await client.disconnect()
        try? toServer.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var standardError: String {
        String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
    }

    deinit { if process.isRunning { process.terminate() } }
}
