import Foundation
import GRDB

/// The settings that make an index fast to build and to search, measured with `baogao-bench`
/// (GRDB already sets WAL and `synchronous = NORMAL`).
///
/// - Readers get a larger page cache and read the file through it, not mapped into memory.
///   Mapped pages (256 MB of the file per connection, before) count in the server's resident
///   memory, once per connection that touched them: 190 MB of them at 1 GB under the load
///   check, against 40 MB (the binary's) without, and the queries took as long either way at
///   100 MB and at 1 GB (`baogao-bench time`, CPU seconds of the same queries).
/// - The writer keeps SQLite's page cache (2 MB) for small runs; a ``Merging/bulk`` run gets
///   ``bulkWriterCacheKiB``: at 1 GB the indexes of `passages` outgrow 2 MB, and every page
///   written back and read again went through the kernel (two 1 GB builds each, interleaved:
///   197–234 s with 31–34 s of system time at 2 MB, 173–202 s and 18–21 s at 32 MB; peak
///   memory 83 → 117 MB). At 100 MB it made no difference.
/// - How FTS5 merges its segments depends on how much a run writes (``Merging``).
enum IndexTuning {
    /// Page cache of each reader, in KiB.
    static let readerCacheKiB = 16_384
    /// SQLite's default page cache, in KiB.
    static let defaultCacheKiB = 2_000
    /// How much of the file readers may map into memory: none.
    static let readerMmapBytes = 0
    /// Page cache of the writer in a bulk run, in KiB.
    static let bulkWriterCacheKiB = 32_768

    static func apply(to db: Database) throws {
        guard db.configuration.readonly else { return }
        try db.execute(sql: "PRAGMA cache_size = -\(readerCacheKiB)")
        try db.execute(sql: "PRAGMA mmap_size = \(readerMmapBytes)")
    }

    /// How FTS5 keeps its index in few segments while a run writes. FTS5 writes its pending
    /// terms as a new segment whenever they outgrow `hashsize` or a transaction commits, and
    /// merges segments as `automerge` and `crisismerge` say (kept in `passages_fts_config`).
    enum Merging: Equatable, Sendable {
        /// A few files: after every segment written FTS5 merges a little, 8 segments of a
        /// level at a time (its default, 4, rewrote the index over and over: a trigram
        /// build of 1,200 laws took 18.1 s at 4 and 10.9 s at 8). Pending terms: 1 MB. The run
        /// ends with ``IndexTuning/tidy(_:stepPages:budgetPages:)``, which merges levels of 4
        /// segments (`usermerge`).
        case incremental
        /// A build, or an update of a large share of the files: no merging while writing, 16 MB
        /// of pending terms, and one merge of everything into a single segment at the end, so
        /// that every term is then one lookup (merging as it goes took a third of a 100 MB
        /// build). FTS5 writes a segment per commit and per 16 MB of pending terms (~8 MB of
        /// text), so a bulk run commits every 64 MB of files or 10 seconds (a killed build
        /// loses at most those 10 seconds; a commit a second was 4,000 segments at 10 GB). A
        /// level of ``bulkCrisisMerge`` segments is merged on the way, in the transaction that
        /// reached it: at 1,000 a 10 GB build merged 7.9 GB of text in one transaction and its
        /// WAL grew to 17.7 GB; at 256 a 1 GB build (about 125 segments) never gets there, and
        /// a larger one merges every ~2 GB of text, each transaction bounded by that (at 10 GB
        /// five such merges, the WAL at most 4.65 GB). At 64 a 1 GB build merged its early
        /// segments once before the final merge.
        case bulk

        /// The segments of a level that make a bulk run merge them (FTS5 allows 2,000 in all).
        static let bulkCrisisMerge = 256

        /// The share of an index's files a run must write to be ``bulk``.
        static let bulkShare = 0.25

        /// How a run that writes `writing` files of the `total` in the folder merges.
        init(writing: Int, of total: Int) {
            self = writing > 0 && Double(writing) >= Double(total) * Self.bulkShare ? .bulk : .incremental
        }

        var settings: [(name: String, value: Int)] {
            switch self {
            case .incremental: [("automerge", 8), ("crisismerge", 16), ("hashsize", 1 << 20), ("usermerge", 4)]
            case .bulk: [("automerge", 0), ("crisismerge", Self.bulkCrisisMerge), ("hashsize", 16 << 20)]
            }
        }

        /// A run's transaction is committed once it holds this many bytes of files…
        var commitBytes: Int64 { self == .bulk ? 64 << 20 : 16 << 20 }
        /// …or has been open this long: readers of an index being updated see each file
        /// soon after it is read; a build's readers can wait.
        var commitInterval: TimeInterval { self == .bulk ? 10 : 1 }
    }

    /// Sets how FTS5 merges from now on (inside the run's first transaction), and the
    /// writer's page cache for the run.
    static func setMerging(_ merging: Merging, _ db: Database) throws {
        try setWriterCache(merging, db)
        for setting in merging.settings {
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES (?, ?)",
                           arguments: [setting.name, setting.value])
        }
    }

    /// Sets the writer's page cache for a run that merges as `merging` says (a run whose FTS5
    /// index an ``FTSBuildThread`` writes sets only this on the index).
    static func setWriterCache(_ merging: Merging, _ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(merging == .bulk ? bulkWriterCacheKiB : defaultCacheKiB)")
    }

    /// Pages written by one step of the final merge, each step in its own transaction: 64 MB
    /// of 4 KB pages.
    static let mergeStepPages = 16_384

    /// Ends a run: after a ``Merging/bulk`` one, merges the FTS5 index into one segment when
    /// the run `changed` it, and leaves the ``Merging/incremental`` settings for the next runs.
    ///
    /// The merge goes in steps (FTS5's `merge` with a negative page count: the work of
    /// `optimize`, resumed by the next step), each committed: one `optimize` is one
    /// transaction as large as the FTS5 index, all of it in the WAL before a checkpoint can
    /// start, and SQLite looks up every page it reads among the WAL's frames (at 10 GB a
    /// 6 GB WAL, and lookups a large share of the time). A run stopped between steps leaves
    /// a sound index of a few segments, which later runs keep merging.
    ///
    /// `progress` hears of the merge before its first step and after each one (`stepPages`
    /// pages each, ``mergeStepPages`` unless tests make them few).
    static func finishWriting(_ merging: Merging, changed: Bool, _ index: IndexDatabase,
                              stepPages: Int = mergeStepPages,
                              progress: ((IndexProgress.Merge) -> Void)? = nil) throws(BaogaoError) {
        guard merging == .bulk else {
            if changed { try tidy(index) }
            return
        }
        if changed {
            let started = Date()
            let total = try index.read { db in
                FTS5Structure.read(db)?.segments.reduce(0) { $0 + Int($1.lastPage - $1.firstPage + 1) } ?? 0
            }
            var report = IndexProgress.Merge(pagesWritten: 0, pagesTotal: total, elapsed: 0)
            func tell(_ written: Int) {
                report.pagesWritten = min(total, written)
                report.elapsed = Date().timeIntervalSince(started)
                progress?(report)
            }
            tell(0)
            // Step after step, until one finds nothing left to merge.
            while try index.write({ db in try merge(pages: -stepPages, db) }) { tell(report.pagesWritten + stepPages) }
            if report.pagesWritten < total { tell(total) }
        }
        try index.write { db in try setMerging(.incremental, db) }
    }

    /// One step of FTS5's `merge`: about `pages` pages written, of levels of `usermerge`
    /// segments or a merge under way when positive, of everything (`optimize`'s work, resumed
    /// by the next step) when negative. True when it did any work (FTS5's own test).
    static func merge(pages: Int, _ db: Database) throws -> Bool {
        let before = db.totalChangesCount
        try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', ?)", arguments: [pages])
        return db.totalChangesCount - before >= 2
    }

    /// Bytes of files a bulk run writes between two looks at ``lift(_:)``.
    static let liftCheckBytes: Int64 = 4 << 20

    /// Puts the segment a bulk run ends in a few levels above the one later updates' merges
    /// write to: once FTS5 has written two segments of a run that has them all on level 0,
    /// they are merged now (a few MB of text) to level 1, so that the final merge, finding
    /// two levels, moves every segment above them and writes the one it makes at level 3.
    /// The merges of ``tidy(_:stepPages:budgetPages:)`` then fill levels 1 and 2 before they
    /// reach it: without this a build's segment sits on level 1 and the first few updates'
    /// merges start rewriting it (at 1 GB over 60 runs, their own new segments piling up on its
    /// level meanwhile). True when nothing is left to do: lifted now, or the index already held
    /// segments above level 0 (the final merge then lifts by itself).
    static func lift(_ db: Database) throws -> Bool {
        guard let levels = FTS5Structure.read(db)?.levels else { return true }
        if levels.dropFirst().contains(where: { !$0.segmentPages.isEmpty }) { return true }
        guard let first = levels.first, first.segmentPages.count >= 2 else { return false }
        _ = try merge(pages: -Int(Int32.max), db)
        return true
    }

    /// Pages written by one step of ``tidy(_:stepPages:budgetPages:)``, each step in its own
    /// transaction: 4 MB of 4 KB pages.
    static let tidyStepPages = 1_024
    /// Pages ``tidy(_:stepPages:budgetPages:)`` may write in any run: 0.3–0.5 s of merging
    /// at 1 GB on the development machine.
    static let tidyBudgetPages = 4_096
    /// A merge under way gets at least this share of the pages it has left to read per run,
    /// so that it ends within about as many runs at any size: past 1 GB, where a merge of the
    /// build's segment would take more runs at ``tidyBudgetPages`` (at 10 GB about 10,000
    /// pages a run, some 0.9 s). With that segment on level 3 (``lift(_:)``) a new segment
    /// reaches its level about once in 50 updates, so few gather there while it merges.
    static let tidyRunsPerMerge = 256

    /// The pages a run's ``tidy(_:stepPages:budgetPages:)`` writes at most, when a merge under
    /// way has `mergingPages` left to read (0: none).
    static func tidyBudget(mergingPages: Int) -> Int {
        max(tidyBudgetPages, mergingPages / tidyRunsPerMerge)
    }

    /// Merges what small runs left, a bounded amount per run: FTS5's `merge` with a positive
    /// page count, in steps of `stepPages` each committed, until a step finds no level of
    /// `usermerge` (4) segments and no merge to resume, or `budgetPages` are written (by
    /// default ``tidyBudgetPages``, or a 256th of what a merge under way has left). True when
    /// the budget ran out first.
    ///
    /// FTS5 by itself merges after every 64 leaves written, then about a page per leaf, and
    /// an update of one report writes a few leaves; once a merge reads a build's segment, its
    /// level merges nothing else until that merge ends, and at that pace it never does: on the
    /// 100 MB index, 200 updates of one report each left 42 segments, and every query opens
    /// each one (two terms' median 1.0 → 5.0 ms). Tidied, each level keeps fewer than 4, and
    /// the large segment is rewritten with the rest when its level fills, more rarely each
    /// time (each such merge writes it a level up): through the same 200 updates after a
    /// lifted build (``lift(_:)``), 4 to 8 segments at every 25th, the large one rewritten
    /// once, over 6 runs of 0.3–0.8 s; the other runs took 0.04–0.2 s, and all 200 no longer
    /// than with FTS5 alone (12.7 s and 13.0 s).
    ///
    /// ```swift
    /// try IndexTuning.tidy(index)   // false: nothing left to merge
    /// ```
    @discardableResult
    static func tidy(_ index: IndexDatabase, stepPages: Int = tidyStepPages,
                     budgetPages: Int? = nil) throws(BaogaoError) -> Bool {
        var budget = tidyBudgetPages
        if let budgetPages {
            budget = budgetPages
        } else if let under = try index.read({ db in FTS5Structure.read(db)?.mergingPages }) {
            budget = tidyBudget(mergingPages: under)
        }
        var written = 0
        while written < budget {
            let pages = min(stepPages, budget - written)
            guard try index.write({ db in try merge(pages: pages, db) }) else { return false }
            written += pages
        }
        return true
    }
}
