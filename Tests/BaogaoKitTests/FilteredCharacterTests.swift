import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// One character with a filter on the report is read report by report among the allowed
/// reports (bits for the frequent characters, the text for others under a narrow filter), not
/// with FTS5's prefix query once per span: the same matches, counts and scores as the join of
/// every match, and no FTS5 statement at all.
@Suite(.serialized)
struct FilteredCharacterTests {
    /// Nine reports, one a year and unit: either keeps one report in nine (a narrow filter). 的 is one of
    /// the frequent characters, 薪 is not; glued tokens (5G的), full-width letters and a
    /// character at the end of its run are in the text.
    static let index: IndexDatabase = {
        var files: [String: String] = [:]
        for (n, unit) in ["甲局", "乙局", "丙局", "丁局", "戊局", "己局", "庚局", "辛局", "壬局"].enumerated() {
            let year = 2016 + n
            files["\(unit)_\(year)_工作总结.txt"] = """
                一、总体情况
                \(String(repeating: "发展的成果的", count: n + 1))，薪酬制度改革。
                5G的网络覆盖，ＡＢＣ的应用，薪。
                全年工作平稳。
                （一）薪资
                第\(n + 1)项薪资的调整，的的确确。
                """
        }
        return try! ReportFilterTests.index(files)
    }()

    /// Every SQL statement run while `body` runs on `db`.
    static func statements(_ db: Database, _ body: () throws -> Void) rethrows -> [String] {
        var sql: [String] = []
        db.trace(options: .statement) { sql.append($0.expandedDescription) }
        defer { db.trace(options: []) }
        try body()
        return sql
    }

    @Test(arguments: [("的 year:2020", true), ("薪 year:2018", false), ("的 (year:2017 OR year:2019)", true),
                      ("薪 unit:丙局", false)])
    func aFilteredCharacterIsReadReportByReportAsTheJoinFindsIt(_ text: String, frequent: Bool) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let fast = try QueryCompiler.compile(query, db)
            let ranges = try #require(fast.ranges)
            let reader = try #require(try fast.filteredCharacter(db, ranges: ranges), "\(text)")
            if frequent {
                guard case .bits = reader else { Issue.record("\(text): \(reader)"); return }
            } else {
                guard case .text = reader else { Issue.record("\(text): \(reader)"); return }
            }
            let join = ReportFilterTests.joining(fast)
            let tier = fast.tiers[0]

            var counted = (passages: 0, reports: 0)
            var ranked: [(Int64, Int64, Double)] = []
            var every: [(id: Int64, rank: Double)] = []
            var unranked: [Int64] = []
            var page: (passages: Int, reports: Int, best: [CompiledQuery.Match])?
            let sql = try Self.statements(db) {
                counted = try fast.count(db)
                #expect(try fast.forEachRankedID(in: tier, db) { ranked.append(($0, $1, $2)) })
                try fast.forEachMatch(in: tier, db, ranked: true, limit: nil) { every.append(($0.passageID, $0.rank)); return true }
                try fast.forEachMatch(in: tier, db, ranked: false, limit: nil) { unranked.append($0.passageID); return true }
                page = try fast.rankedInOnePass(db, wanted: 3)
            }
            #expect(!sql.contains { $0.contains("MATCH") }, "\(text): \(sql.filter { $0.contains("MATCH") })")

            var byJoin: [(id: Int64, report: Int64, rank: Double)] = []
            try join.forEachMatch(in: tier, db, ranked: true, limit: nil) {
                byJoin.append(($0.passageID, $0.reportID, $0.rank)); return true
            }
            #expect(byJoin.count > 1, "\(text) finds several passages")
            #expect(counted == (try join.count(db)), "\(text)")
            #expect(counted.passages == byJoin.count && counted.reports == Set(byJoin.map(\.report)).count)
            // FTS5's own score of the prefix query (baogao_tf, as a span's statement scored
            // them), to the last bit; the join's bm25 orders them alike.
            let tf = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT rowid, \(TermFrequencyRank.name)(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?
                """, arguments: [tier.match]).map { ($0[0] as Int64, $0[1] as Double) })
            let expected = byJoin.map { (id: $0.id, report: $0.report, rank: tf[$0.id]!) }
                .sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id }
            #expect(byJoin.map(\.id) == expected.map(\.id), "\(text): the join's order")
            #expect(ranked.map(\.0) == expected.map(\.id), "\(text)")
            #expect(ranked.map(\.1) == expected.map(\.report))
            #expect(ranked.map(\.2) == expected.map(\.rank))
            #expect(every.map(\.id) == expected.map(\.id) && every.map(\.rank) == expected.map(\.rank))
            #expect(unranked == expected.map(\.id).sorted(), "unranked: in passage order")
            let onePass = try #require(page)
            #expect(onePass.passages == counted.passages && onePass.reports == counted.reports)
            #expect(onePass.best.map(\.passageID) == Array(expected.prefix(3).map(\.id)))
            #expect(onePass.best.map(\.rank) == Array(expected.prefix(3).map(\.rank)))
        }
    }

    /// The same through the searcher and `units`: the passages of the allowed report holding
    /// the character, a page the first of every hit.
    @Test(arguments: ["的 year:2020", "薪 year:2018"])
    func searchAndUnitsFindThePassagesOfTheAllowedReport(_ text: String) throws {
        let character = String(text.prefix(1))
        let year = Int(text.suffix(4))!
        let expected = try Self.index.read { db in
            try Int.fetchAll(db, sql: """
                SELECT p.line FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.year = ? AND instr(p.text, ?) > 0
                """, arguments: [year, character])
        }
        #expect(expected.count > 1)
        let results = try Searcher(index: Self.index).search(try SearchQuery(parsing: text), limit: nil, perReport: nil)
        #expect(results.totalHits == expected.count && results.totalReports == 1, "\(text)")
        #expect(results.hits.map(\.line).sorted() == expected.sorted())
        let first = try Searcher(index: Self.index).search(try SearchQuery(parsing: text), limit: 10)
        #expect(first.hits.map(\.line) == Array(results.hits.prefix(first.hits.count).map(\.line)),
                "a page and the list of every hit agree")
        let units = try Aggregator(index: Self.index).aggregate(try SearchQuery(parsing: text), by: .unit)
        #expect(units.totalHits == expected.count && units.rows.count == 1)
    }

    /// A filter keeping most reports leaves a character outside the frequent ones to FTS5,
    /// which walks its matches once; a character among them is read from its bits whatever
    /// the filter.
    @Test func aWideFilterLeavesARareCharacterToFTS5() throws {
        try Self.index.read { db in
            let wide = try QueryCompiler.compile(try SearchQuery(parsing: "薪 -year:2020"), db)
            let ranges = try #require(wide.ranges)
            #expect(wide.allowedSpans(ranges) == nil)
            #expect(try wide.filteredCharacter(db, ranges: ranges) == nil)
            let counted = try wide.count(db)
            #expect(counted == (try ReportFilterTests.joining(wide).count(db)) && counted.reports == 8)
            let frequent = try QueryCompiler.compile(try SearchQuery(parsing: "的 -year:2020"), db)
            #expect(try frequent.filteredCharacter(db, ranges: ranges) == .bits(0))
            #expect(try frequent.count(db) == (try ReportFilterTests.joining(frequent).count(db)))
            let plain = try QueryCompiler.compile(try SearchQuery(parsing: "的"), db)
            #expect(try plain.filteredCharacter(db, ranges: ranges) == nil, "no filter")
        }
    }

    /// A passage whose length FTS5 does not hold (an index damaged outside Baogao) is scored
    /// against the average length, not left out or failed.
    @Test func aPassageWithoutItsLengthIsScoredAtTheAverage() throws {
        let folder = try temporaryFolder()
        try write(["甲局_2020_工作总结.txt": Data("一、总体情况\n薪酬制度改革。\n".utf8),
                   "乙局_2021_工作总结.txt": Data("一、总体情况\n薪资调整。\n".utf8)], in: folder)
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let id = try DatabaseQueue(path: url.path).write { db -> Int64 in
            let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM passages WHERE text = '薪酬制度改革。'"))
            try db.execute(sql: "DELETE FROM passages_fts_docsize WHERE id = ?", arguments: [id])
            return id
        }
        let index = try IndexDatabase.open(at: url)
        try index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "薪 year:2020"), db)
            var scored: [CompiledQuery.Match] = []
            try compiled.scored([id], db) { scored.append($0) }
            let average = try #require(try FTS5Totals.read(db)).averageLength
            #expect(scored.map(\.rank) == [TermFrequencyRank.score(frequency: 1, length: average, averageLength: average)])
        }
    }
}
