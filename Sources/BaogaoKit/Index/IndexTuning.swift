import GRDB

/// The settings that make an index fast to build and to search, measured with `baogao-bench`
/// (GRDB already sets WAL and `synchronous = NORMAL`).
///
/// - Readers map the file (no copy of every page read through `pread`, which showed in
///   profiles of queries touching the doclists of many terms: a one-character query reads
///   every bigram starting with it) and get a larger page cache.
/// - The writer keeps SQLite's page cache: 64 MB did not speed up building and raised the
///   indexer's peak memory from 36 MB to 146 MB.
/// - FTS5 merges more segments at a time while building and merges everything into one
///   segment after a large run.
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

    /// FTS5 merges this many segments of a level at a time (its default is 4). Every written
    /// transaction adds a segment; merging 4 at a time rewrote the index over and over and
    /// took most of a build (a trigram build of 1,200 laws: 18.1 s at 4, 10.9 s at 8).
    static let ftsAutomerge = 8

    /// A run that wrote at least this share of the index's files merges the FTS5 index into
    /// one segment when it ends: a few seconds for a whole build, and every term is then one
    /// lookup instead of one per segment.
    static let optimizeShare = 0.25

    /// Sets FTS5's options on a new index (kept in the index's `passages_fts_config`).
    static func configureFTS(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES ('automerge', \(ftsAutomerge))")
    }

    /// Merges the FTS5 index into one segment when `written` files of `total` make it worth it.
    static func finishWriting(written: Int, total: Int, _ db: Database) throws {
        guard written > 0, Double(written) >= Double(total) * optimizeShare else { return }
        try db.execute(sql: "INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
    }
}
