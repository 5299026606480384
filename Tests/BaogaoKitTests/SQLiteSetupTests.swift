import Foundation
import GRDBSQLite
import Testing
@testable import BaogaoKit

/// SQLite's process-wide settings (``SQLiteSetup``) hold in a process whose first connection
/// is an index's: its memory statistics are off (two connections reading one query's halves
/// waited on their mutex). Run in a process of its own: SQLite takes the setting only before
/// any connection opens.
struct SQLiteSetupTests {
    @Test func anIndexTurnsSQLitesMemoryStatisticsOff() async {
        await #expect(processExitsWith: .success) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("setup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("第一条　为了推进乡村振兴，制定本条例。".utf8).write(to: folder.appendingPathComponent("a.txt"))
            _ = try Indexer.index(folder: folder, into: folder.appendingPathComponent("index.sqlite"))
            let index = try IndexDatabase.open(at: folder.appendingPathComponent("index.sqlite"))
            let found = try Searcher(index: index).search(try SearchQuery(parsing: "乡村振兴"), limit: 10).totalHits
            var current: sqlite3_int64 = 0
            var highest: sqlite3_int64 = 0
            guard sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highest, 0) == SQLITE_OK else { exit(2) }
            // Counted, SQLite would hold its caches and statements here: hundreds of kilobytes.
            // exit() runs no defer: the folder goes first.
            try? FileManager.default.removeItem(at: folder)
            exit(SQLiteSetup.result == SQLITE_OK && current == 0 && found == 1 ? 0 : 1)
        }
    }
}
