import Foundation
import Testing
@testable import BaogaoKit

/// A list of passage ids kept as varint deltas: the same ids back, in the same order, at a
/// byte or two each.
struct RowIDsTests {
    static let lists: [[Int64]] = [
        [], [1], [1, 2, 3], [5, 3, 9, 1], [0, Int64.max, 1, Int64.min + 1, -7],
        Array(1...300), Array(stride(from: 1_000_000, to: 3_000_000, by: 997)), [24_000_000, 1, 24_000_001],
    ]

    @Test(arguments: lists)
    func idsComeBackInOrder(_ ids: [Int64]) {
        let list = RowIDs(ids)
        #expect(Array(list) == ids)
        #expect(list.count == ids.count && list.isEmpty == ids.isEmpty)
        #expect(list.last == (ids.last ?? 0))
        // The encoding is RowIDList's: a blob from SQLite is read as it is.
        #expect(list.bytes == RowIDList.encode(ids))
        let adopted = list.bytes.withUnsafeBytes { RowIDs(encoded: $0) }
        #expect(adopted == list)
    }

    @Test(arguments: lists, lists)
    func appendingAListIsConcatenating(_ a: [Int64], _ b: [Int64]) {
        var list = RowIDs(a)
        list.append(contentsOf: RowIDs(b))
        #expect(Array(list) == a + b)
        #expect(list == RowIDs(a + b))
    }

    @Test func denseIdsTakeAByteEach() {
        let list = RowIDs(Array(Int64(10_000_000)...10_100_000))
        #expect(list.bytes.count < list.count + 8)
    }

    @Test(arguments: [0, 1, 5, 399, 400, 401, 1_000, 2_001, 12_345])
    func anEvenSampleIsEveryNthFromTheFirst(_ count: Int) {
        let ids = (0..<count).map { Int64($0 * 3 + 1) }
        let step = max(1, count / 400)
        #expect(RowIDs(ids).evenSample(400) == stride(from: 0, to: count, by: step).map { ids[$0] })
    }
}
