import Foundation
import Logging
import MCP

/// The MCP SDK's `Client` over `/mcp`, each message POSTed with ``HTTPFetch`` (the SDK's own
/// `HTTPClientTransport` runs on URLSession; see ``HTTPFetch`` for why the tests avoid it).
///
/// ```swift
/// let client = Client(name: "baogao-tests", version: "1.0")
/// try await client.connect(transport: MCPHTTPTransport(endpoint: server.base.appending(path: "mcp")))
/// ```
actor MCPHTTPTransport: Transport {
    nonisolated let logger = Logger(label: "baogao-tests.mcp-http")
    private let endpoint: URL
    private var sessionID: String?
    private nonisolated let messages: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation

    init(endpoint: URL) {
        self.endpoint = endpoint
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {}

    func disconnect() async { continuation.finish() }

    /// POSTs one message; a JSON answer (or the events of a stream) goes to `receive()`, a
    /// notification's 202 carries nothing.
    func send(_ data: Data) async throws {
        var headers = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
        if let sessionID { headers["Mcp-Session-Id"] = sessionID }
        let answer = try await HTTPFetch.send(endpoint, method: "POST", headers: headers, body: data)
        guard (200..<300).contains(answer.status) else {
            throw FixtureError("POST \(endpoint.absoluteString): HTTP \(answer.status) \(answer.text)")
        }
        if let id = answer.header("Mcp-Session-Id") { sessionID = id }
        guard !answer.body.isEmpty else { return }
        if answer.contentType?.hasPrefix("text/event-stream") == true {
            for line in answer.text.split(separator: "\n") where line.hasPrefix("data:") {
                continuation.yield(Data(line.dropFirst(5).trimmingCharacters(in: .whitespaces).utf8))
            }
        } else {
            continuation.yield(answer.body)
        }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, Swift.Error> { messages }
}
