import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A phrase of three characters is walked once, scored, when its rarest bigram's doclist is
/// short, and for its rowids first when every bigram is common.
@Suite(.serialized)
struct ScoredFirstTests {
    /// Reports where 管理, 理制 and 制度 are common (thirty times a line) and 常管 rare (日常管理
    /// on every twentieth line, twice on some); one more report of every ideograph in order,
    /// so that 常管 is not on the page where a common token starts (see ``DoclistPages``).
    static let index: IndexDatabase = {
        var files: [String: String] = [:]
        for report in 1...4 {
            var lines = ["第\(report)号工作报告"]
            for k in 0..<300 {
                lines.append("第\(k)项：" + String(repeating: "管理制度", count: 30) + "。")
                if k % 20 == report { lines.append("加强日常管理\(k % 3 == 0 ? "，日常管理见效" : "")。") }
            }
            files["单位\(report)_202\(report)_报告.txt"] = lines.joined(separator: "\n")
        }
        files["单位5_2025_报告.txt"] = (["其他报告"] + everyIdeographLines()).joined(separator: "\n")
        return try! ReportFilterTests.index(files)
    }()

    static func compiled(_ text: String, _ db: Database) throws -> CompiledQuery {
        var compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"\(text)\""), db)
        compiled.rareTokenLimits.segmentPagesAtLeast = 1
        return compiled
    }

    @Test(arguments: [("常管理", false), ("日常管", false), ("管理制", true), ("管理", true), ("日常管理", false)])
    func aShortPhraseListsItsRowIDsFirstUnlessABigramIsRare(_ text: String, listed: Bool) throws {
        try Self.index.read { db in
            let compiled = try Self.compiled(text, db)
            let plan = try #require(compiled.singleTerm)
            let pages = try #require(DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: 1, db))
            #expect(try compiled.listsRowIDsFirst(plan, db) == listed, "\(text): \(pages)")
        }
    }

    /// A first page of 常管理 is one scoring walk, of 管理制 a rowid list and then the scoring
    /// walk; both count as brute force does; 常管理's lines holding it twice rank first.
    @Test(arguments: [("常管理", false), ("管理制", true)])
    func aFirstPageWalksOnceWhenABigramIsRare(_ text: String, listed: Bool) throws {
        let expected = try bruteForceCount(of: text, in: Self.index)
        #expect(expected.passages > 10 && expected.passages <= CompiledQuery.onePassAtMost)
        try Self.index.read { db in
            let compiled = try Self.compiled(text, db)
            var page: SearchResults?
            let sql = try FilteredCharacterTests.statements(db) {
                page = try Searcher(index: Self.index).results(compiled, db, limit: 10, offset: 0, context: 0,
                                                               perReport: nil, ranking: .full)
            }
            let walks = sql.filter { $0.contains("passages_fts MATCH") && !$0.contains("LIMIT") }
            #expect(walks.contains { $0.contains(TermFrequencyRank.name) }, "\(walks)")
            #expect(walks.contains { $0.contains(RowIDList.name) } == listed, "\(walks)")
            #expect(page?.totalHits == expected.passages && page?.totalReports == expected.reports)
            if text == "常管理" {
                // Its copies folded into it.
                #expect(page?.hits.first?.text.contains("见效") == true)
            }
        }
    }

    /// A rare bigram in more passages than one pass ranks: its count says to list the rowids
    /// first, however few pages it spans.
    @Test func aShortDoclistOfManyPassagesListsTheRowIDsFirst() throws {
        let lines = ["第一号报告"] + Array(repeating: "见成效", count: CompiledQuery.onePassAtMost + 10)
        let index = try ReportFilterTests.index(["单位1_2021_报告.txt": lines.joined(separator: "\n")])
        try index.read { db in
            let compiled = try Self.compiled("见成效", db)
            let plan = try #require(compiled.singleTerm)
            let pages = try #require(DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: 1, db))
            try #require(pages.min() ?? .max <= CompiledQuery.scoredFirstAtMostPages, "\(pages)")
            #expect(try compiled.listsRowIDsFirst(plan, db))
        }
    }

    /// With the lengths kept in memory a phrase past ``CompiledQuery/onePassAtMost`` matches
    /// (and within ``CompiledQuery/scoredWithLengthsAtMost``) is ranked from every match in one
    /// walk, not from a sample: five short lines holding it three times, side by side among
    /// 2,400 others (an even sample holds one or two of them), are the first five hits. Without
    /// the lengths the rowids are listed first and sampled; both count as brute force does.
    @Test(arguments: ["见成效", "成效"])
    func withLengthsKeptAPhrasePastTheOnePassCapIsRankedWhole(_ text: String) throws {
        var lines = ["第一号报告"]
        for k in 0..<2_400 {
            lines.append("第\(k)项工作按计划推进，见成效。")
            if k == 1_234 { lines += (1...5).map { "见成效见成效见成效\($0)" } }
        }
        let files = ["单位1_2021_报告.txt": lines.joined(separator: "\n")]
        let index = try ReportFilterTests.index(files)
        let expected = try bruteForceCount(of: text, in: index)
        #expect(expected.passages > CompiledQuery.onePassAtMost && expected.passages <= CompiledQuery.scoredWithLengthsAtMost)
        let special = Set((1...5).map { "见成效见成效见成效\($0)" })

        try index.keepPassageLengths(waiting: true)
        try index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"\(text)\""), db, for: index)
            try #require(compiled.lengths != nil)
            var page: SearchResults?
            let sql = try FilteredCharacterTests.statements(db) {
                page = try Searcher(index: index).results(compiled, db, limit: 5, offset: 0, context: 0,
                                                          perReport: nil, ranking: .full)
            }
            let walks = sql.filter { $0.contains("passages_fts MATCH") }
            #expect(walks.filter { $0.contains(ScoredRowList.name) }.count == 1, "\(walks)")
            #expect(!walks.contains { $0.contains(RowIDList.name) }, "\(walks)")
            #expect(page?.totalHits == expected.passages && page?.totalReports == expected.reports)
            #expect(Set(page?.hits.map(\.text) ?? []) == special)
        }

        let unkept = try IndexDatabase.open(at: index.url)
        try unkept.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"\(text)\""), db, for: unkept)
            #expect(compiled.lengths == nil)
            var page: SearchResults?
            let sql = try FilteredCharacterTests.statements(db) {
                page = try Searcher(index: unkept).results(compiled, db, limit: 5, offset: 0, context: 0,
                                                           perReport: nil, ranking: .full)
            }
            #expect(sql.contains { $0.contains("passages_fts MATCH") && $0.contains(RowIDList.name) }, "\(sql)")
            #expect(page?.totalHits == expected.passages && page?.totalReports == expected.reports)
        }
    }
}
