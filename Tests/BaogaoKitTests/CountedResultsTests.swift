import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A page of hits with its counts by unit and year (``Searcher/search(_:limit:offset:countedBy:)``):
/// the same as the hits and the counts asked apart, and the matches walked once for both
/// (``RowIDMemo``).
@Suite(.serialized)
struct CountedResultsTests {
    /// 40 reports of 80 passages, ten units over five years: 推进工作 in every passage (past
    /// every cap of a first page), 人民代表大会 in every third, 县级以上 in every fifth, 乡村振兴
    /// in a few reports, 乡村全面振兴 (a near variant of 乡村振兴) in others.
    static let folder: URL = {
        let folder = try! temporaryFolder("counted")
        var files: [String: Data] = [:]
        for report in 0..<40 {
            let lines = (0..<80).map { n -> String in
                var line = "第\(report)号第\(n)项，推进工作"
                if n % 3 == 0 { line += "，人民代表大会审议" }
                if n % 5 == 0 { line += "，县级以上人民政府负责" }
                if report < 4, n % 2 == 0 { line += "，乡村振兴" }
                if report % 7 == 1, n % 4 == 0 { line += "，乡村全面振兴" }
                return line + "。"
            }
            files["单位\(report % 10)_\(2020 + report % 5)_工作总结\(report).txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try! write(files, in: folder)
        _ = try! Indexer.index(folder: folder, into: folder.appendingPathComponent("index.sqlite"))
        return folder
    }()

    static let index = try! IndexDatabase.open(at: folder.appendingPathComponent("index.sqlite"))

    /// A second reader that halves every walk.
    static let always = SecondReader(url: folder.appendingPathComponent("index.sqlite"), limit: 1, halvedPast: 0)

    static let queries = ["推进工作", "\"推进工作\"", "推进", "\"人民代表大会\"", "人民代表大会", "乡村振兴", "\"乡村振兴\"",
                          "县级以上 人民代表", "\"县级以上\" OR 乡村振兴", "人民代表 -县级以上", "推进工作 year:2021",
                          "人民代表 unit:单位3", "审议 section:第", "推"]

    @Test(arguments: queries)
    func theSameAsTheHitsAndTheCountsApart(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let searcher = Searcher(index: Self.index)
        for page in [1, 3] {
            let counted = try searcher.search(query, limit: 10, offset: (page - 1) * 10, countedBy: [.unit, .year])
            let apart = try searcher.search(query, limit: 10, offset: (page - 1) * 10)
            #expect(counted.results == apart, "\(text) page \(page)")
            #expect(counted.counts == (try Aggregator(index: Self.index).counts(query, by: [.unit, .year])), "\(text)")
        }
        let units = try searcher.search(query, limit: 10, countedBy: [.unit]).counts
        #expect(units.count == 1 && units[0].rows.allSatisfy { $0.year == nil }, "\(text)")
    }

    /// The walks a first page reads whole are kept: every path a page takes (few matches scored
    /// in one pass, a short phrase listed first, a long walk in halves, a sample) leaves the
    /// tier's rowids, and they are those of a walk of its own.
    @Test(arguments: [(text: "\"人民代表大会\"", halved: false), ("\"人民代表大会\"", true), ("推进工作", false),
                      ("\"推进工作\"", true), ("\"审议\"", false), ("\"县级以上\" \"人民代表\"", false),
                      ("乡村振兴", false), ("\"县级以上\" year:2022", false)])
    func aPageKeepsItsWalks(_ text: String, halved: Bool) throws {
        try Self.index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db,
                                                     secondReader: halved ? Self.always : nil)
            compiled.memo = RowIDMemo()
            let results = try Searcher(index: Self.index).results(compiled, db, limit: 10, offset: 0, context: 0,
                                                                  perReport: 3, ranking: .full)
            #expect(!results.hits.isEmpty)
            let match = try #require(compiled.tiers.first?.match)
            let kept = try #require(compiled.memo?.ids(of: match), "\(text): the page walked its matches and kept nothing")
            var fresh = compiled
            fresh.memo = nil
            var walked: [Int64] = []
            try fresh.forEachAllowedRowID(match: match, db, ranges: try #require(compiled.ranges)) { walked.append($0); return true }
            #expect(Array(kept) == walked, "\(text)")
            #expect(kept.count >= (compiled.tiers.count == 1 ? results.totalHits : 1), "\(text)")
        }
    }

    /// The counts read a kept walk instead of asking FTS5 again: planted ids (every other match)
    /// give their counts.
    @Test func theCountsReadTheKeptWalk() throws {
        try Self.index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"人民代表大会\""), db)
            let match = try #require(compiled.tiers.first?.match)
            let all = try CompiledQuery.rowIDs(of: match, in: Int64.min...Int64.max, db)
            let planted = all.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            compiled.memo = RowIDMemo()
            compiled.memo?.keep(RowIDs(planted), of: match)
            let counts = try Aggregator(index: Self.index).counts(compiled, by: [.year], db)
            #expect(counts[0].totalHits == planted.count)
            compiled.memo = nil
            #expect(try Aggregator(index: Self.index).counts(compiled, by: [.year], db)[0].totalHits == all.count)
        }
    }
}
