import BaogaoKit
import Dispatch
import Foundation

/// Runs index reads on `limit` threads of its own (one per core by default), the waiting ones
/// in the order they came.
///
/// Reads handed to dispatch's concurrent queues run on its shared threads, about one per core,
/// which Swift's tasks (the server's routes, JSON encoding) use too; dispatch adds a thread
/// only about once a second when all of them wait. Under load, requests then stalled behind
/// reads, reads behind each other in no order, and a query's second half behind both: an
/// unlucky request waited seconds. The gate keeps one read per core busy and a queue behind
/// them, so a request waits for those ahead of it, no longer.
///
/// ```swift
/// let gate = ReadGate(limit: 2)
/// gate.submit { runTheSearch() }   // starts now, or when an earlier read finishes
/// ```
final class ReadGate: @unchecked Sendable {
    /// How many reads run at once.
    let limit: Int

    private let condition = NSCondition()
    private var waiting: [@Sendable () -> Void] = []
    private var head = 0
    private var threads = 0
    private var idle = 0

    /// The process's gate, one read per active core: every server built in the process reads
    /// through it (its threads are kept for the process's life).
    static let shared = ReadGate()

    /// A gate for `limit` reads at once (at least one): by default one per active core.
    init(limit: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.limit = max(1, limit)
    }

    /// Runs `work` on one of the gate's threads as soon as one is free, after every read
    /// submitted before it has started.
    func submit(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        waiting.append(work)
        // More reads waiting than threads waking for them: one more thread, up to the limit.
        if waiting.count - head > idle, threads < limit {
            threads += 1
            condition.signal()
            condition.unlock()
            // Threads are started as reads first need them and then kept (a server's lifetime).
            if !WorkerThread.start(stackSize: 8 << 20, { self.serve() }) {
                condition.lock()
                threads -= 1
                let alone = threads == 0
                condition.unlock()
                // No thread of its own at all: dispatch's serve the queue, one read at a time.
                if alone { DispatchQueue.global(qos: .userInitiated).async { self.drainOnce() } }
            }
            return
        }
        condition.signal()
        condition.unlock()
    }

    /// Reads submitted and not yet started.
    var queued: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count - head
    }

    /// A thread's loop: the next read in order, or a wait for one.
    private func serve() {
        while true {
            condition.lock()
            while head == waiting.count {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let work = next()
            condition.unlock()
            work()
        }
    }

    /// Runs the first waiting read, if any (the gate has no thread of its own).
    private func drainOnce() {
        condition.lock()
        guard head < waiting.count else { condition.unlock(); return }
        let work = next()
        condition.unlock()
        work()
    }

    /// Takes the first waiting read; the lock is held.
    private func next() -> @Sendable () -> Void {
        let work = waiting[head]
        head += 1
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64, head * 2 > waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
        return work
    }
}
