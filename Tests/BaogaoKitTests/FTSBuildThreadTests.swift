import Foundation
import GRDB
import Synchronization
import Testing
@testable import BaogaoKit

/// A build whose FTS5 index is written on a thread of its own: the same index as the writer
/// builds, copied at every commit, and no scratch file left behind.
@Suite struct FTSBuildThreadTests {
    /// Every token of the FTS5 index, with its passage and position (FTS5's own `fts5vocab`).
    static func instances(_ url: URL) throws -> [Row] {
        try IndexDatabase.open(at: url).write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.instances USING fts5vocab(main, 'passages_fts', 'instance')")
            return try Row.fetchAll(db, sql: "SELECT term, doc, col, offset FROM temp.instances ORDER BY term, doc, offset")
        }
    }

    /// The passages' lengths and FTS5's totals (bm25's averages).
    static func lengthsAndTotals(_ url: URL) throws -> [Row] {
        try IndexDatabase.open(at: url).read { db in
            try Row.fetchAll(db, sql: "SELECT id, sz FROM passages_fts_docsize ORDER BY id")
                + Row.fetchAll(db, sql: "SELECT id, block FROM passages_fts_data WHERE id = 1")
        }
    }

    /// Builds `folder` into `url`; whether the scratch file was there while files were written.
    static func build(_ folder: URL, into url: URL, workers: Int, commitBytes: Int64? = nil,
                      check: (@Sendable () -> Void)? = nil) throws -> (summary: IndexSummary, scratchSeen: Bool) {
        let seen = Mutex(false)
        var options = IndexOptions(workers: workers)
        options.commitBytes = commitBytes
        options.progress = { progress in
            // After each file written (and committed, when it was).
            guard !progress.isFinished, progress.merge == nil, progress.filesDone > 0 else { return }
            if FileManager.default.fileExists(atPath: FTSBuildThread.url(forIndex: url).path) {
                seen.withLock { $0 = true }
            }
            check?()
        }
        let summary = try Indexer.index(folder: folder, into: url, options: options)
        return (summary, seen.withLock { $0 })
    }

    static let queries = ["乡村振兴", "\"第7区推进乡村振兴第3项任务\"", "投资 万元", "工作总结"]

    @Test func aBuildOnItsOwnThreadHoldsWhatTheWritersBuildHolds() throws {
        let (folder, _) = try FTSWritingTests.districts(1...12, passages: 40)
        let root = try temporaryFolder()
        let (plain, threaded) = (root.appendingPathComponent("plain.sqlite"), root.appendingPathComponent("threaded.sqlite"))

        let one = try Self.build(folder, into: plain, workers: 1)
        let two = try Self.build(folder, into: threaded, workers: 2)
        #expect(!one.scratchSeen)
        #expect(two.scratchSeen)
        #expect(two.summary.passages == one.summary.passages)
        #expect(!FileManager.default.fileExists(atPath: FTSBuildThread.url(forIndex: threaded).path))

        // Token for token, length for length.
        let instances = try Self.instances(threaded)
        #expect(instances.count > 10_000)
        #expect(instances == (try Self.instances(plain)))
        #expect(try Self.lengthsAndTotals(threaded) == Self.lengthsAndTotals(plain))
        #expect(try consistencyProblems(threaded) == [])
        // Merged as a build is, with the settings of later runs.
        #expect(try FTSWritingTests.structure(threaded).segmentCount == 1)
        #expect(try FTSWritingTests.settings(threaded) == FTSWritingTests.incremental)
        for query in Self.queries {
            #expect(try hits(query, in: threaded) == hits(query, in: plain), "\(query)")
        }

        // A later run updates it as any index.
        try write(["第3区.txt": FTSWritingTests.report(3, passages: 45)], in: folder)
        let update = try Self.build(folder, into: threaded, workers: 2)
        #expect(update.summary.updated == 1)
        #expect(!update.scratchSeen)
        #expect(try consistencyProblems(threaded) == [])
        #expect(try hits("\"第3区推进乡村振兴第44项任务\"", in: threaded) == ["第3区.txt:47"])
    }

    // Committed after every file: at each commit a reader finds every committed passage through
    // FTS5, and the copies add the segments written since, never the same one twice.
    @Test func everyCommitHoldsTheFTSIndexOfItsPassages() throws {
        let (folder, url) = try FTSWritingTests.districts(1...10, passages: 30)
        let checks = Mutex<[(passages: Int, lengths: Int, found: Int, brute: Int, segments: Int)]>([])
        let built = try Self.build(folder, into: url, workers: 2, commitBytes: 1) {
            guard let index = try? IndexDatabase.open(at: url),
                  let seen = try? index.read({ db in
                      (try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? -1,
                       try Int.fetchOne(db, sql: "SELECT count(*) FROM passages_fts_docsize") ?? -1,
                       try Int.fetchOne(db, sql: "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH '\"乡村振兴\"'") ?? -1,
                       try Int.fetchOne(db, sql: "SELECT count(*) FROM passages WHERE text LIKE '%乡村振兴%'") ?? -1,
                       FTS5Structure.read(db)?.segmentCount ?? -1)
                  })
            else { return checks.withLock { $0.append((-1, -1, -1, -1, -1)) } }
            checks.withLock { $0.append(seen) }
        }
        #expect(built.scratchSeen)
        let seen = checks.withLock { $0 }
        #expect(seen.count == 10)
        for (i, check) in seen.enumerated() {
            // After the i + 1-th file's commit: its passages and all before, one segment per commit.
            #expect(check.passages > 0 && check.lengths == check.passages, "\(i): \(check)")
            #expect(check.found == check.brute && check.brute > 0, "\(i): \(check)")
            #expect(check.segments == i + 1, "\(i): \(check)")
        }
        #expect(try consistencyProblems(url) == [])
        #expect(try FTSWritingTests.structure(url).segmentCount == 1)
        let plain = try temporaryFolder().appendingPathComponent("plain.sqlite")
        _ = try Self.build(folder, into: plain, workers: 1)
        #expect(try Self.instances(url) == Self.instances(plain))
    }

    // After the last copy the scratch file is gone and the index merges its own segments,
    // step by step, each step committed: readers see the merge advance and find every passage
    // at each step. As in a build whose writer inserts the FTS5 rows itself.
    @Test(arguments: [1, 2]) func theFinalMergeRunsInTheIndexInCommittedSteps(workers: Int) throws {
        let (folder, url) = try FTSWritingTests.districts(1...10, passages: 30)
        typealias Step = (merge: IndexProgress.Merge, scratch: Bool, structure: FTS5Structure?, found: Int, brute: Int)
        let steps = Mutex<[Step]>([])
        var options = IndexOptions(workers: workers)
        options.commitBytes = 1
        options.mergeStepPages = 2
        options.progress = { progress in
            guard let merge = progress.merge, !progress.isFinished else { return }
            let scratch = FileManager.default.fileExists(atPath: FTSBuildThread.url(forIndex: url).path)
            let seen = try? IndexDatabase.open(at: url).read { db in
                (FTS5Structure.read(db),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH '\"乡村振兴\"'") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM passages WHERE text LIKE '%乡村振兴%'") ?? -1)
            }
            steps.withLock { $0.append((merge, scratch, seen?.0, seen?.1 ?? -1, seen?.2 ?? -1)) }
        }
        _ = try Indexer.index(folder: folder, into: url, options: options)

        let seen = steps.withLock { $0 }
        #expect(seen.count >= 4, "\(seen.count) reports")
        #expect(seen.allSatisfy { !$0.scratch })
        #expect(seen.first?.merge.pagesWritten == 0)
        #expect(seen.first?.structure?.segmentCount == 10)
        #expect(seen.last.map { $0.merge.pagesWritten == $0.merge.pagesTotal } == true)
        #expect(seen.last?.structure?.segmentCount == 1)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.merge.pagesWritten <= $1.merge.pagesWritten })
        // Each step committed: the structure readers see changes from step to step.
        #expect(Set(seen.compactMap { $0.structure.map { String(describing: $0) } }).count >= 3)
        for step in seen { #expect(step.found == step.brute && step.brute > 0, "\(step)") }
        #expect(try consistencyProblems(url) == [])
        #expect(try FTSWritingTests.settings(url) == FTSWritingTests.incremental)
    }

    // A rebuild is one transaction: the copy goes into it, and readers see the old index until
    // it commits.
    @Test func aRebuildCopiesIntoItsOneTransaction() throws {
        let (folder, url) = try FTSWritingTests.districts(1...6, passages: 30)
        _ = try Self.build(folder, into: url, workers: 1)
        try write(["第9区.txt": FTSWritingTests.report(9, passages: 30)], in: folder)
        let old = Mutex<[Set<String>]>([])
        var options = IndexOptions(rebuild: true, workers: 2)
        options.progress = { progress in
            guard !progress.isFinished, progress.merge == nil, progress.filesDone > 0 else { return }
            old.withLock { $0.append((try? hits("\"第9区推进乡村振兴第3项任务\"", in: url)) ?? ["failed"]) }
        }
        let summary = try Indexer.index(folder: folder, into: url, options: options)
        #expect(summary.rebuiltBecause == "--rebuild")
        #expect(old.withLock { $0 } == Array(repeating: [], count: 7))
        #expect(try hits("\"第9区推进乡村振兴第3项任务\"", in: url) == ["第9区.txt:6"])
        #expect(try consistencyProblems(url) == [])
        #expect(!FileManager.default.fileExists(atPath: FTSBuildThread.url(forIndex: url).path))
    }

    // A scratch file a killed build left is removed by the next writer, whatever it does.
    @Test func aLeftScratchFileIsRemoved() throws {
        let (folder, url) = try FTSWritingTests.districts(1...3, passages: 10)
        _ = try Self.build(folder, into: url, workers: 2)
        let scratch = FTSBuildThread.url(forIndex: url)
        try Data("left by a killed run".utf8).write(to: scratch)
        try Data().write(to: URL(fileURLWithPath: scratch.path + "-journal"))
        let summary = try Self.build(folder, into: url, workers: 2).summary
        #expect(summary.unchanged == 3)
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "-journal"))
    }
}
