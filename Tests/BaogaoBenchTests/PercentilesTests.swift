import Testing
import BaogaoBenchKit

struct PercentilesTests {
    @Test(arguments: [
        ([5.0, 1, 4, 2, 3], 50.0, 3.0),
        ([1.0, 2, 3, 4], 50, 2),
        ([1.0, 2, 3, 4], 75, 3),
        ([1.0, 2, 3, 4], 100, 4),
        ([7.0], 99, 7),
        (Array(stride(from: 1.0, through: 100, by: 1)), 95, 95),
        (Array(stride(from: 1.0, through: 100, by: 1)), 99, 99),
        (Array(stride(from: 1.0, through: 1000, by: 1)), 99, 990),
        (Array(stride(from: 1.0, through: 30, by: 1)), 99, 30),
    ])
    func nearestRank(_ samples: [Double], _ p: Double, _ expected: Double) {
        #expect(Percentiles.of(samples, p) == expected)
    }

    @Test func noSamplesHaveNoPercentile() {
        #expect(Percentiles.of([], 50) == nil)
        #expect(LatencySummary(milliseconds: []) == nil)
    }

    @Test func summaryOfLatencies() throws {
        let samples = (1...200).map { Double($0) / 10 }.reversed()
        let summary = try #require(LatencySummary(milliseconds: Array(samples)))
        #expect(summary.count == 200)
        #expect(summary.p50 == 10.0)
        #expect(summary.p95 == 19.0)
        #expect(summary.p99 == 19.8)
        #expect(summary.max == 20.0)
    }
}
