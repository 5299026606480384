import Foundation

/// Runs async work to its end from a synchronous command's `run()`: the work goes on in a
/// detached task while the command's thread waits for it.
enum BlockingTask {
    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Outcome()
        Task.detached {
            do { try await work(); outcome.finish(nil) } catch { outcome.finish(error) }
        }
        if let error = outcome.wait() { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var error: (any Error)?

        func finish(_ error: (any Error)?) {
            self.error = error
            done.signal()
        }

        func wait() -> (any Error)? {
            done.wait()
            return error
        }
    }
}
