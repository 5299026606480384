import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `baogao_tf` is bm25 without the IDF: for one phrase, bm25 over it is the same number (the
/// phrase's IDF) for every row, so both rank alike; past its cap it answers NULL; and a search
/// for a term in more passages than one pass ranks still counts every match.
@Suite(.serialized)
struct TermFrequencyRankTests {
    let folder: URL
    let indexURL: URL
    let index: IndexDatabase

    /// 24 reports of 100 passages; 乡村振兴 in every one of them (2,400), 营商环境 in every
    /// seventh, 数字政府 twice in every fifth.
    init() throws {
        folder = try temporaryFolder()
        let reports = folder.appendingPathComponent("reports")
        var files: [String: Data] = [:]
        for r in 0..<24 {
            var lines = ["第\(r)县2024年工作报告", "一、重点工作"]
            for p in 0..<100 {
                var line = "（\(p + 1)）第\(r)县第\(p)项工作推进乡村振兴"
                if p % 7 == 0 { line += "，优化营商环境" }
                if p % 5 == 0 { line += "，建设数字政府，数字政府平台上线" }
                lines.append(line + String(repeating: "，完善制度", count: p % 4) + "。")
            }
            files["第\(r)县.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try write(files, in: reports)
        indexURL = folder.appendingPathComponent("tf.sqlite")
        _ = try Indexer.index(folder: reports, into: indexURL)
        index = try IndexDatabase.open(at: indexURL)
    }

    @Test(arguments: ["乡村振兴", "营商环境", "数字政府", "工作", "推进乡村"])
    func bm25IsTheIDFTimesTermFrequencyRank(_ term: String) throws {
        let match = try #require(TermPlan(term)).matchExpression
        let rows = try index.read { db in
            try Row.fetchAll(db, sql: """
                SELECT bm25(passages_fts), baogao_tf(passages_fts, 1000000) FROM passages_fts WHERE passages_fts MATCH ?
                """, arguments: [match])
        }
        #expect(rows.count >= 100)
        let ratios = rows.map { ($0[0] as Double) / ($0[1] as Double) }
        let idf = ratios[0]
        #expect(idf > 0)
        for ratio in ratios { #expect(abs(ratio - idf) <= 1e-9 * idf, "\(ratio) vs \(idf)") }
        // The scores differ with frequency and length, so the order means something.
        #expect(Set(rows.map { $0[1] as Double }).count > 2)
    }

    @Test func rowsPastTheCapAreNull() throws {
        let match = try #require(TermPlan("营商环境")).matchExpression
        let scores = try index.read { db in
            try Row.fetchAll(db, sql: "SELECT baogao_tf(passages_fts, 50) FROM passages_fts WHERE passages_fts MATCH ?",
                             arguments: [match]).map { $0[0] as Double? }
        }
        #expect(scores.count == 24 * 15)
        #expect(scores.prefix(50).allSatisfy { $0 != nil })
        #expect(scores.dropFirst(50).allSatisfy { $0 == nil })
    }

    @Test(arguments: ["乡村振兴", "营商环境", "数字政府"])
    func aTopTenCountsEveryMatch(_ term: String) throws {
        let searcher = Searcher(index: index)
        let query = try SearchQuery(parsing: term)
        let top = try searcher.search(query, limit: 10)
        let expected = try index.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM passages WHERE instr(text, ?) > 0", arguments: [term]) ?? 0
        }
        #expect(expected > 100)
        #expect(top.totalHits == expected)
        #expect(top.totalReports == 24)
        #expect(top.hits.count == 10)
        #expect(top.hits.allSatisfy { $0.text.contains(term) })
    }

    // Every passage with 数字政府 holds it twice: bm25's length part puts the shortest first.
    @Test func theBestHitOfATermIsItsShortestPassage() throws {
        let hits = try Searcher(index: index).search(try SearchQuery(parsing: "数字政府"), limit: 10, perReport: nil).hits
        let shortest = try index.read { db in
            try Int.fetchOne(db, sql: "SELECT min(length(text)) FROM passages WHERE instr(text, '数字政府') > 0") ?? 0
        }
        #expect(hits.first.map { $0.text.count } == shortest)
    }
}
