import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A command that searches once opens one read-only connection. It must still see what a
/// writer killed after committing left only in the write-ahead log, with no shared-memory
/// file beside it.
struct SingleConnectionTests {
    @Test func aLogLeftByAKilledWriterIsSearched() throws {
        let folder = try temporaryFolder()
        let reports = folder.appendingPathComponent("reports")
        try write(["第一县.txt": Data("第一县2024年工作报告\n推进乡村振兴，建设美丽乡村。".utf8)], in: reports)
        let original = folder.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: reports, into: original)

        // A writer commits a change and stays open, so the change is only in the log; the
        // copy is what the writer leaves when killed, less its shared-memory file.
        let writer = try DatabaseQueue(path: original.path)
        try writer.write { db in
            try db.execute(sql: "UPDATE reports SET title = '改过的标题'")
        }
        let killed = folder.appendingPathComponent("killed.sqlite")
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: original.path + suffix, toPath: killed.path + suffix)
        }
        try writer.close()
        let logSize = try FileManager.default.attributesOfItem(atPath: killed.path + "-wal")[.size] as? Int
        #expect((logSize ?? 0) > 0)
        #expect(!FileManager.default.fileExists(atPath: killed.path + "-shm"))

        let index = try IndexDatabase.open(at: killed, connections: .single)
        let hits = try Searcher(index: index).search(try SearchQuery(parsing: "乡村振兴")).hits
        #expect(hits.map(\.title) == ["改过的标题"])
    }
}
