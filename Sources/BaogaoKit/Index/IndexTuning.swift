import GRDB

/// The settings that make an index fast to build and to search, measured with `baogao-bench`
/// (GRDB already sets WAL and `synchronous = NORMAL`).
///
/// - Readers map the file (no copy of every page read through `pread`, which showed in
///   profiles of queries touching the doclists of many terms: a one-character query reads
///   every bigram starting with it) and get a larger page cache.
/// - The writer keeps SQLite's page cache: 64 MB did not speed up building and raised the
///   indexer's peak memory from 36 MB to 146 MB.
/// - How FTS5 merges its segments depends on how much a run writes (``Merging``).
enum IndexTuning {
    /// Page cache of each reader, in KiB (SQLite's default is 2 MB).
    static let readerCacheKiB = 16_384
    /// How much of the file readers may map into memory.
    static let readerMmapBytes = 256 << 20

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
        /// A build, or an update of a large share of the files: no merging while writing, 8 MB
        /// of pending terms, and one merge of everything into a single segment at the end, so
        /// that every term is then one lookup. Merging as it goes took a third of a 100 MB
        /// build; the end's merge takes a few seconds. Crisis merges only past 1,000 segments
        /// (FTS5 allows 2,000): at 64, a 1 GB build, writing a segment per 8 MB of pending terms,
        /// merged its early segments once before the final merge. (Not measured apart: the 1 GB
        /// rate stayed at 60% of the 100 MB rate with this change; see the README.)
        case bulk

        /// The share of an index's files a run must write to be ``bulk``.
        static let bulkShare = 0.25

        /// How a run that writes `writing` files of the `total` in the folder merges.
        init(writing: Int, of total: Int) {
            self = writing > 0 && Double(writing) >= Double(total) * Self.bulkShare ? .bulk : .incremental
        }

        var settings: [(name: String, value: Int)] {
            switch self {
            case .incremental: [("automerge", 8), ("crisismerge", 16), ("hashsize", 1 << 20)]
            case .bulk: [("automerge", 0), ("crisismerge", 1_000), ("hashsize", 8 << 20)]
            }
        }
    }

    /// Sets how FTS5 merges from now on (inside the run's first transaction).
    static func setMerging(_ merging: Merging, _ db: Database) throws {
        for setting in merging.settings {
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES (?, ?)",
                           arguments: [setting.name, setting.value])
        }
    }

    /// Ends a run: after a ``Merging/bulk`` one, merges the FTS5 index into one segment when
    /// the run `changed` it, and leaves the ``Merging/incremental`` settings for the next runs.
    static func finishWriting(_ merging: Merging, changed: Bool, _ db: Database) throws {
        guard merging == .bulk else { return }
        if changed {
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
        }
        try setMerging(.incremental, db)
    }
}
