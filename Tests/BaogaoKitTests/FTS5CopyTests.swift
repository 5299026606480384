import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Copying one database's FTS5 index into another's: only what the target lacks, and after
/// each copy the target's index is FTS5's own over its passages.
@Suite struct FTS5CopyTests {
    /// A database with `passages` and its `passages_fts`, as an index holds them.
    static func database() throws -> DatabaseQueue {
        let queue = try connection(to: try temporaryFolder().appendingPathComponent("fts.sqlite").path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE passages (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            try db.execute(sql: IndexSchema.passagesFTSTable)
        }
        return queue
    }

    static func connection(to path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.prepareDatabase { db in db.add(tokenizer: BaogaoFTS5Tokenizer.self) }
        return try DatabaseQueue(path: path, configuration: config)
    }

    static func passage(_ id: Int, _ theme: String) -> String {
        "第\(id)段：推进\(theme)，完成第\(id % 7)项任务。"
    }

    /// Adds passages to `passages` of both, and to the FTS5 index of `source` only (one
    /// transaction: one segment).
    static func add(_ ids: ClosedRange<Int>, theme: String = "乡村振兴", to source: DatabaseQueue, and target: DatabaseQueue) throws {
        for (queue, indexed) in [(source, true), (target, false)] {
            try queue.write { db in
                for id in ids {
                    let text = passage(id, theme)
                    try db.execute(sql: "INSERT INTO passages(id, text) VALUES (?, ?)", arguments: [id, text])
                    if indexed { try db.execute(sql: "INSERT INTO passages_fts(rowid, text) VALUES (?, ?)", arguments: [id, text]) }
                }
            }
        }
    }

    static func copy(_ source: DatabaseQueue, into target: DatabaseQueue) throws -> FTS5Copy.Copied {
        try target.write { db in try source.read { try FTS5Copy.update(db, from: $0) } }
    }

    /// Every row of the four shadow tables.
    static func rows(_ queue: DatabaseQueue) throws -> [[Row]] {
        try queue.read { db in
            try ["SELECT id, block FROM passages_fts_data ORDER BY id", "SELECT * FROM passages_fts_idx ORDER BY segid, term",
                 "SELECT id, sz FROM passages_fts_docsize ORDER BY id", "SELECT k, v FROM passages_fts_config ORDER BY k"]
                .map { try Row.fetchAll(db, sql: $0) }
        }
    }

    /// FTS5's integrity check of `queue`'s index against its passages, on a connection of its
    /// own (the copy's connection keeps the structure FTS5 read before it); nil when it passes.
    static func integrityProblem(_ queue: DatabaseQueue) -> String? {
        do {
            try connection(to: queue.path).write { db in try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES ('integrity-check', 1)") }
            return nil
        } catch {
            return "\(error)"
        }
    }

    static func count(_ phrase: String, in queue: DatabaseQueue) throws -> Int {
        try connection(to: queue.path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", arguments: ["\"\(phrase)\""]) ?? 0
        }
    }

    @Test func eachUpdateCopiesWhatTheTargetLacksAndDeletesWhatTheSourceMerged() throws {
        let (source, target) = (try Self.database(), try Self.database())
        try Self.add(1...200, to: source, and: target)
        try Self.add(201...400, theme: "营商环境", to: source, and: target)
        var copied = try Self.copy(source, into: target)
        #expect(copied.segmentsCopied == 2 && copied.segmentsDeleted == 0)
        #expect(copied.lengths == 400)
        #expect(try Self.rows(target) == Self.rows(source))
        #expect(Self.integrityProblem(target) == nil)
        #expect(try Self.count("乡村振兴", in: target) == 200)

        // Nothing new: nothing copied but the two records.
        copied = try Self.copy(source, into: target)
        #expect(copied == FTS5Copy.Copied(segmentsCopied: 0, segmentsDeleted: 0, dataRows: 2, lengths: 0))

        // A third segment: only it, and the lengths of its passages.
        try Self.add(401...450, theme: "数字政府", to: source, and: target)
        copied = try Self.copy(source, into: target)
        #expect(copied.segmentsCopied == 1 && copied.segmentsDeleted == 0 && copied.lengths == 50)
        #expect(try Self.rows(target) == Self.rows(source))
        #expect(Self.integrityProblem(target) == nil)

        // Merged into one: the three go, the merged one comes.
        try source.write { db in try db.execute(sql: "INSERT INTO passages_fts(passages_fts) VALUES ('optimize')") }
        copied = try Self.copy(source, into: target)
        #expect(copied.segmentsCopied == 1 && copied.segmentsDeleted == 3)
        #expect(try Self.rows(target) == Self.rows(source))
        #expect(Self.integrityProblem(target) == nil)
        #expect(try Self.count("数字政府", in: target) == 50)
        #expect(try Self.count("营商环境", in: target) == 200)
    }

    // A segment written again under the id and pages of the one the target holds (FTS5 reuses
    // the ids of merged segments) is told apart by its last leaf, and copied.
    @Test func aSegmentRewrittenUnderTheSameIDAndPagesIsCopiedAgain() throws {
        let (source, target) = (try Self.database(), try Self.database())
        try Self.add(1...3, to: source, and: target)
        #expect(try Self.copy(source, into: target).segmentsCopied == 1)
        let before = try source.read { db in try #require(FTS5Structure.read(db)).segments }

        // The same passages' ids, other words of the same length.
        try source.write { db in
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts) VALUES ('delete-all')")
            try db.execute(sql: "DELETE FROM passages")
        }
        try target.write { db in try db.execute(sql: "DELETE FROM passages") }
        try Self.add(1...3, theme: "营商环境", to: source, and: target)
        let after = try source.read { db in try #require(FTS5Structure.read(db)).segments }
        #expect(after == before)

        let copied = try Self.copy(source, into: target)
        #expect(copied.segmentsCopied == 1 && copied.segmentsDeleted == 1)
        #expect(try Self.rows(target)[0] == Self.rows(source)[0])
        #expect(Self.integrityProblem(target) == nil)
        #expect(try Self.count("营商环境", in: target) == 3)
        #expect(try Self.count("乡村振兴", in: target) == 0)
    }
}
