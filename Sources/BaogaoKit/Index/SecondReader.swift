import Dispatch
import Foundation
import GRDB
import Synchronization

/// Connections of their own for reading part of a long FTS5 walk on another core while the
/// query's connection reads the rest: a phrase of common bigrams is counted in about half the
/// time on two cores.
///
/// A part is read only where its connection sees the index as the query's does: the same stored
/// ``ReportRanges`` id, which every write of a passage removes in its own transaction and a run
/// stores anew at its end. A query that finds every connection busy, or whose part saw another
/// state of the index, reads that part itself: queries never wait for one another, and every
/// answer is of one state of the index.
///
/// ```swift
/// let later = second.start(sameAs: rangesID) { db in try ids(from: middle, db) }
/// let first = try ids(below: middle, db)
/// let rest = try later?.wait() ?? ids(from: middle, db)
/// ```
public final class SecondReader: Sendable {
    private let url: URL
    private let state: Mutex<Connections>
    /// Passages holding a query's rarest character (per term) past which its walk is halved.
    let halvedPast: Int
    /// The queries reading the index now (``reading(_:)``) or waiting to (``queue(_:)``). A
    /// part starts only while they leave a core free: under a server's load the other core is
    /// another query's, and a halved query only adds work to it (the part's transaction, pages
    /// read into a second page cache) and waits for the share it gets.
    private let queries = Atomic<Int>(0)
    /// How many parts its connections have read and handed back.
    private let parts = Atomic<Int>(0)

    /// The connections opened so far and those not reading now.
    private struct Connections {
        var idle: [Reader] = []
        var opened = 0
        var limit: Int
        var failed = false
    }

    /// For the index at `url`, with at most `limit` connections (one fewer than the machine's
    /// cores by default: the query's own connection reads on one; none on one core).
    init(url: URL, limit: Int = max(0, ProcessInfo.processInfo.activeProcessorCount - 1), halvedPast: Int = 20_000) {
        self.url = url
        self.halvedPast = halvedPast
        state = Mutex(Connections(limit: limit))
    }

    /// A connection and the queue its parts are read on: a serial queue of its own, which
    /// dispatch gives a thread at once. Parts on dispatch's global queues waited up to a second
    /// whenever the queries themselves held all of its threads (a server's reads under load).
    private struct Reader: Sendable {
        let connection: IndexDatabase
        let queue: DispatchQueue
    }

    /// A connection taken for a part: one opened before, or the right to open one.
    private enum Taken: Sendable {
        case reader(Reader)
        case open
    }

    /// A part being read on another connection.
    public final class Part<T: Sendable>: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let outcome = Mutex<T?>(nil)

        fileprivate func finish(_ value: T?) {
            outcome.withLock { $0 = value }
            done.signal()
        }

        /// The part's value once read; nil when its connection saw another state of the index
        /// or could not read it: the caller then reads the part itself.
        public func wait() -> T? {
            done.wait()
            return outcome.withLock { $0 }
        }
    }

    /// How many parts its connections have read and handed back so far (a part a connection
    /// could not read, which the query read itself, is not counted).
    var partsRead: Int { parts.load(ordering: .relaxed) }

    /// How many queries are reading now, or waiting to (``queue(_:)``).
    var queriesReading: Int { queries.load(ordering: .relaxed) }

    /// Counts a read waiting to start (`true`), or no longer waiting (`false`), among the
    /// queries reading: a server's queued reads need the cores as much as those running.
    func queue(_ waiting: Bool) {
        if waiting { queries.add(1, ordering: .relaxed) } else { queries.subtract(1, ordering: .relaxed) }
    }

    /// Runs a query's read (`body`), counted among the queries reading now.
    func reading<T>(_ body: () throws -> T) rethrows -> T {
        queries.add(1, ordering: .relaxed)
        defer { queries.subtract(1, ordering: .relaxed) }
        return try body()
    }

    /// Starts reading `body` on a connection of its own, in a transaction that sees the index
    /// with the stored ranges id `id`. Nil, at once, when every connection is busy or the
    /// queries reading now leave no core free.
    func start<T: Sendable>(sameAs id: String, _ body: @escaping @Sendable (Database) throws -> T) -> Part<T>? {
        let reading = queriesReading
        let taken: Taken? = state.withLock { state in
            guard reading <= state.limit else { return nil }
            if let reader = state.idle.popLast() { return .reader(reader) }
            guard !state.failed, state.opened < state.limit else { return nil }
            state.opened += 1
            return .open
        }
        guard let taken else { return nil }
        let part = Part<T>()
        let queue: DispatchQueue
        switch taken {
        case .reader(let reader): queue = reader.queue
        case .open: queue = DispatchQueue(label: "baogao.second-reader", qos: .userInitiated)
        }
        queue.async { [url] in
            let connection: IndexDatabase
            switch taken {
            case .reader(let reader): connection = reader.connection
            case .open:
                do {
                    connection = try IndexDatabase.connect(url, connections: .single)
                } catch {
                    // Read by the query's own connection from now on.
                    self.state.withLock { $0.failed = true; $0.opened -= 1 }
                    return part.finish(nil)
                }
            }
            // A part this connection cannot read (the index replaced, a lock) is read by the
            // query's own connection, which reports any error it meets itself.
            let value = try? connection.read { db -> T? in
                guard try ReportRanges.storedID(db) == id else { return nil }
                return try body(db)
            }
            self.state.withLock { $0.idle.append(Reader(connection: connection, queue: queue)) }
            if value != nil { self.parts.add(1, ordering: .relaxed) }
            part.finish(value ?? nil)
        }
        return part
    }
}
