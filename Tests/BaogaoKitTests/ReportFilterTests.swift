import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Filters on the report (unit:, year:, title:) are applied to FTS5's rowids through the
/// reports they allow, not by joining every match to its passage and report: counts, ranked
/// ids and one-pass rankings are those of the join, for every kind of filter.
@Suite(.serialized)
struct ReportFilterTests {
    static let index: IndexDatabase = {
        let url = try! temporaryFolder().appendingPathComponent("filters.sqlite")
        _ = try! Indexer.index(folder: sampleCorpus, into: url)
        return try! IndexDatabase.open(at: url)
    }()

    static let queries = [
        "乡村振兴 year:2021..2023", "工作 year:2022", "发展 unit:区人力资源和社会保障局", "党建 title:工作总结",
        "(\"工作\" OR \"改革\") year:2022..2024", "推进 -year:2023", "就业 (unit:县教育局 OR year:2024)", "的 year:2021",
        "乡村振兴 year:2021 section:产业", "乡村振兴 unit:XX县XX镇", "乡村振兴 unit:市农业农村局",
        "工作 section:存在", "的 section:存在 year:2022..2024", "发展 section:存在 section:问题",
        "问题 -section:存在", "问题 (section:存在 OR unit:县教育局)", "的 -section:存在",
        "的 -section:存在 year:2022..2024", "工作 (section:存在 OR section:成绩) -unit:县教育局",
        "发展 -(section:存在 year:2023)", "问题 (section:存在 OR -year:2022)", "\"问题\" -section:问题 -section:打算",
    ]

    /// The same query with its filters joined to every match, as before the allowed reports.
    static func joining(_ fast: CompiledQuery) -> CompiledQuery {
        var join = fast
        join.filtersOnReports = false
        join.allowedReportIDs = nil
        join.allowedSections = nil
        return join
    }

    @Test(arguments: queries)
    func countsAndRankingsEqualTheJoin(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let fast = try QueryCompiler.compile(query, db)
            let join = Self.joining(fast)
            #expect(try join.allowedReports(db) == nil)
            if fast.filtersOnReports {
                #expect(try fast.allowedReports(db) == fast.allowedReportIDs, "read once, when compiled")
            }
            if text.contains("section:") {
                #expect(fast.allowedReportIDs != nil && fast.allowedSections != nil, "section: alone, under OR or -")
            } else {
                #expect(fast.allowedReportIDs != nil && fast.allowedSections == nil)
            }
            let counted = try fast.count(db)
            #expect(counted == (try join.count(db)), "\(text)")
            #expect(counted.passages > 0, "\(text) finds something")

            for tier in fast.tiers where tier.check == nil {
                var byRanges: [(Int64, Int64, Double)] = []
                let answered = try fast.forEachRankedID(in: tier, db) { byRanges.append(($0, $1, $2)) }
                var byJoin: [(Int64, Int64, Double)] = []
                try join.forEachMatch(in: tier, db, ranked: true, limit: nil) {
                    byJoin.append(($0.passageID, $0.reportID, $0.rank)); return true
                }
                if answered {
                    #expect(byRanges.map(\.0).sorted() == byJoin.map(\.0).sorted(), "\(text)")
                    #expect(byRanges.map { "\($0.0)>\($0.1)" }.sorted() == byJoin.map { "\($0.0)>\($0.1)" }.sorted())
                    // A phrase alone is scored without its IDF (another scale, the same order).
                    let bm25 = Dictionary(uniqueKeysWithValues: byJoin.map { ($0.0, $0.2) })
                    let inOrder = byRanges.map { bm25[$0.0]! }
                    #expect(inOrder == inOrder.sorted(), "\(text): best first, as bm25 orders them")
                }
            }

            if let onePass = try fast.rankedInOnePass(db, wanted: 5) {
                #expect(onePass.passages == counted.passages && onePass.reports == counted.reports, "\(text)")
                var all: Set<Int64> = []
                try join.forEachMatch(db, ranked: false) { all.insert($0.passageID); return true }
                #expect(onePass.best.allSatisfy { all.contains($0.passageID) }, "\(text): only allowed matches")
                #expect(onePass.best.count == min(5, counted.passages))
            }
        }
    }

    /// The cursor over the filters lets through what ``CompiledQuery/allows(passage:report:)``
    /// does, for every passage in order and for ids going back.
    @Test(arguments: queries)
    func theCursorAllowsWhatTheFiltersAllow(_ text: String) throws {
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            let ranges = try #require(compiled.ranges)
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM passages ORDER BY id")
            var cursor = compiled.allowedCursor(ranges)
            var allowed = 0
            for id in ids + ids.reversed().prefix(50) {
                let expected = compiled.allows(passage: id, report: ranges.report(ofPassage: id))
                #expect(cursor.allows(id) == expected, "\(text) \(id)")
                if expected { allowed += 1 }
            }
            #expect(allowed > 0 && allowed < ids.count + 50, "\(text)")
        }
    }

    /// Every tier's matches, found through the allowed reports first, are the join's; best
    /// first (for a tier of one phrase in bm25's order); a limit keeps the best, past the
    /// check of a tier FTS5 only approximates.
    @Test(arguments: queries)
    func allowedMatchesAreTheJoinsMatches(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let fast = try QueryCompiler.compile(query, db)
            let join = Self.joining(fast)
            for tier in fast.tiers + (fast.related.map { [$0] } ?? []) {
                var viaAllowed: [(id: Int64, rank: Double)] = []
                try fast.forEachMatch(in: tier, db, ranked: true, limit: nil) { viaAllowed.append(($0.passageID, $0.rank)); return true }
                var viaJoin: [(id: Int64, rank: Double)] = []
                try join.forEachMatch(in: tier, db, ranked: true, limit: nil) { viaJoin.append(($0.passageID, $0.rank)); return true }
                #expect(viaAllowed.map(\.id).sorted() == viaJoin.map(\.id).sorted(), "\(text), \(tier.kind)")
                #expect(viaAllowed.map(\.rank) == viaAllowed.map(\.rank).sorted(), "\(text): best first")
                if fast.singleTerm != nil, tier.kind == .exact, tier.check == nil {
                    let bm25 = Dictionary(uniqueKeysWithValues: viaJoin.map { ($0.id, $0.rank) })
                    let inOrder = viaAllowed.map { bm25[$0.id]! }
                    #expect(inOrder == inOrder.sorted(), "\(text): as bm25 orders them")
                }
                var limited: [Int64] = []
                try fast.forEachMatch(in: tier, db, ranked: true, limit: 3) { limited.append($0.passageID); return true }
                #expect(limited == Array(viaAllowed.prefix(3).map(\.id)), "\(text), \(tier.kind)")
            }
        }
    }

    /// `year:` and `unit:` read the reports they allow through an index, and the ranges an
    /// update stores are read from one holding only what they need; an index file written
    /// before those indexes existed gets them at its next run.
    @Test func aRunAddsTheReportIndexesToAnIndexWithout() throws {
        let url = try temporaryFolder().appendingPathComponent("older.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: url)
        let indexes: Set = ["reports_year", "reports_unit", "reports_passages"]
        func names() throws -> Set<String> {
            try DatabaseQueue(path: url.path).read { db in
                try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reports'"))
            }
        }
        #expect(try names().isSuperset(of: indexes))
        try DatabaseQueue(path: url.path).write { db in
            try db.execute(sql: "DROP INDEX reports_year; DROP INDEX reports_unit; DROP INDEX reports_passages")
        }
        let summary = try Indexer.index(folder: sampleCorpus, into: url)
        #expect(summary.added == 0 && summary.updated == 0, "no report written again")
        #expect(try names().isSuperset(of: indexes))
        func plan(_ sql: String) throws -> String {
            try DatabaseQueue(path: url.path).read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }.joined(separator: "\n")
            }
        }
        let year = try plan("SELECT r.id FROM reports r WHERE r.year BETWEEN 2021 AND 2023")
        #expect(year.contains("reports_year"), "\(year)")
        let ranges = try plan(ReportRanges.scan)
        #expect(ranges.contains("COVERING INDEX reports_passages"), "\(ranges)")
    }

    /// A filter keeping few reports is read span by span: the spans hold exactly the passages
    /// of the allowed reports, and a filter keeping many is read over every match instead.
    @Test func aNarrowFilterIsReadSpanBySpan() throws {
        try Self.index.read { db in
            let ranges = try #require(try ReportRanges.load(db))
            let narrow = try QueryCompiler.compile(try SearchQuery(parsing: "发展 unit:区人力资源和社会保障局"), db)
            let allowed = try #require(narrow.allowedReportIDs)
            #expect(!allowed.isEmpty && allowed.count * CompiledQuery.spanShare <= ranges.reports.count)
            let spans = try #require(narrow.allowedSpans(ranges))
            for row in try Row.fetchAll(db, sql: "SELECT id, report_id FROM passages") {
                let (id, report): (Int64, Int64) = (row[0], row[1])
                #expect(spans.contains { $0.contains(id) } == allowed.contains(report), "passage \(id)")
            }
            // Near variants (NEAR groups) are read span by span through every part anywhere.
            let variants = try QueryCompiler.compile(try SearchQuery(parsing: "乡村振兴 unit:县教育局"), db)
            #expect(variants.allowedSpans(ranges) != nil)
            #expect(variants.tiers.count == 2 && variants.tiers[1].spanMatch != nil && variants.related?.spanMatch != nil)
            #expect(variants.tiers[1].spanMatch?.contains("NEAR") == false)
            let wide = try QueryCompiler.compile(try SearchQuery(parsing: "发展 -year:2023"), db)
            #expect(wide.allowedReportIDs != nil && wide.allowedSpans(ranges) == nil)
        }
    }

    /// A narrow filter reads a phrase span by span unless its rarest bigram spans few leaf pages
    /// beside the spans (FTS5 would look past each span for the next match); a word, whatever it
    /// is, span by span. The pages are those of the 1 GB index's tokens.
    @Test(arguments: [
        ([173, 70, 80, 304, 914, 14, 1390], 222, true),   // "依照本法规定应当" unit:河南省…
        ([173, 70, 80, 304, 914, 14, 1390], 198, true),   // "依照本法规定应当" year:2018
        ([19, 3, 4], 553, true),                         // "乡村振兴" unit:乡镇人民政府
        ([200, 186, 407], 198, false),                   // "县级以上" year:2018
        ([1045, 602, 656], 198, false),                  // "人民政府" year:2018
        ([329, 27, 302], 164, false),                    // "法律责任" unit:北京市…: a dense phrase
        ([9, 9, 248], 36, false),                        // 营商环境 year:2023
        ([796], 114, false),                             // 管理 year:2015: one token
        ([0, 0], 3, true), ([1, 1], 9, false), ([1, 2], 10, true),
    ] as [([Int], Int, Bool)])
    func aRarePhraseUnderANarrowFilterIsReadOverEveryMatch(_ pages: [Int], spans: Int, everyMatch: Bool) {
        #expect(CompiledQuery.readsEveryMatch(tokenPages: pages, spans: spans) == everyMatch)
    }

    /// Either way the answers are the join's: a phrase of bigrams on every line, read span by
    /// span; one in an index too small to have a segment of many pages, over every match.
    @Test func phrasesUnderANarrowFilterFindWhatTheJoinFinds() throws {
        var files: [String: String] = [:]
        for n in 0..<96 {
            // Years interleave, so that a year's reports are not neighbours: one span each.
            let lines = (1...150).map { "县级以上人民政府应当加强第\($0)项管理。" }
            let rare = n % 8 == 0 ? "\n乡村振兴稳步推进。" : ""
            files["单位\(n)_\(2016 + n % 8)_工作总结.txt"] = lines.joined(separator: "\n") + rare
        }
        for (index, spans) in [(try Self.index(files), true), (Self.index, false)] {
            try index.read { db in
                let ranges = try #require(try ReportRanges.load(db))
                let text = spans ? "\"县级以上\" year:2020" : "\"乡村振兴\" unit:XX县XX镇"
                let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
                let match = try #require(compiled.tiers[0].match)
                #expect(compiled.allowedSpans(ranges) != nil, "\(text): a narrow filter")
                #expect((compiled.allowedSpans(ranges, reading: match, db) != nil) == spans, "\(text)")
                let counted = try compiled.count(db)
                #expect(counted == (try Self.joining(compiled).count(db)) && counted.passages > 0, "\(text)")
                var ids: [Int64] = []
                try compiled.forEachMatch(in: compiled.tiers[0], db, ranked: true, limit: nil) { ids.append($0.passageID); return true }
                var joined: [Int64] = []
                try Self.joining(compiled).forEachMatch(in: compiled.tiers[0], db, ranked: true, limit: nil) {
                    joined.append($0.passageID); return true
                }
                #expect(ids.sorted() == joined.sorted(), "\(text)")
            }
        }
    }

    /// The same through the searcher and `units`: totals equal what a search without the filter
    /// finds in the allowed reports.
    @Test(arguments: ["乡村振兴 year:2021..2023", "工作 year:2022", "发展 unit:区人力资源和社会保障局"])
    func totalsAreTheUnfilteredMatchesOfTheAllowedReports(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let terms = try SearchQuery(parsing: text.split(separator: " ").filter { !$0.contains(":") }.joined(separator: " "))
        let all = try Searcher(index: Self.index).search(terms, limit: nil)
        let filtered = try Searcher(index: Self.index).search(query, limit: 10)
        let allowed = try Self.index.read { db in try #require(try QueryCompiler.compile(query, db).allowedReportIDs) }
        let paths = try Self.index.read { db in
            try Set(String.fetchAll(db, sql: "SELECT path FROM reports WHERE id IN (\(allowed.map(String.init).joined(separator: ",")))"))
        }
        let expected = all.hits.filter { paths.contains($0.path) }
        #expect(filtered.totalHits == expected.count, "\(text)")
        #expect(filtered.totalReports == Set(expected.map(\.path)).count)
        #expect(filtered.hits.allSatisfy { paths.contains($0.path) })
        let units = try Aggregator(index: Self.index).aggregate(query, by: .unit)
        #expect(units.totalHits == expected.count)
    }

    /// Regression: a one-term query with a filter, whose allowed matches come after the first
    /// 2,000 matches of the index, crashed (the one-pass scorer leaves rows past its cap
    /// unscored, and those were read as scored).
    @Test func allowedMatchesPastTheFirstTwoThousandAreRanked() throws {
        let many = (1...2_100).map { "发展第\($0)项任务。" }.joined(separator: "\n")
        // 乙 sorts before 甲: the 2019 report is indexed first.
        let index = try Self.index(["乙单位_2019_工作总结.txt": "一、总体情况\n" + many,
                                    "甲单位_2020_工作总结.txt": "一、总体情况\n发展稳中有进。\n发展质量提升。\n"])
        let onePass = try index.read { db in
            try QueryCompiler.compile(try SearchQuery(parsing: "发展 year:2020"), db).rankedInOnePass(db, wanted: 10)
        }
        #expect(onePass?.passages == 2, "the one-pass ranking takes a filtered term")
        let all = try Searcher(index: index).search(try SearchQuery(parsing: "发展"), limit: 10)
        #expect(all.totalHits > 2_000, "the allowed matches come after the first 2,000")
        let results = try Searcher(index: index).search(try SearchQuery(parsing: "发展 year:2020"), limit: 10)
        #expect(results.totalHits == 2 && results.totalReports == 1)
        #expect(results.hits.map(\.line).sorted() == [2, 3])
        let units = try Aggregator(index: index).aggregate(try SearchQuery(parsing: "发展 year:2020"), by: .unit)
        #expect(units.rows.map(\.unit) == ["甲单位"] && units.totalHits == 2)
    }

    /// Regression: a filtered search of a term with near variants, past 2,000 matches, ranked
    /// only an even sample of the allowed matches (every other passage id), so the best one
    /// (here the report's first passage, id 1) could be left out of the first page.
    @Test func everyAllowedMatchIsRankedNotASample() throws {
        let many = (1...2_100).map { "乡村振兴第\($0)项任务。" }.joined(separator: "\n")
        // 乙 sorts before 甲: the 2020 report is indexed first, its first passage is id 1.
        let index = try Self.index(["乙单位_2020_工作总结.txt": "乡村振兴，乡村振兴，乡村振兴，乡村振兴。\n" + many,
                                    "甲单位_2019_工作总结.txt": "乡村振兴稳步推进。\n"])
        let query = try SearchQuery(parsing: "乡村振兴 year:2020")
        let first = try Searcher(index: index).search(query, limit: 10)
        #expect(first.totalHits == 2_101)
        #expect(first.hits.first?.text == "乡村振兴，乡村振兴，乡村振兴，乡村振兴。")
        let id = try index.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM passages WHERE text LIKE '乡村振兴，%'")
        }
        #expect(id.map { $0 % 2 == 1 } == true, "the best passage has an id a sample of even ids leaves out")
    }

    /// An index of a folder holding `files` (name: text), for a regression's own fixture.
    static func index(_ files: [String: String]) throws -> IndexDatabase {
        let folder = try temporaryFolder()
        try write(files.mapValues { Data($0.utf8) }, in: folder)
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        return try IndexDatabase.open(at: url)
    }
}
