import Foundation

/// Monotonic wall-clock timing.
enum Clock {
    /// Nanoseconds on a monotonic clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Milliseconds elapsed since `start` (a value of ``now()``).
    static func milliseconds(since start: UInt64) -> Double { Double(now() - start) / 1e6 }

    /// Runs `body` and returns its result with the milliseconds it took.
    static func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, milliseconds(since: start))
    }
}
