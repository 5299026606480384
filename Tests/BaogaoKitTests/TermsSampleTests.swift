import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A query of several terms past the one-pass cap: counted exactly from its rowid list and
/// ranked on an even sample, each term weighted by its IDF as bm25 does.
@Suite(.serialized)
struct TermsSampleTests {
    /// Four reports where every line holds both terms (改革试点 more rarely elsewhere than
    /// 乡村振兴), some lines one of them twice; a fifth report of other lines, some with 乡村振兴.
    static func index() throws -> IndexDatabase {
        let folder = try temporaryFolder()
        let corpus = folder.appendingPathComponent("c")
        let perReport = (CompiledQuery.onePassAtMost + 600) / 4
        var files: [String: Data] = [:]
        for report in 1...4 {
            var lines = ["第\(report)号工作报告"]
            for k in 0..<perReport {
                let twice = k % 7 == 0 ? "，改革试点见效" : k % 5 == 0 ? "，乡村振兴见成效" : ""
                lines.append("第\(k)项：推进改革试点工作，助力乡村振兴\(twice)。")
            }
            files["单位\(report)_202\(report)_报告.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        let others = (0..<4_000).map { k in k % 2 == 0 ? "第\(k)项：完成其他任务。" : "第\(k)项：乡村振兴其他任务。" }
        files["单位5_2025_报告.txt"] = Data((["第5号工作报告"] + others).joined(separator: "\n").utf8)
        try write(files, in: corpus)
        let url = folder.appendingPathComponent("terms.sqlite")
        _ = try Indexer.index(folder: corpus, into: url)
        return try IndexDatabase.open(at: url)
    }

    @Test func twoTermsPastTheCapAreCountedExactlyAndTheRarerTermWeighsMore() throws {
        let index = try Self.index()
        let both = try index.read { db in
            try Row.fetchAll(db, sql: "SELECT report_id, text FROM passages").filter {
                let text: String = $0[1]
                return text.contains("改革试点") && text.contains("乡村振兴")
            }
        }
        #expect(both.count > CompiledQuery.onePassAtMost)
        let searcher = Searcher(index: index)
        let query = try SearchQuery(parsing: "\"改革试点\" \"乡村振兴\"")
        let top = try searcher.search(query, limit: 10)
        #expect(top.totalHits == both.count)
        #expect(top.totalReports == Set(both.map { $0[0] as Int64 }).count)
        #expect(try searcher.count(query) == MatchCount(passages: top.totalHits, reports: top.totalReports))
        #expect(top.hits.count == 10)
        // 改革试点 is in fewer passages than 乡村振兴: holding it twice weighs more.
        for hit in top.hits { #expect(hit.text.contains("改革试点见效"), "\(hit.text)") }

        // One term and a negation: scored by the one term.
        let negated = try searcher.search(try SearchQuery(parsing: "\"乡村振兴\" -其他"), limit: 10)
        #expect(negated.totalHits == both.count)
        for hit in negated.hits { #expect(hit.text.contains("乡村振兴见成效"), "\(hit.text)") }
    }

    /// Past ``CompiledQuery/estimatedPast`` passages a term of long doclists has its n
    /// estimated from stretches of the index (no pages counted here): near the count, never
    /// below the query's matches nor above its rarest character's passages.
    @Test func aTermsPassagesAreEstimatedInALargeIndex() throws {
        let index = try Self.index()
        let bruteForce = try ["改革试点", "乡村振兴"].map { try bruteForceCount(of: $0, in: index).passages }
        try index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"改革试点\" \"乡村振兴\""), db)
            compiled.termCountingLimits.countedAtMostPages = -1
            let rows = try #require(try CompiledQuery.indexedRows(db))
            for (plan, expected) in zip(compiled.highlightPlans, bruteForce) {
                let exact = try compiled.passages(holding: plan, atLeast: 0, rows: rows, db)
                #expect(exact == expected, "small: counted")
                let estimate = try compiled.passages(holding: plan, atLeast: 0, rows: rows, db, estimatedPast: 0)
                #expect(Double(estimate) > 0.8 * Double(exact) && Double(estimate) < 1.25 * Double(exact),
                        "\(plan.text): \(estimate) for \(exact)")
                #expect(try compiled.passages(holding: plan, atLeast: exact * 2, rows: rows, db, estimatedPast: 0) == exact * 2)
            }
            // A phrase no stretch holds: its rarest character bounds it, the matches floor it.
            let rare = try #require(TermPlan("见效"))
            let bound = try #require(try CharacterTotals.lookup(FoldedText("效").scalars[0], db)).passages
            #expect(try compiled.passages(holding: rare, atLeast: 3, rows: rows, db, estimatedPast: 0) <= bound)
            #expect(try compiled.passages(holding: rare, atLeast: bound + 5, rows: rows, db, estimatedPast: 0) == bound + 5)
        }
    }

    @Test func bm25CountsTheRowsOfTheIndex() throws {
        let index = try Self.index()
        let (rows, passages) = try index.read { db in
            (try CompiledQuery.indexedRows(db), try Int.fetchOne(db, sql: "SELECT count(*) FROM passages"))
        }
        #expect(rows == passages)
        #expect((rows ?? 0) > 4_000)
    }
}
