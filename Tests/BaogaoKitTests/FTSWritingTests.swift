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

    /// How many segments the FTS5 index has (every segment has rows in its `_idx` table).
    static func segments(_ url: URL) throws -> Int {
        try IndexDatabase.open(at: url).read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM passages_fts_idx") ?? 0
        }
    }

    static func settings(_ url: URL) throws -> [String: Int] {
        try IndexDatabase.open(at: url).read { db in
            try Row.fetchAll(db, sql: "SELECT k, v FROM passages_fts_config WHERE k != 'version'")
                .reduce(into: [:]) { map, row in map[row["k"]] = row["v"] }
        }
    }

    static let incremental = ["automerge": 8, "crisismerge": 16, "hashsize": 1 << 20]

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
        let folder = try temporaryFolder()
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        try write(Dictionary(uniqueKeysWithValues: (1...12).map { ("第\($0)区.txt", Self.report($0, passages: 40)) }), in: folder)

        var summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.added == 12)
        #expect(try Self.segments(url) == 1)
        #expect(try Self.settings(url) == Self.incremental)

        // One file of 12: its old text's deletion and its new text go to new segments, which
        // FTS5 merges later as more are written.
        try write(["第3区.txt": Self.report(3, passages: 41)], in: folder)
        summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.updated == 1)
        #expect(try Self.segments(url) > 1)
        #expect(try Self.settings(url) == Self.incremental)

        // A quarter of the files: merged into one segment again.
        try write(Dictionary(uniqueKeysWithValues: (4...6).map { ("第\($0)区.txt", Self.report($0, passages: 39)) }), in: folder)
        summary = try Indexer.index(folder: folder, into: url)
        #expect(summary.updated == 3)
        #expect(try Self.segments(url) == 1)
        #expect(try Self.settings(url) == Self.incremental)

        #expect(try consistencyProblems(url) == [])
        #expect(try hits("\"第3区推进乡村振兴第40项任务\"", in: url) == ["第3区.txt:43"])
        #expect(try hits("\"第5区推进乡村振兴第39项任务\"", in: url).isEmpty)
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
