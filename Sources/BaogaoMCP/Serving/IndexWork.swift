import BaogaoKit
import Dispatch

/// Where the tools' blocking index reads run: never on Swift's cooperative threads. The
/// command runs them on a dispatch queue (``DispatchIndexWork``); the web server on its own
/// reader, with its deadline.
public protocol IndexWork: Sendable {
    func run<T: Sendable>(_ work: @escaping @Sendable (IndexDatabase) throws -> T) async throws -> T
}

/// Runs each read on a concurrent dispatch queue.
public struct DispatchIndexWork: IndexWork {
    let index: IndexDatabase
    private static let queue = DispatchQueue(label: "baogao.mcp-reads", qos: .userInitiated, attributes: .concurrent)

    public init(index: IndexDatabase) {
        self.index = index
    }

    public func run<T: Sendable>(_ work: @escaping @Sendable (IndexDatabase) throws -> T) async throws -> T {
        let index = self.index
        return try await withCheckedThrowingContinuation { continuation in
            Self.queue.async { continuation.resume(with: Result { try work(index) }) }
        }
    }
}
