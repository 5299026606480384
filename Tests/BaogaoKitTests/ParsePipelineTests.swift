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

    @Test func withNoWorkersNextDoesTheWork() {
        let counter = Counter()
        let pipeline = ParsePipeline(inputs: Array(0..<5), workers: 0, window: 2) { i in
            counter.started(i)
            return i + 100
        }
        #expect(counter.maxAhead == 0 && counter.delivered == 0)
        var results: [Int] = []
        while let r = pipeline.next() {
            results.append(r)
            counter.deliver()
        }
        #expect(results == [100, 101, 102, 103, 104])
        #expect(counter.maxAhead <= 1)
    }

    #if os(Linux)
    /// The writer is a build's slowest step: workers give way to it. With no workers the
    /// consumer does the work at its own priority, which stays as it was.
    @Test func workersRunBelowTheConsumersPriority() {
        let consumer = WorkerThread.priority
        let pipeline = ParsePipeline(inputs: Array(0..<8), workers: 2, window: 4) { _ in WorkerThread.priority }
        var seen: [Int32] = []
        while let p = pipeline.next() { seen.append(p) }
        let lowered = min(19, consumer + ParsePipeline<Int, Int32>.workerNiceness)
        #expect(seen == Array(repeating: lowered, count: 8))

        let alone = ParsePipeline(inputs: Array(0..<3), workers: 0, window: 2) { _ in WorkerThread.priority }
        var own: [Int32] = []
        while let p = alone.next() { own.append(p) }
        #expect(own == [consumer, consumer, consumer])
        #expect(WorkerThread.priority == consumer)
    }
    #endif

    /// Regression: a worker's thread held the last reference to what `work` captured until its
    /// thread-specific data was torn down, after libdispatch's; a deinit that handed work to
    /// dispatch then (the OCR cache's database queue being disposed) built it in freed memory,
    /// and the test process aborted later, anywhere, with "malloc(): unaligned fastbin chunk
    /// detected". Each round gives a worker a dispatch cache (concurrentPerform, as OCR does)
    /// and the last reference (the consumer cancels and lets go while it still works).
    @Test func whatWorkCapturedIsReleasedBeforeTheWorkerThreadEnds() {
        final class HandsWorkToDispatchWhenFreed: Sendable {
            deinit { for _ in 0..<4 { DispatchQueue.global().async { _ = 0 } } }
        }
        // Only the pipeline's work holds it; the pipeline is held by its workers and by us.
        func pipeline() -> ParsePipeline<Int, Int> {
            let captured = HandsWorkToDispatchWhenFreed()
            return ParsePipeline(inputs: [0, 1], workers: 2, window: 2) { i in
                DispatchQueue.concurrentPerform(iterations: 8) { j in _ = String(describing: captured).count + j }
                if i == 1 { usleep(1_000) }
                return i
            }
        }
        var first = 0
        var churn: [[Int]] = []
        for round in 0..<1_000 {
            let running = pipeline()
            first += running.next() ?? -1
            running.cancel()
            // Small allocations, so that a corrupt free list is met soon.
            churn = (0..<300).map { [round, $0, 1, 2, 3, 4] }
        }
        #expect(first == 0 && churn.count == 300)
    }
}
