/// Percentiles of measured samples, by the nearest-rank method: the p-th percentile of n
/// sorted samples is the one at rank ⌈p/100 · n⌉, so it is always a value that was measured.
///
/// ```swift
/// Percentiles.of([5, 1, 4, 2, 3], 50)  // 3
/// Percentiles.median([0.4, 0.1, 0.3, 0.2])  // 0.2 (the lower middle: a measured value)
/// ```
public enum Percentiles {
    /// The `p`-th percentile (0 < p ≤ 100) of `samples`; `nil` when there are none.
    public static func of(_ samples: [Double], _ p: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        return ofSorted(samples.sorted(), p)
    }

    /// The `p`-th percentile of samples already sorted ascending.
    public static func ofSorted(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The median (50th percentile) of `samples`.
    public static func median(_ samples: [Double]) -> Double? { of(samples, 50) }
}

/// The latency of a group of measurements, in milliseconds.
public struct LatencySummary: Codable, Sendable, Hashable {
    public var count: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var max: Double

    /// Summarizes `milliseconds`; `nil` when there are no samples.
    public init?(milliseconds samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Percentiles.ofSorted(sorted, 50)!
        p95 = Percentiles.ofSorted(sorted, 95)!
        p99 = Percentiles.ofSorted(sorted, 99)!
        max = sorted[sorted.count - 1]
    }
}
