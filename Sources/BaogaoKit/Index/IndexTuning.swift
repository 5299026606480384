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
        /// build of 1,200 laws took 18.1 s at 4 and 10.9 s at 8). Pending terms: 1 MB.
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
            case .incremental: [("automerge", 8), ("crisismerge", 16), ("hashsize", 1 << 20)]
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
        try db.execute(sql: "PRAGMA cache_size = -\(merging == .bulk ? bulkWriterCacheKiB : defaultCacheKiB)")
        for setting in merging.settings {
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES (?, ?)",
                           arguments: [setting.name, setting.value])
        }
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
    static func finishWriting(_ merging: Merging, changed: Bool, _ index: IndexDatabase) throws(BaogaoError) {
        guard merging == .bulk else { return }
        while changed {
            let merged = try index.write { db -> Bool in
                let before = db.totalChangesCount
                try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', ?)",
                               arguments: [-mergeStepPages])
                // FTS5's own test of whether a merge step did any work.
                return db.totalChangesCount - before >= 2
            }
            if !merged { break }
        }
        try index.write { db in try setMerging(.incremental, db) }
    }
}
