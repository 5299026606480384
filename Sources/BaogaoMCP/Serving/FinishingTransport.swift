import Foundation
import Logging
import MCP

/// A transport that can wait for every request it received to be answered: the SDK's server
/// answers each request in a task of its own and stops reading when its input ends, so a
/// client that writes its calls and closes standard input would otherwise lose the answers
/// still under way.
actor FinishingTransport<Inner: Transport>: Transport {
    let inner: Inner
    nonisolated let logger: Logger
    private var received = 0
    private var answered = 0

    init(_ inner: Inner) {
        self.inner = inner
        logger = Logger(label: "baogao.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    func connect() async throws { try await inner.connect() }
    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        answered += Self.count(in: data) { $0["method"] == nil && $0["id"] != nil }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let source = inner
        Task {
            do {
                for try await data in await source.receive() {
                    self.count(received: data)
                    continuation.yield(data)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }

    private func count(received data: Data) {
        received += Self.count(in: data) { $0["method"] != nil && $0["id"] != nil }
    }

    /// Waits until every request received has had its answer sent, or `limit` has passed.
    func finish(within limit: Duration = .seconds(30)) async {
        let end = ContinuousClock.now + limit
        while answered < received && ContinuousClock.now < end {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The JSON-RPC messages in `data` (one, or a batch) for which `matches` holds.
    private static func count(in data: Data, where matches: ([String: Any]) -> Bool) -> Int {
        switch try? JSONSerialization.jsonObject(with: data) {
        case let message as [String: Any]: return matches(message) ? 1 : 0
        case let batch as [Any]: return batch.compactMap { $0 as? [String: Any] }.filter(matches).count
        default: return 0
        }
    }
}
