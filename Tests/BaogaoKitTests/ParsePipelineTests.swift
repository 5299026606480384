import Foundation
import Testing
@testable import BaogaoKit

/// The bounded, ordered pipeline between parser workers and the writer.
struct ParsePipelineTests {
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var delivered = 0
        var maxAhead = 0
        func started(_ i: Int) { lock.withLock { maxAhead = max(maxAhead, i - delivered) } }
        func deliver() { lock.withLock { delivered += 1 } }
    }

    @Test func resultsComeBackInOrderWithFewInFlight() {
        let counter = Counter()
        let pipeline = ParsePipeline(inputs: Array(0..<200), workers: 4, window: 6) { i in
            counter.started(i)
            usleep(UInt32((i * 7919) % 500))
            return i * 2
        }
        var results: [Int] = []
        while let r = pipeline.next() {
            results.append(r)
            counter.deliver()
        }
        #expect(results == (0..<200).map { $0 * 2 })
        #expect(counter.maxAhead <= 6)
    }

    @Test func emptyInputsAndCancel() {
        let none = ParsePipeline(inputs: [Int](), workers: 2, window: 2) { $0 }
        #expect(none.next() == nil)
        let pipeline = ParsePipeline(inputs: Array(0..<1000), workers: 2, window: 4) { $0 }
        #expect(pipeline.next() == 0)
        pipeline.cancel()
        #expect(pipeline.next() == nil)
    }
}
