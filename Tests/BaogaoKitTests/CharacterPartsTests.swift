import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Single characters beside other terms: the other terms' matches found by FTS5, then kept or
/// dropped by each character (its bits, the text, or its own rowids), with the same answers as
/// FTS5's prefix query and a brute-force count.
@Suite(.serialized)
struct CharacterPartsTests {
    /// Six reports of lines holding 乡村振兴 with and without 县 (not one of the frequent
    /// characters), 市 and 的 (two of them), some 县 three times; lines without 乡村振兴, more
    /// of them with 县 than lines with 乡村振兴 (a character rarer than the rest is left to FTS5);
    /// lines of its near variants (乡村全面振兴), and of its parts far apart.
    static func index() throws -> IndexDatabase {
        let folder = try temporaryFolder()
        let corpus = folder.appendingPathComponent("c")
        let kinds = ["推进乡村振兴工作", "县里推进乡村振兴", "市县两级推进乡村振兴的工作", "市里推进乡村振兴",
                     "的确推进乡村振兴", "县县推进乡村振兴，县域", "完成其他任务", "县市的其他任务", "全县乡村振兴",
                     "县级任务", "各县其他任务", "县里完成任务", "县区任务", "县镇任务", "县乡任务", "两县任务", "县委任务",
                     "县里乡村全面振兴", "市里乡村产业振兴的工作", "乡村文化振兴",
                     "县里的乡村道路修好了，产业终于振兴起来", "市里的乡村道路修好了，产业终于振兴起来"]
        var files: [String: Data] = [:]
        for report in 1...6 {
            var lines = ["第\(report)号工作报告"]
            for k in 0..<(20 + report * 7) {
                // Not every report holds every kind: the counts per report differ.
                let kind = kinds[(k * (report + 1) + report) % kinds.count]
                lines.append("第\(k)项：\(kind)。")
            }
            files["单位\(report)_202\(report)_报告.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try write(files, in: corpus)
        let url = folder.appendingPathComponent("characters.sqlite")
        _ = try Indexer.index(folder: corpus, into: url)
        return try IndexDatabase.open(at: url)
    }

    /// Each query's required and excluded terms, for the brute-force count.
    static let queries: [(text: String, all: [String], none: [String])] = [
        ("县 \"乡村振兴\"", ["县", "乡村振兴"], []),
        ("市 \"乡村振兴\"", ["市", "乡村振兴"], []),
        ("市 的 \"乡村振兴\"", ["市", "的", "乡村振兴"], []),
        ("\"乡村振兴\" -县", ["乡村振兴"], ["县"]),
        ("\"乡村振兴\" -市", ["乡村振兴"], ["市"]),
        ("\"乡村振兴\" 县 -的", ["乡村振兴", "县"], ["的"]),
        ("县 市 \"乡村振兴\"", ["县", "市", "乡村振兴"], []),
        ("\"乡村振兴\" 市 -县", ["乡村振兴", "市"], ["县"]),
    ]

    /// The passages holding every term of `all` and none of `none`, by report.
    static func bruteForce(_ all: [String], _ none: [String], _ index: IndexDatabase) throws -> [Int64: Int] {
        try index.read { db in
            var found: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT report_id, text FROM passages") {
                let text = FoldedText(row[1])
                if all.allSatisfy({ text.contains(FoldedText($0).scalars) }),
                   !none.contains(where: { text.contains(FoldedText($0).scalars) }) {
                    found[row[0], default: 0] += 1
                }
            }
            return found
        }
    }

    @Test func theRestIsTheOtherTermsAndTheCharactersAreKeptApart() throws {
        let index = try Self.index()
        try index.read { db in
            func parts(_ text: String) throws -> CompiledQuery.CharacterParts? {
                try QueryCompiler.compile(try SearchQuery(parsing: text), db).characterParts
            }
            let county = try #require(try parts("县 -市 \"乡村振兴\""))
            #expect(county.rest == "\"乡村\" + \"村振\" + \"振兴\"")
            #expect(county.characters.map(\.scalar) == [0x53BF, 0x5E02])  // 县, 市
            #expect(county.characters.map(\.negated) == [false, true])
            #expect(county.characters.map(\.slot) == [nil, FrequentCharacters.slot(of: 0x5E02)])
            // Nothing else to find, one term alone, a term checked against the text, a word
            // ending in a prefix, a filter: left to FTS5 as before.
            #expect(try parts("县 市") == nil)
            #expect(try parts("\"乡村振兴\"") == nil)
            #expect(try parts("县") == nil)
            #expect(try parts("县 \"乡村，振兴\"") == nil)
            #expect(try parts("县 \"XX办\"") == nil)
            #expect(try parts("县 \"乡村振兴\" year:2021") == nil)
        }
    }

    @Test(arguments: 0..<queries.count)
    func answersAreThoseOfTheWholeExpressionAndOfABruteForceCount(_ n: Int) throws {
        let (text, all, none) = Self.queries[n]
        let index = try Self.index()
        let expected = try Self.bruteForce(all, none, index)
        let total = expected.values.reduce(0, +)
        #expect(total > 0 && expected.count > 1, "\(text): the fixture holds matches in several reports")
        let query = try SearchQuery(parsing: text)
        for readInText in [CompiledQuery.textCheckedAtMost, 0] {
            try index.read { db in
                var compiled = try QueryCompiler.compile(query, db, for: index)
                compiled.textCheckedAtMost = readInText
                let ranges = try #require(compiled.ranges)
                let match = try #require(compiled.tiers.first?.match)
                #expect(compiled.characterParts != nil, "\(text)")
                // With only 县 beside the rest and nothing read in the text, FTS5 answers whole.
                let apart = try compiled.characterFilteredRowIDs(match: match, db, ranges: ranges)
                if readInText == 0 && !text.contains("市") && !text.contains("的") {
                    #expect(apart == nil, "\(text)")
                    return
                }
                let ids = try #require(apart, "\(text)")
                let whole = try RowIDList.fetch(db.cachedStatement(sql: CompiledQuery.rowIDsSelect), arguments: [match])
                #expect(Array(ids) == Array(whole), "\(text), text read up to \(readInText)")
                // A first page ranks them itself, no longer through FTS5's prefix query.
                let ranked = try #require(try compiled.rankedInOnePass(db, wanted: 10), "\(text)")
                #expect(ranked.passages == total && ranked.reports == expected.count)
            }
        }
        let searcher = Searcher(index: index)
        let page = try searcher.search(query, limit: 10)
        #expect(page.totalHits == total && page.totalReports == expected.count, "\(text)")
        for hit in page.hits {
            let folded = FoldedText(hit.text)
            #expect(all.allSatisfy { folded.contains(FoldedText($0).scalars) } && !none.contains { folded.contains(FoldedText($0).scalars) },
                    "\(text): \(hit.text)")
        }
        #expect(try searcher.count(query) == MatchCount(passages: total, reports: expected.count))
        let byReport = try Aggregator(index: index).aggregate(query, by: .report)
        let counted = try index.read { db in
            try Dictionary(uniqueKeysWithValues: byReport.rows.map { row in
                (try Int64.fetchOne(db, sql: "SELECT id FROM reports WHERE path = ?", arguments: [row.path])!, row.passages)
            })
        }
        #expect(counted == expected, "\(text)")
        for row in byReport.rows {
            let folded = FoldedText(row.best.text)
            #expect(all.allSatisfy { folded.contains(FoldedText($0).scalars) }, "\(text): \(row.best.text)")
        }
    }

    /// A term typed without quotes has a tier of near variants: each tier's matches are those
    /// of its own FTS5 expression, and a page, its counts and `units` give them all.
    @Test(arguments: ["县 乡村振兴", "市 乡村振兴", "乡村振兴 市 -县"])
    func eachTierOfNearVariantsIsThatOfItsWholeExpression(_ text: String) throws {
        let index = try Self.index()
        let query = try SearchQuery(parsing: text)
        let perReport = try index.read { db in
            let compiled = try QueryCompiler.compile(query, db, for: index)
            let ranges = try #require(compiled.ranges)
            #expect(compiled.tiers.map(\.kind) == [.exact, .variant], "\(text)")
            #expect(compiled.characterParts != nil, "\(text)")
            var perReport: [Int64: Int] = [:]
            for tier in compiled.tiers {
                let match = try #require(tier.match)
                let ids = try #require(try compiled.characterFilteredRowIDs(match: match, db, ranges: ranges), "\(text)")
                let whole = try RowIDList.fetch(db.cachedStatement(sql: CompiledQuery.rowIDsSelect), arguments: [match])
                #expect(Array(ids) == Array(whole), "\(text), \(tier.kind)")
                #expect(!ids.isEmpty, "\(text): the fixture holds matches of \(tier.kind)")
                for id in ids { perReport[try #require(ranges.report(ofPassage: id)), default: 0] += 1 }
            }
            // The related tier (every part anywhere): its candidates are those of its expression.
            let related = try #require(compiled.related?.match)
            let ids = try #require(try compiled.characterFilteredRowIDs(match: related, db, ranges: ranges), "\(text)")
            let whole = try RowIDList.fetch(db.cachedStatement(sql: CompiledQuery.rowIDsSelect), arguments: [related])
            #expect(Array(ids) == Array(whole) && !ids.isEmpty, "\(text), related")
            return perReport
        }
        let total = perReport.values.reduce(0, +)
        let searcher = Searcher(index: index)
        let page = try searcher.search(query, limit: 10)
        #expect(page.totalHits == total && page.totalReports == perReport.count, "\(text)")
        #expect(page.hits.first?.match == .exact)
        #expect(try searcher.count(query) == MatchCount(passages: total, reports: perReport.count))
        let every = try searcher.search(query, limit: total + 10, perReport: nil)
        #expect(every.hits.filter { $0.match == .variant }.count + every.hits.filter { $0.match == .exact }.count <= total)
        #expect(every.hits.contains { $0.match == .variant }, "\(text)")
        // Parts far apart come after every match, each passing the related tier's check.
        let related = every.hits.filter { $0.match == .related }
        #expect(!related.isEmpty, "\(text)")
        for hit in related { #expect(hit.text.contains("产业终于振兴"), "\(hit.text)") }
        let byReport = try Aggregator(index: index).aggregate(query, by: .report)
        #expect(byReport.rows.map(\.passages).reduce(0, +) == total, "\(text)")
    }

    /// Every match is scored as bm25 scores it, the character's occurrences counted: the
    /// passages holding 县 three times come first.
    @Test func aCharacterHeldMoreOftenRanksHigher() throws {
        let index = try Self.index()
        let page = try Searcher(index: index).search(try SearchQuery(parsing: "县 \"乡村振兴\""), limit: 3)
        #expect(page.hits.count == 3)
        for hit in page.hits { #expect(hit.text.contains("县县推进乡村振兴，县域"), "\(hit.text)") }
    }
}
