import GRDB

/// The connection settings that make an index fast to build and to search, applied to every
/// connection of an ``IndexDatabase`` (GRDB already sets WAL and `synchronous = NORMAL`).
///
/// Measured with `baogao-bench`: the writer spends its time in FTS5 segment merges, which
/// re-read the segments they merge, so it gets a larger page cache; readers map the file
/// (no copy of every page read through `pread`), which matters for queries touching the
/// doclists of many terms (a one-character query reads every bigram starting with it).
enum IndexTuning {
    /// Page cache of the writer, in KiB (SQLite's default is 2 MB).
    static let writerCacheKiB = 65_536
    /// Page cache of each reader, in KiB.
    static let readerCacheKiB = 16_384
    /// How much of the file readers map into memory.
    static let readerMmapBytes = 1 << 30

    static func apply(to db: Database) throws {
        if db.configuration.readonly {
            try db.execute(sql: "PRAGMA cache_size = -\(readerCacheKiB)")
            try db.execute(sql: "PRAGMA mmap_size = \(readerMmapBytes)")
        } else {
            try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKiB)")
        }
    }
}
