import Testing
@testable import BaogaoKit

/// Which report a passage id belongs to (``ReportRanges``): the range found through its
/// bucket is the last one starting at or before the id, whatever the reports' sizes.
struct ReportRangesTests {
    /// Starts of `count` ranges whose sizes are drawn from `sizes`.
    static func starts(_ count: Int, sizes: ClosedRange<Int64>, from first: Int64 = 1) -> [Int64] {
        var random = SystemRandomNumberGenerator()
        var starts: [Int64] = []
        var next = first
        for _ in 0..<count {
            starts.append(next)
            next += Int64.random(in: sizes, using: &random)
        }
        return starts
    }

    @Test(arguments: [
        (1, 1...1), (2, 1...1), (3, 60...70), (200, 1...1), (300, 1...3), (1_000, 1...40),
        (500, 30...90), (100, 63...65), (50, 10_000...200_000), (400, 1...400),
    ] as [(Int, ClosedRange<Int64>)])
    func aPassagesRangeIsTheLastStartingAtOrBeforeIt(count: Int, sizes: ClosedRange<Int64>) {
        var random = SystemRandomNumberGenerator()
        let starts = Self.starts(count, sizes: sizes, from: Int64.random(in: 0...100, using: &random))
        let ranges = ReportRanges(starts: starts, reports: starts.indices.map { Int64($0) + 1 })
        let last = starts.last! + sizes.upperBound
        var ids: [Int64] = [-1, 0, .max, .min, last, last * 2]
        for start in starts { ids += [start - 1, start, start + 1, start + 63, start + 64] }
        ids += (0..<2_000).map { _ in Int64.random(in: 0...last, using: &random) }
        for id in ids {
            let expected = starts.lastIndex { $0 <= id }
            #expect(ranges.range(ofPassage: id) == expected, "\(id) of \(count) ranges sized \(sizes)")
            for from in [-1, 0, (expected ?? 0) - 1, expected ?? 0, (expected ?? 0) + 1, count] {
                #expect(ranges.range(ofPassage: id, from: from) == expected, "\(id) from \(from)")
            }
        }
    }

    @Test func noRangesHoldNothing() {
        let ranges = ReportRanges(starts: [], reports: [])
        for id: Int64 in [-1, 0, 1, .max] {
            #expect(ranges.range(ofPassage: id) == nil)
            #expect(ranges.range(ofPassage: id, from: 0) == nil)
        }
    }
}
