import Foundation

/// Runs a function over inputs on worker threads and hands the results back in input order,
/// with at most `window` inputs taken and not yet handed back: memory stays bounded by a few
/// files in flight, whatever the number of files.
///
/// One consumer (the index writer) calls ``next()``; ``cancel()`` stops the workers early.
/// Workers are ``WorkerThread``s, which let go of the pipeline (and of what `work` captured)
/// before their threads end. They run ``workerNiceness`` nice levels below the consumer: the
/// writer is a build's slowest step, and a worker that takes its core while it has work only
/// makes it wait longer for the next file (a 100 MB build on two cores: the writer waited
/// 1.9–3.1 s for files at equal priority and 0.9–1.1 s with the workers at nice 5; three
/// interleaved builds each took 17.2–17.7 s before and 14.6–15.2 s after). With no workers
/// (none asked for, or none could be started), ``next()`` does the work itself, at the
/// consumer's priority.
///
/// ```swift
/// let pipeline = ParsePipeline(inputs: files, workers: 2, window: 8) { file in parse(file) }
/// while let result = pipeline.next() { write(result) }
/// ```
final class ParsePipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let inputs: [Input]
    private let window: Int
    private let work: @Sendable (Input) -> Output
    private let condition = NSCondition()
    private var nextToTake = 0
    private var nextToDeliver = 0
    private var results: [Int: Output] = [:]
    private var cancelled = false
    private var workers = 0

    /// How many nice levels the workers run below the thread that made the pipeline.
    static var workerNiceness: Int32 { 5 }

    init(inputs: [Input], workers: Int, window: Int, work: @escaping @Sendable (Input) -> Output) {
        self.inputs = inputs
        self.window = max(1, window)
        self.work = work
        // No workers (asked for none, or none could start): next() does the work itself.
        for _ in 0..<min(max(0, workers), inputs.count) {
            if WorkerThread.start(stackSize: 8 << 20, { [self] in self.runWorker() }) { self.workers += 1 }
        }
    }

    /// The next result in input order, waiting for it; `nil` after the last one.
    func next() -> Output? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToDeliver < inputs.count, !cancelled else { return nil }
        if workers == 0 {
            nextToTake = max(nextToTake, nextToDeliver + 1)
            results[nextToDeliver] = work(inputs[nextToDeliver])
        }
        while results[nextToDeliver] == nil { condition.wait() }
        let result = results.removeValue(forKey: nextToDeliver)
        nextToDeliver += 1
        condition.broadcast()
        return result
    }

    /// Stops handing out inputs; workers finish the one they hold and exit.
    func cancel() {
        condition.lock()
        cancelled = true
        results.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func runWorker() {
        WorkerThread.lowerPriority(by: Self.workerNiceness)
        while true {
            condition.lock()
            while !cancelled, nextToTake < inputs.count, nextToTake >= nextToDeliver + window {
                condition.wait()
            }
            guard !cancelled, nextToTake < inputs.count else {
                condition.unlock()
                return
            }
            let index = nextToTake
            nextToTake += 1
            condition.unlock()

            let output = work(inputs[index])

            condition.lock()
            if !cancelled { results[index] = output }
            condition.broadcast()
            condition.unlock()
        }
    }
}
