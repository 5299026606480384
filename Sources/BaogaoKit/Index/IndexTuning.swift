import GRDB

/// The connection settings that make an index fast to build and to search, applied to every
/// connection of an ``IndexDatabase`` (GRDB already sets WAL and `synchronous = NORMAL`).
///
/// Measured with `baogao-bench`: readers map the file (no copy of every page read through
/// `pread`, which showed in profiles of queries touching the doclists of many terms: a
/// one-character query reads every bigram starting with it) and get a larger page cache.
/// The writer keeps SQLite's defaults: a 64 MB page cache did not speed up building and
/// raised the indexer's peak memory from 36 MB to 146 MB.
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
}
