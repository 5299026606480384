import BaogaoKit
import MCP

/// The MCP server over one index: the tools, and the reports as resources. One per stdio
/// process; one per request of the web server's `/mcp`.
///
/// ```swift
/// try await BaogaoMCPServer.serveStdio(index: index)   // until standard input closes
/// ```
public enum BaogaoMCPServer {
    public static let name = "baogao"
    public static let version = "1.0.0"

    static let instructions = """
        Baogao searches the user's own Chinese reports (work summaries, party-building reports, \
        government work reports). Use search to find passages, units to count which units or years \
        mention something, show to read a whole section, reports to list what is indexed. \
        Cite what you quote as path:line with its section breadcrumb.
        \(ToolCatalog.queryLanguage)
        """

    public static func make(work: any IndexWork, budget: AnswerBudget = .standard) async -> Server {
        let server = Server(name: name, version: version, title: "Baogao 报告", instructions: instructions,
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false),
                                                tools: .init(listChanged: false)))
        let tools = BaogaoTools(work: work, budget: budget)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.all) }
        await server.withMethodHandler(CallTool.self) { parameters in
            await tools.call(parameters.name, parameters.arguments)
        }
        await server.withMethodHandler(ListResources.self) { parameters in
            try await protocolErrors { try await work.run { try ReportResources.list($0, cursor: parameters.cursor) } }
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: [ReportResources.template])
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            try await protocolErrors { try await work.run { try ReportResources.read($0, uri: parameters.uri, budget: budget) } }
        }
        return server
    }

    /// Serves over standard input and output until the client closes its input, then answers
    /// the calls still under way; the index keeps its passages' lengths in memory meanwhile.
    public static func serveStdio(index: IndexDatabase) async throws {
        try index.keepPassageLengths()
        let server = await make(work: DispatchIndexWork(index: index))
        let transport = FinishingTransport(StdioTransport())
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await transport.finish()
        await server.stop()
    }

    /// Resource reads fail as JSON-RPC errors (that is what the protocol asks), with a message.
    private static func protocolErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as MCPError { throw error } catch {
            throw MCPError.internalError(BaogaoTools.message(for: error))
        }
    }
}
