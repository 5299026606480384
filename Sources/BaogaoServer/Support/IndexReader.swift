import BaogaoKit
import Dispatch
import Foundation

/// Runs BaogaoKit's blocking index reads on threads of their own, so the server's event loops
/// and Swift's cooperative threads never wait on SQLite; a read that takes longer than
/// `timeout` is answered with 503 (its result is dropped when it arrives).
///
/// ```swift
/// let reader = IndexReader(index: index, timeout: .seconds(10))
/// let results = try await reader.run { try Searcher(index: $0).search(query) }
/// ```
struct IndexReader: Sendable {
    let index: IndexDatabase
    let timeout: Duration

    private static let queue = DispatchQueue(label: "baogao.index-reads", qos: .userInitiated, attributes: .concurrent)

    func run<T: Sendable>(_ work: @escaping @Sendable (IndexDatabase) throws -> T) async throws -> T {
        let index = self.index
        let timeout = self.timeout
        let once = ResumeOnce<T>()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.arm(continuation)
                let late = RequestError(.serviceUnavailable,
                                        "the index did not answer within \(Self.describe(seconds)): try a narrower query")
                let start = ContinuousClock.now
                Self.queue.async {
                    let result = Result { try work(index) }
                    // An answer that came too late counts as none: the limit holds however the race went.
                    once.resume(with: ContinuousClock.now - start > timeout ? .failure(late) : result)
                }
                Self.queue.asyncAfter(deadline: .now() + seconds) {
                    once.resume(with: .failure(late))
                }
            }
        } onCancel: {
            once.resume(with: .failure(CancellationError()))
        }
    }

    private static func describe(_ seconds: Double) -> String {
        seconds >= 1 ? "\(Int(seconds)) s" : "\(Int((seconds * 1000).rounded())) ms"
    }
}

/// A continuation resumed by whichever comes first: the result, the deadline or cancellation.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false

    func arm(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let early {
            done = true
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(with result: Result<T, any Error>) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        done = true
        self.continuation = nil
        lock.unlock()
        continuation.resume(with: result)
    }
}
