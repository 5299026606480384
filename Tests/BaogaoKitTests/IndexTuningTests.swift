import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// How connections to an index are set up.
@Suite struct IndexTuningTests {
    // Mapped pages count in a server's resident memory once per connection (190 MB at 1 GB
    // under the load check): readers read through their own page cache instead.
    @Test func readersKeepALargerCacheAndMapNothing() throws {
        let folder = try temporaryFolder()
        try write(["乡村振兴.txt": Data("2023年工作总结\n一、推进乡村振兴\n完成投资500万元。".utf8)], in: folder)
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let (mapped, cache) = try IndexDatabase.open(at: url).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA mmap_size"), try Int.fetchOne(db, sql: "PRAGMA cache_size"))
        }
        #expect(mapped == 0)
        #expect(cache == -IndexTuning.readerCacheKiB)
        #expect(IndexTuning.readerCacheKiB > 2_000)
    }

    // A bulk run's writer keeps the indexes of `passages` in its own cache; a small run and the
    // runs after a bulk one keep SQLite's default.
    @Test func aBulkRunsWriterKeepsALargerCache() throws {
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        let index = try IndexDatabase.openForWriting(at: url, rebuild: false).index
        let caches = try index.write { db -> [Int?] in
            try [IndexTuning.Merging.bulk, .incremental].map { merging in
                try IndexTuning.setMerging(merging, db)
                return try Int.fetchOne(db, sql: "PRAGMA cache_size")
            }
        }
        #expect(caches == [-IndexTuning.bulkWriterCacheKiB, -IndexTuning.defaultCacheKiB])
        #expect(IndexTuning.bulkWriterCacheKiB > IndexTuning.defaultCacheKiB)
    }
}
