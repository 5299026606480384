import BaogaoKit
import Dispatch
import Foundation

/// Runs BaogaoKit's blocking index reads on threads of their own, so the server's event loops
/// and Swift's cooperative threads never wait on SQLite, one per core at a time and the rest in
/// the order they came (`ReadGate`); a read not answered within `timeout` of its request,
/// waiting included, is answered with 503 (its result is dropped when it arrives, and a read
/// still waiting then never starts).
///
/// ```swift
/// let reader = IndexReader(index: index, timeout: .seconds(10))
/// let results = try await reader.run { try Searcher(index: $0).search(query) }
/// ```
struct IndexReader: Sendable {
    let index: IndexDatabase
    let timeout: Duration
    let gate: ReadGate

    init(index: IndexDatabase, timeout: Duration, gate: ReadGate = .shared) {
        self.index = index
        self.timeout = timeout
        self.gate = gate
    }

    private static let timers = DispatchQueue(label: "baogao.index-read-timers")

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
                // Counted while it waits, so that no read halves its walk onto a core it needs.
                index.readQueued(true)
                gate.submit {
                    index.readQueued(false)
                    // Its request was already answered (too late, or gone): nobody waits for it.
                    guard !once.isDone else { return }
                    let result = Result { try work(index) }
                    // An answer that came too late counts as none: the limit holds however the race went.
                    once.resume(with: ContinuousClock.now - start > timeout ? .failure(late) : result)
                }
                Self.timers.asyncAfter(deadline: .now() + seconds) {
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

    /// Whether the continuation was resumed (or a result is waiting for it).
    var isDone: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done || early != nil
    }

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
