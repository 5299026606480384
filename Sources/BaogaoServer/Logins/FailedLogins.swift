import Synchronization

/// The failed logins of each address over the last minute, and whether an address must wait:
/// after `limit` failures within `window`, it waits until the oldest of them is `window` old.
/// Pure: the caller says what time it is.
///
/// ```swift
/// var failures = FailedLogins()
/// for _ in 0..<10 { failures.record("10.0.0.7", at: now) }
/// failures.retryAfter("10.0.0.7", at: now)   // 60 (seconds)
/// failures.retryAfter("10.0.0.8", at: now)   // nil: another address is not slowed
/// ```
struct FailedLogins: Sendable {
    var limit = 10
    var window: Duration = .seconds(60)
    private var times: [String: [ContinuousClock.Instant]] = [:]
    private var recordsSincePruning = 0

    init(limit: Int = 10, window: Duration = .seconds(60)) {
        self.limit = limit
        self.window = window
    }

    /// Whole seconds until `address` may try again (at least 1); nil when it may now.
    func retryAfter(_ address: String, at now: ContinuousClock.Instant) -> Int? {
        let recent = (times[address] ?? []).filter { now - $0 < window }
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        let wait = window - (now - oldest)
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        return max(1, Int(seconds.rounded(.up)))
    }

    mutating func record(_ address: String, at now: ContinuousClock.Instant) {
        var recent = (times[address] ?? []).filter { now - $0 < window }
        recent.append(now)
        times[address] = Array(recent.suffix(limit))
        recordsSincePruning += 1
        if recordsSincePruning >= 1024 { prune(at: now) }
    }

    /// How many addresses are remembered (old ones are forgotten as others fail).
    var addresses: Int { times.count }

    private mutating func prune(at now: ContinuousClock.Instant) {
        times = times.filter { _, instants in instants.last.map { now - $0 < window } ?? false }
        recordsSincePruning = 0
    }
}

/// ``FailedLogins`` shared by the requests of a server, on the clock.
final class LoginThrottle: Sendable {
    private let failures: Mutex<FailedLogins>

    init(_ failures: FailedLogins = FailedLogins()) {
        self.failures = Mutex(failures)
    }

    func retryAfter(_ address: String) -> Int? {
        failures.withLock { $0.retryAfter(address, at: .now) }
    }

    func recordFailure(_ address: String) {
        failures.withLock { $0.record(address, at: .now) }
    }
}
