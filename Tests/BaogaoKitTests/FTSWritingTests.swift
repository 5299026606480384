import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// How the FTS5 index is written: passages add to FTS5's pending terms without forcing a
/// segment each, a build ends merged into one segment, and small updates merge as they go.
@Suite struct FTSWritingTests {
    /// A report with `count` passages under one heading.
    static func report(_ number: Int, passages count: Int) -> Data {
        var lines = ["第\(number)区2023年工作总结", "一、主要工作"]
        for i in 0..<count {
            lines.append("（\(i + 1)）第\(number)区推进乡村振兴第\(i)项任务，完成投资\(i * 7 + number)万元。")
        }
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// A folder of the reports of the districts numbered, `passages` each, and where its index goes.
    static func districts(_ numbers: ClosedRange<Int>, passages: Int) throws -> (folder: URL, index: URL) {
        let folder = try temporaryFolder()
        try write(Dictionary(uniqueKeysWithValues: numbers.map { ("第\($0)区.txt", report($0, passages: passages)) }), in: folder)
        return (folder, try temporaryFolder().appendingPathComponent("index.sqlite"))
    }

    static func settings(_ url: URL) throws -> [String: Int] {
        try IndexDatabase.open(at: url).read { db in
            try Row.fetchAll(db, sql: "SELECT k, v FROM passages_fts_config WHERE k != 'version'")
                .reduce(into: [:]) { map, row in map[row["k"]] = row["v"] }
        }
    }

    static let incremental = ["automerge": 8, "crisismerge": 16, "hashsize": 1 << 20, "usermerge": 4]

    static func structure(_ url: URL) throws -> FTS5Structure {
        try #require(try IndexDatabase.open(at: url).read { db in FTS5Structure.read(db) })
    }

    // Regression: an AFTER INSERT trigger on `passages` made every passage's INSERT open a
    // savepoint, and FTS5 writes its pending terms as a new segment at every savepoint.
    @Test func aPassageCostsItsRowsNotASegment() throws {
        let parsed = try readFile(Self.report(1, passages: 300), named: "第1区.txt")
        let structure = parsed.reports[0].structure
        #expect(structure.passages.count >= 300)
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        let index = try IndexDatabase.openForWriting(at: url, rebuild: false).index
        let changes = try index.write { db in
            let before = db.totalChangesCount
            var totals = SlotTotals()
            var characters = CharacterTotals()
            try ReportWriter.insert(parsed, changes: &totals, characters: &characters, db)
            return db.totalChangesCount - before
        }
        // Per passage: its row, its FTS5 insert and FTS5's document size; per section: its
        // row and its heading's (the insert, FTS5's content and document size); besides, the
        // file, report and report_chars rows. A segment per passage or heading writes at least
        // three more rows each (data, idx, structure).
        #expect(changes <= 3 * structure.passages.count + 4 * structure.sections.count + 10)
        #expect(try consistencyProblems(url) == [])
        #expect(try hits("\"第150项任务\"", in: url) == ["第1区.txt:153"])
    }

    @Test func aBuildEndsInOneSegmentAndUpdatesMergeAsTheyGo() throws {
        let (folder, url) = try Self.districts(1...12, passages: 40)

        var summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.added == 12)
        #expect(try Self.structure(url).segmentCount == 1)
        #expect(try Self.settings(url) == Self.incremental)

        // One file of 12: its old text's deletion and its new text go to new segments, which
        // FTS5 merges later as more are written.
        try write(["第3区.txt": Self.report(3, passages: 41)], in: folder)
        summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.updated == 1)
        #expect(try Self.structure(url).segmentCount > 1)
        #expect(try Self.settings(url) == Self.incremental)

        // A quarter of the files: merged into one segment again.
        try write(Dictionary(uniqueKeysWithValues: (4...6).map { ("第\($0)区.txt", Self.report($0, passages: 39)) }), in: folder)
        summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.updated == 3)
        #expect(try Self.structure(url).segmentCount == 1)
        #expect(try Self.settings(url) == Self.incremental)

        #expect(try consistencyProblems(url) == [])
        #expect(try hits("\"第3区推进乡村振兴第40项任务\"", in: url) == ["第3区.txt:43"])
        #expect(try hits("\"第5区推进乡村振兴第39项任务\"", in: url).isEmpty)
    }

    // Regression: FTS5 merged after every 64 leaves written, a page a leaf, and a merge that
    // read the build's segment held its level until it ended: updates of one report each
    // piled segments up (42 after 200 at 100 MB), and every query opens each one.
    @Test func updatesOfOneReportKeepEveryLevelUnderFourSegments() throws {
        let (folder, url) = try Self.districts(1...12, passages: 40)
        _ = try Indexer.index(folder: folder, into: url)

        var most = 0
        for round in 1...30 {
            let number = round % 12 + 1
            try write(["第\(number)区.txt": Self.report(number, passages: 40 + round)], in: folder)
            let summary = try Indexer.index(folder: folder, into: url)
            #expect(summary.updated == 1)
            let structure = try Self.structure(url)
            #expect(structure.levels.allSatisfy { $0.segmentPages.count < 4 }, "\(round): \(structure.levels)")
            #expect(structure.mergingPages == 0)
            most = max(most, structure.segmentCount)
        }
        #expect(most > 1)
        // The merges went on up: levels past the first two were written.
        #expect(try Self.structure(url).levels.count > 2)
        #expect(try consistencyProblems(url) == [])
        // 第7区 was last written in round 30, with 70 passages.
        #expect(try hits("\"第7区推进乡村振兴第69项任务\"", in: url) == ["第7区.txt:72"])
        #expect(try hits("\"第7区推进乡村振兴第70项任务\"", in: url).isEmpty)
    }

    // A run merges a bounded amount; what is left goes on in the next runs.
    @Test func aTidyStopsAtItsBudgetAndTheNextOneGoesOn() throws {
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        let index = try IndexDatabase.openForWriting(at: url, rebuild: false).index
        try Self.writeSegments(1...5, to: index)
        #expect(try Self.structure(url).levels.first?.segmentPages.count == 5)

        #expect(try IndexTuning.tidy(index, stepPages: 1, budgetPages: 2))
        let partway = try Self.structure(url)
        #expect(partway.mergingPages > 0)
        #expect(try hits("\"第4区推进乡村振兴第59项任务\"", in: url) == ["第4区.txt:62"])

        #expect(try IndexTuning.tidy(index) == false)
        let merged = try Self.structure(url)
        #expect(merged.mergingPages == 0)
        #expect(merged.segmentCount == 1)
        #expect(try IndexTuning.tidy(index) == false)
        #expect(try consistencyProblems(url) == [])
        #expect(try hits("\"第4区推进乡村振兴第59项任务\"", in: url) == ["第4区.txt:62"])
    }

    /// Writes a segment on level 0 for each report numbered, each in its own transaction.
    static func writeSegments(_ numbers: ClosedRange<Int>, to index: IndexDatabase) throws {
        for number in numbers {
            let parsed = try readFile(report(number, passages: 60), named: "第\(number)区.txt")
            try index.write { db in
                var totals = SlotTotals()
                var characters = CharacterTotals()
                try ReportWriter.insert(parsed, changes: &totals, characters: &characters, db)
            }
        }
    }

    // A bulk run's first two segments go to level 1 early, so that its final merge writes the
    // one segment at level 3, above the levels the merges of later updates fill.
    @Test func aBuildsSegmentIsLiftedAboveTheLevelsUpdatesMergeOn() throws {
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        let index = try IndexDatabase.openForWriting(at: url, rebuild: false).index
        try Self.writeSegments(1...1, to: index)
        #expect(try index.write { db in try IndexTuning.lift(db) } == false)
        try Self.writeSegments(2...2, to: index)
        #expect(try index.write { db in try IndexTuning.lift(db) })
        #expect(try Self.structure(url).levels.map(\.segmentPages.count) == [0, 1])
        // Already lifted: nothing more.
        try Self.writeSegments(3...4, to: index)
        #expect(try index.write { db in try IndexTuning.lift(db) })
        #expect(try Self.structure(url).levels.map(\.segmentPages.count) == [2, 1])

        try IndexTuning.finishWriting(.bulk, changed: true, index)
        #expect(try Self.structure(url).levels.map(\.segmentPages.count) == [0, 0, 0, 1])
        #expect(try hits("\"第2区推进乡村振兴第59项任务\"", in: url) == ["第2区.txt:62"])
    }

    // The Indexer looks for two segments of a bulk run all on level 0 as its files pass
    // `liftCheckBytes`: here three left on level 0 by the runs before, then lifted, so that
    // the run's final merge writes level 3.
    @Test func aBulkRunLiftsItsSegmentsOnceItsFilesPassTheCheck() throws {
        let (folder, url) = try Self.districts(1...8, passages: 20)
        _ = try Indexer.index(folder: folder, into: url)
        try write(["第2区.txt": Self.report(2, passages: 21)], in: folder)
        _ = try Indexer.index(folder: folder, into: url)
        #expect(try Self.structure(url).levels.map(\.segmentPages.count) == [3])

        // A new report past the check, then two small ones: 3 of 11 files, a bulk run. At the
        // check the three segments and the first report's terms go to level 1; the small
        // reports' segment follows on level 0.
        let large = Self.report(10, passages: Int(IndexTuning.liftCheckBytes) / 64)
        #expect(Int64(large.count) >= IndexTuning.liftCheckBytes)
        try write(["第10区.txt": large,
                   "第11区.txt": Self.report(11, passages: 20), "第12区.txt": Self.report(12, passages: 20)], in: folder)
        #expect(IndexTuning.Merging(writing: 3, of: 11) == .bulk)
        let summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.added == 3)
        let levels = try Self.structure(url).levels.map(\.segmentPages.count)
        #expect(levels == [0, 0, 0, 1])
        #expect(try hits("\"第10区推进乡村振兴第7项任务\"", in: url) == ["第10区.txt:10"])
        #expect(try hits("\"第12区推进乡村振兴第7项任务\"", in: url) == ["第12区.txt:10"])
    }

    // A merge under way of a large segment ends within about 256 runs at any size; a small
    // one gets the floor.
    @Test func aTidysBudgetGrowsWithTheMergeUnderWay() {
        let table: [(merging: Int, budget: Int)] = [
            (0, 4_096), (100, 4_096), (1_048_576, 4_096), (1_048_832, 4_097), (2_600_000, 10_156),
        ]
        for row in table {
            #expect(IndexTuning.tidyBudget(mergingPages: row.merging) == row.budget, "\(row)")
        }
    }

    @Test func theMergingOfARunFollowsItsShareOfTheFiles() {
        typealias Merging = IndexTuning.Merging
        let table: [(writing: Int, total: Int, expected: Merging)] = [
            (12, 12, .bulk), (3, 12, .bulk), (2, 12, .incremental), (1, 1, .bulk),
            (0, 12, .incremental), (0, 0, .incremental),
        ]
        for row in table {
            #expect(Merging(writing: row.writing, of: row.total) == row.expected, "\(row)")
        }
    }
}
