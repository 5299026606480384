import Foundation
import GRDB

/// The FTS5 index of a build, written on a thread of its own into a scratch file beside the
/// index (`INDEX-fts`) while the writer stores everything else, and copied into the index at
/// each of the writer's commits (``FTS5Copy``).
///
/// FTS5's insert — our tokenizer's callbacks into its hash of pending terms, then its segments
/// — was two thirds of a build's writing, on one core while parsing left the other mostly idle.
/// Here it runs beside the writer: the writer hands over each passage's id and text
/// (``add(_:_:)``), and before it commits, ``copy(into:)`` waits for the thread to have
/// committed what it was given and copies the segments written since into the index, in the
/// writer's transaction. The index then holds exactly the passages' FTS5 rows at every commit:
/// readers, a killed run and a full disk see what they saw before. The scratch file holds nothing
/// the index needs: a run removes it when it ends, and the next writer removes one a killed run
/// left (``removeLeftovers(forIndex:)``).
///
/// At the end, ``finish(into:)`` removes the scratch file and merges the index's segments into
/// one, in committed steps, as any bulk run does
/// (``IndexTuning/finishWriting(_:changed:_:stepPages:progress:)``).
///
/// ```swift
/// let fts = try FTSBuildThread(forIndex: url)
/// defer { fts.close() }
/// try fts.add(id, text)               // for each passage written
/// try fts.copy(into: db)              // before each commit
/// try fts.finish(into: index)         // after the last one
/// ```
final class FTSBuildThread: @unchecked Sendable {
    /// The scratch file of the index at `index`.
    static func url(forIndex index: URL) -> URL {
        URL(fileURLWithPath: index.path + "-fts")
    }

    /// Removes the scratch file (and its journal) a run left beside the index at `index`.
    static func removeLeftovers(forIndex index: URL) {
        let path = url(forIndex: index).path
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Text handed over and not yet taken by the thread, at most: the writer waits beyond it.
    static let pendingBytesLimit = 4 << 20

    private let index: URL
    private let scratch: DatabaseQueue
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [(id: Int64, text: String)] = []
    private var pendingBytes = 0
    private var commitsAsked = 0
    private var commitsDone = 0
    private var stopping = false
    private var running = false
    private var failure: (any Error)?

    /// Creates the scratch file (replacing any left) with an empty `passages_fts` under the
    /// settings of a bulk run, and starts the thread.
    init(forIndex index: URL) throws(BaogaoError) {
        self.index = index
        Self.removeLeftovers(forIndex: index)
        let url = Self.url(forIndex: index)
        var config = Configuration()
        config.prepareDatabase { db in db.add(tokenizer: BaogaoFTS5Tokenizer.self) }
        // The thread's transaction spans many batches, each one access of the queue.
        config.allowsUnsafeTransactions = true
        do {
            scratch = try DatabaseQueue(path: url.path, configuration: config)
            try scratch.writeWithoutTransaction { db in
                // Nothing here outlives the run: no journal, no syncs.
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: IndexSchema.passagesFTSTable)
                try IndexTuning.setMerging(.bulk, db)
                // It appends segments and reads them back only to merge: SQLite's default cache
                // built as fast as the writer's 32 MB (1 GB, interleaved) and 30 MB smaller.
                try db.execute(sql: "PRAGMA cache_size = -\(IndexTuning.defaultCacheKiB)")
            }
        } catch {
            Self.removeLeftovers(forIndex: index)
            throw IndexDatabase.describe(error, url: index)
        }
        running = true
        guard WorkerThread.start(stackSize: 4 << 20, { [self] in run() }) else {
            running = false
            close()
            throw BaogaoError("cannot start a thread to index \(index.path)")
        }
    }

    /// Hands over a passage just written; waits while the thread is far behind. Throws what
    /// stopped the thread, if anything did.
    func add(_ id: Int64, _ text: String) throws {
        condition.lock()
        defer { condition.unlock() }
        while pendingBytes >= Self.pendingBytesLimit, failure == nil, running { condition.wait() }
        if let failure { throw failure }
        pending.append((id, text))
        pendingBytes += text.utf8.count + 16
        if pending.count == 1 { condition.broadcast() }
    }

    /// Waits until the thread has committed every passage handed over, then copies what its
    /// index gained into the index's transaction on `db`.
    func copy(into db: Database) throws {
        try waitForCommit()
        _ = try scratch.inDatabase { source in try FTS5Copy.update(db, from: source) }
    }

    /// Ends the build once the writer's last commit has copied everything: stops the thread,
    /// removes the scratch file, and merges the index's segments into one in committed steps,
    /// as a bulk run does (``IndexTuning/finishWriting(_:changed:_:stepPages:progress:)``).
    ///
    /// The merge goes through a connection of its own: FTS5 on the writer's connection keeps
    /// the structure it read last (before the copies) and reads it again only when another
    /// connection has committed.
    func finish(into target: IndexDatabase, stepPages: Int = IndexTuning.mergeStepPages,
                progress: ((IndexProgress.Merge) -> Void)? = nil) throws(BaogaoError) {
        do {
            try waitForCommit()
        } catch let error as BaogaoError {
            throw error
        } catch {
            throw IndexDatabase.describe(error, url: index)
        }
        close()
        let merging = try IndexDatabase.connect(target.url)
        do {
            try merging.write { db in try IndexTuning.setWriterCache(.bulk, db) }
            try IndexTuning.finishWriting(.bulk, changed: true, merging, stepPages: stepPages, progress: progress)
        } catch {
            try? merging.close()
            throw error
        }
        try merging.close()
    }

    /// Stops the thread (what it was given and did not commit is dropped) and removes the
    /// scratch file.
    func close() {
        stop()
        try? scratch.close()
        Self.removeLeftovers(forIndex: index)
    }

    private func waitForCommit() throws {
        condition.lock()
        defer { condition.unlock() }
        commitsAsked += 1
        let asked = commitsAsked
        condition.broadcast()
        while commitsDone < asked, failure == nil, running { condition.wait() }
        if let failure { throw failure }
    }

    private func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// The thread: takes what was handed over, inserts it, commits when asked, until stopped.
    private func run() {
        var sinceLiftCheck = 0
        var lifted = false
        while true {
            condition.lock()
            while pending.isEmpty, commitsDone == commitsAsked, !stopping { condition.wait() }
            if stopping {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = pending
            pending = []
            pendingBytes = 0
            let (asked, done) = (commitsAsked, commitsDone)
            condition.broadcast()
            condition.unlock()
            do {
                try scratch.writeWithoutTransaction { db in
                    if !batch.isEmpty {
                        if !db.isInsideTransaction { try db.beginTransaction() }
                        let insert = try db.cachedStatement(sql: "INSERT INTO passages_fts(rowid, text) VALUES (?, ?)")
                        for passage in batch {
                            try insert.execute(arguments: [passage.id, passage.text])
                            sinceLiftCheck += passage.text.utf8.count
                        }
                        if !lifted, sinceLiftCheck >= IndexTuning.liftCheckBytes {
                            sinceLiftCheck = 0
                            lifted = try IndexTuning.lift(db)
                        }
                    }
                    if asked > done, db.isInsideTransaction { try db.commit() }
                }
                condition.lock()
                commitsDone = asked
                condition.broadcast()
                condition.unlock()
            } catch {
                condition.lock()
                failure = error
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
