@testable import BaogaoKit
@testable import BaogaoServer
import Foundation
import Testing

/// The server's index reads: at most one per core at once, the rest started in the order they
/// came, and a read that waited past its request's timeout never started.
struct ReadGateTests {
    /// Counts what ran, under a lock, from the gate's threads.
    final class Record: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var started: [Int] = []
        private(set) var running = 0
        private(set) var mostAtOnce = 0

        func begin(_ n: Int) {
            lock.lock()
            started.append(n)
            running += 1
            mostAtOnce = max(mostAtOnce, running)
            lock.unlock()
        }

        func end() {
            lock.lock()
            running -= 1
            lock.unlock()
        }

        var snapshot: (started: [Int], mostAtOnce: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (started, mostAtOnce)
        }
    }

    /// Submits `count` reads of `milliseconds` each and waits for all of them.
    static func run(_ gate: ReadGate, count: Int, milliseconds: Int) -> Record {
        let record = Record()
        let group = DispatchGroup()
        for n in 0..<count {
            group.enter()
            gate.submit {
                record.begin(n)
                Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
                record.end()
                group.leave()
            }
        }
        group.wait()
        return record
    }

    /// A gate of one whose thread is held by a read until `release` is signalled.
    static func heldGate() -> (gate: ReadGate, release: DispatchSemaphore) {
        let gate = ReadGate(limit: 1)
        let release = DispatchSemaphore(value: 0)
        let busy = DispatchSemaphore(value: 0)
        gate.submit {
            busy.signal()
            release.wait()
        }
        busy.wait()
        return (gate, release)
    }

    @Test func noMoreThanTheLimitRunAtOnce() {
        let record = Self.run(ReadGate(limit: 3), count: 30, milliseconds: 20)
        let (started, mostAtOnce) = record.snapshot
        #expect(started.sorted() == Array(0..<30))
        #expect(mostAtOnce == 3)
    }

    @Test func waitingReadsStartInTheOrderTheyCame() {
        let record = Self.run(ReadGate(limit: 1), count: 20, milliseconds: 2)
        #expect(record.snapshot.started == Array(0..<20))
        #expect(record.snapshot.mostAtOnce == 1)
    }

    @Test func aLimitBelowOneIsOne() {
        #expect(ReadGate(limit: 0).limit == 1)
        #expect(ReadGate().limit == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func aReadThatWaitedPastItsTimeoutNeverStarts() async throws {
        let fixture = try Fixture.get()
        let (gate, release) = Self.heldGate()
        let reader = IndexReader(index: fixture.index, timeout: .milliseconds(50), gate: gate)
        let record = Record()
        await #expect {
            try await reader.run { _ in record.begin(1) }
        } throws: { error in
            (error as? RequestError)?.status == .serviceUnavailable
        }
        #expect(gate.queued == 1)
        release.signal()
        // The gate drains in order: once a later read has run, the one before it was passed over.
        let ran = DispatchSemaphore(value: 0)
        gate.submit { ran.signal() }
        ran.wait()
        #expect(record.snapshot.started.isEmpty)
        #expect(gate.queued == 0)
    }

    /// A read waiting at the gate counts among the index's reads while it waits, so that no
    /// query running meanwhile halves its walk onto the core the waiting read needs.
    @Test func aReadWaitingAtTheGateCountsAmongTheIndexsReads() async throws {
        // An index of its own: other tests' reads of a shared one would count too.
        let fixture = try Fixture(reports: ["单位_2024_总结.txt": "推进工作。"], name: "read-gate-queued")
        let index = fixture.index
        let (gate, release) = Self.heldGate()
        var released = false
        defer { if !released { release.signal() } }
        #expect(index.secondReader.queriesReading == 0)
        let reader = IndexReader(index: index, timeout: .seconds(10), gate: gate)
        let waiting = Task { try await reader.run { try $0.statistics().reports } }
        for _ in 0..<5_000 where gate.queued == 0 { try await Task.sleep(for: .milliseconds(1)) }
        try #require(gate.queued == 1)
        #expect(index.secondReader.queriesReading == 1)
        release.signal()
        released = true
        #expect(try await waiting.value == 1)
        #expect(index.secondReader.queriesReading == 0)
    }

    @Test func aReadWithinItsTimeoutAnswers() async throws {
        let fixture = try Fixture.get()
        let reader = IndexReader(index: fixture.index, timeout: .seconds(10), gate: ReadGate(limit: 1))
        let total = try await reader.run { try $0.statistics().reports }
        #expect(total > 0)
        #expect(total == (try fixture.index.statistics().reports))
    }
}
