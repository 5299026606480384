import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A word typed without quotes under a narrow filter: its variant and related tiers are read
/// through the wider expression the cheapest way (FTS5 span by span, over every match, or the
/// allowed passages' text), and every way finds the join's matches.
@Suite(.serialized)
struct WiderPlanTests {
    /// Ten units, one report each; each report holds the word, a near variant, the parts apart,
    /// and the parts in another order, among other lines. A unit: filter keeps one in ten.
    static let index: IndexDatabase = {
        var files: [String: String] = [:]
        for (n, unit) in ["甲局", "乙局", "丙局", "丁局", "戊局", "己局", "庚局", "辛局", "壬局", "癸局"].enumerated() {
            var lines = ["一、总体情况", "全面推进乡村振兴，营商环境持续优化。"]
            for k in 0...n {
                lines.append("推动乡村全面振兴取得新进展，第\(k)批营商政务环境改善。")
                lines.append("乡村道路建设完成，产业振兴有力，优化营商和法治环境。")
                lines.append("振兴乡村产业，依照本法规定应当登记，依照规定本法应当。")
            }
            lines.append("（一）其他")
            lines.append("全年工作平稳，依照本法有关规定，应当及时报告。")
            files["\(unit)_\(2016 + n)_工作总结.txt"] = lines.joined(separator: "\n")
        }
        return try! ReportFilterTests.index(files)
    }()

    @Test(arguments: [
        // (passages, spans, tokens, pages) measured at 1 GB, and the cheapest reading.
        (9_780, 222, 26, 2_945, CompiledQuery.WiderPlan.text),    // 依照本法规定应当 unit:河南省…: 350 ms by spans
        (8_720, 198, 26, 3_218, .text),                           // 县级以上人民政府 year:2018: 193 ms by spans
        (24_634, 553, 5, 26, .everyMatch),                        // 乡村振兴 unit:乡镇人民政府: 6 ms over every match
        (1_570, 36, 5, 266, .text),                               // 营商环境 year:2023: 7 ms by spans
        (100_000, 40, 5, 5_000, .spans),
        (100_000, 400, 5, 50, .everyMatch),
    ])
    func theCheapestReadingIsChosen(_ passages: Int, spans: Int, tokens: Int, pages: Int, plan: CompiledQuery.WiderPlan) {
        #expect(CompiledQuery.widerPlan(passages: passages, spans: spans, tokens: tokens, pages: pages) == plan)
    }

    @Test func phrasesOfIdeographBigramsAreTheirText() {
        let chain = { (s: String) in s.unicodeScalars.map(\.value) }
        #expect(CompiledQuery.bigramChains([["依照", "照本"], ["规定"]]) == [chain("依照本"), chain("规定")])
        #expect(CompiledQuery.bigramChains([["依照", "本法"]]) == nil, "not a chain")
        #expect(CompiledQuery.bigramChains([["app"]]) == nil, "letters are tokens of another kind")
        #expect(CompiledQuery.bigramChains([["党"]]) == nil)
        #expect(CompiledQuery.bigramChains([]) == nil)
    }

    /// The rows the text gives are those FTS5 gives for the wider expression after each tier's
    /// check, and each way of reading finds the join's matches for every tier. (The scores
    /// differ where FTS5 leaves a branch unevaluated: see ``CompiledQuery/scannedWider(_:_:ranges:)``.)
    @Test(arguments: ["乡村振兴 unit:丙局", "营商环境 unit:戊局", "依照本法规定应当 unit:癸局", "乡村振兴 year:2017"])
    func everyReadingFindsTheJoinsMatches(_ text: String) throws {
        try Self.index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            let ranges = try #require(compiled.ranges)
            let loose = try #require(compiled.tiers[1].spanMatch)
            let tiers = compiled.tiers.dropFirst() + (compiled.related.map { [$0] } ?? [])
            var fts: [(id: Int64, rank: Double)] = []
            try compiled.forEachAllowedRow("SELECT rowid, \(TermFrequencyRank.name)(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?",
                                           match: loose, db, ranges: ranges, everySpan: true) {
                fts.append(($0[0], $0[1]))
                return true
            }
            let scanned = try #require(try compiled.scannedWider(loose, db, ranges: ranges))
            let texts = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, text FROM passages").map {
                ($0[0] as Int64, FoldedText($0[1] as String))
            })
            let kept = fts.filter { row in tiers.contains { $0.check?(texts[row.id]!) == true } }
            #expect(kept.map(\.id) == scanned.map(\.id), "\(text)")
            #expect(!scanned.isEmpty, "\(text)")

            let join = ReportFilterTests.joining(compiled)
            for plan in [CompiledQuery.WiderPlan.text, .spans, .everyMatch] {
                compiled.forcedWiderPlan = plan
                compiled.widerWalks = WiderWalks()
                #expect(compiled.widerPlan(loose, db, ranges: ranges) == plan)
                var all: [Int64] = []
                for tier in tiers {
                    var fast: [(id: Int64, rank: Double)] = []
                    let sql = try FilteredCharacterTests.statements(db) {
                        try compiled.forEachMatch(in: tier, db, ranked: true, limit: nil) { fast.append(($0.passageID, $0.rank)); return true }
                    }
                    let walked = sql.contains { $0.contains("MATCH") && $0.contains("passages_fts") }
                    // The related tier reads the walk the variant tier kept (``WiderWalks``).
                    #expect(walked == (plan != .text && tier.kind == .variant), "\(text) \(plan) \(tier.kind): \(sql)")
                    #expect(fast.map(\.rank) == fast.map(\.rank).sorted(), "\(text) \(plan): best first")
                    var joined: [Int64] = []
                    try join.forEachMatch(in: tier, db, ranked: true, limit: nil) { joined.append($0.passageID); return true }
                    #expect(fast.map(\.id).sorted() == joined.sorted(), "\(text) \(plan) \(tier.kind)")
                    all += fast.map(\.id)
                }
                #expect(!all.isEmpty, "\(text) \(plan)")
            }
        }
    }

    /// The count of `compiled` (before a page of 100 when `page`), then tier `n`'s matches (ranked
    /// when `page`): the statements run, the passages found, the count; and the passages the
    /// join finds for the tier.
    static func countedThenRead(_ compiled: CompiledQuery, tier n: Int, page: Bool = true,
                                _ db: Database) throws -> (sql: [String], found: [Int64], counted: Int, joined: [Int64]) {
        let tier = compiled.tiers[n]
        var found: [Int64] = []
        var counted = 0
        let sql = try FilteredCharacterTests.statements(db) {
            counted = try compiled.count(db, ranking: page ? 100 : nil).passages
            try compiled.forEachMatch(in: tier, db, ranked: page, limit: nil) { found.append($0.passageID); return true }
        }
        var joined: [Int64] = []
        try ReportFilterTests.joining(compiled).forEachMatch(in: tier, db, ranked: false, limit: nil) {
            joined.append($0.passageID)
            return true
        }
        return (sql, found, counted, joined)
    }

    /// Counting a page's variant tier and ranking it walk its expression once: the count's
    /// walk is scored and kept (``WiderWalks``) when the page will rank the tier, whichever
    /// expression it reads (its NEAR groups under a filter keeping many passages, the wider one
    /// under a narrow filter). Regression:
    /// `依照本法规定应当 section:总则` at 1 GB walked its NEAR groups once to count and again to rank.
    @Test(arguments: ["乡村振兴 -unit:甲局", "依照本法规定应当 year:2016..2024", "营商环境 section:总体情况",
                      "乡村振兴 unit:丙局"])
    func theVariantTierIsWalkedOnceToCountAndRank(_ text: String) throws {
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            let variant = compiled.tiers[1]
            let expressions = [variant.match, variant.spanMatch, compiled.highlightVariants[0].matchExpression].compactMap { $0 }
            let read = try Self.countedThenRead(compiled, tier: 1, db)
            let walks = read.sql.filter { line in line.contains("passages_fts MATCH") && expressions.contains { line.contains($0) } }
            #expect(walks.count == 1, "\(text): \(walks)")
            #expect(read.found.sorted() == read.joined.sorted() && !read.found.isEmpty && read.counted >= read.found.count, "\(text)")
        }
    }

    /// Under a filter, counting a page's exact tier and ranking it walk its expression once:
    /// the count's walk is scored and kept. Regression: `人民法院 section:法律责任` at 1 GB walked
    /// its 266,628 exact matches once to count and again to rank.
    @Test(arguments: ["乡村振兴 -unit:甲局", "依照本法规定应当 year:2016..2024", "营商环境 section:总体情况",
                      "乡村振兴 unit:丙局"])
    func theExactTierIsWalkedOnceToCountAndRank(_ text: String) throws {
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            let match = try #require(compiled.tiers[0].match)
            let read = try Self.countedThenRead(compiled, tier: 0, db)
            let walks = read.sql.filter { $0.contains("passages_fts MATCH '\(match)'") }
            #expect(walks.count == 1, "\(text): \(walks)")
            #expect(read.found.sorted() == read.joined.sorted() && !read.found.isEmpty && read.counted >= read.found.count, "\(text)")
        }
    }

    /// A count alone, or before a page its exact tier fills, walks the NEAR groups unscored.
    @Test(arguments: [("乡村振兴 -unit:甲局", nil), ("依照本法规定应当 year:2016..2024", 1)] as [(String, Int?)])
    func aCountAloneWalksTheNearGroupsUnscored(_ text: String, _ ranking: Int?) throws {
        let near = try Self.index.read { db -> [String] in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            let match = try #require(compiled.highlightVariants.first).matchExpression
            let sql = try FilteredCharacterTests.statements(db) { _ = try compiled.count(db, ranking: ranking) }
            return sql.filter { $0.contains("passages_fts MATCH") && $0.contains(match) }
        }
        #expect(!near.isEmpty && near.allSatisfy { !$0.contains(TermFrequencyRank.name) }, "\(text): \(near)")
    }

    /// A term's variant tier under a filter read over every match is its NEAR groups less the
    /// exact tier's rows, read for the count before: FTS5 never evaluates the tier's own
    /// `NOT` the phrase at every NEAR match (县级以上人民政府 section:总则 at 1 GB: 381 ms against
    /// 222 for the NEAR groups alone). The tier still finds what the join finds.
    /// The exact tier's rows come from the count's scored walk before a page (`ranking`), or
    /// from the ``RowIDMemo`` a count alone and `units` keep for such a query.
    @Test(arguments: ["乡村振兴 -unit:甲局", "依照本法规定应当 year:2016..2024", "营商环境 section:总体情况"], [true, false])
    func theVariantTierIsTheNearGroupsLessTheExactTier(_ text: String, page: Bool) throws {
        try Self.index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            if !page { compiled.keepRowIDsBetweenSteps() }
            let near = try #require(compiled.nearGroupsUnderFilter).matchExpression
            #expect(try #require(compiled.tiers[1].match).contains(" NOT "))
            let read = try Self.countedThenRead(compiled, tier: 1, page: page, db)
            let walks = read.sql.filter { $0.contains("passages_fts MATCH") && $0.contains(near) }
            #expect(!walks.isEmpty && walks.allSatisfy { !$0.contains(" NOT ") }, "\(text): \(walks)")
            let total = try ReportFilterTests.joining(compiled).count(db).passages
            #expect(read.found.sorted() == read.joined.sorted() && !read.found.isEmpty && read.counted == total, "\(text)")
        }
    }

    /// A variant tier FTS5 answers exactly (its NEAR groups) is counted and grouped by unit
    /// under a filter without reading a passage's text, as without filters. Regression:
    /// `建设部门 -unit:北京市人民代表大会常务委员会` at 1 GB read the text of its 52,831 variant
    /// matches to count them (450 ms, against 45 without the filter).
    @Test(arguments: ["乡村振兴 -unit:甲局", "依照本法规定应当 year:2016..2024", "营商环境 section:总体情况"])
    func aVariantTierUnderAFilterIsCountedWithoutItsText(_ text: String) throws {
        try Self.index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            compiled.keepRowIDsBetweenSteps()
            var counted = 0
            var units: [GroupCounts] = []
            let sql = try FilteredCharacterTests.statements(db) {
                counted = try compiled.count(db).passages
                units = try Aggregator(index: Self.index).counts(compiled, by: [.unit], db)
            }
            #expect(!sql.contains { $0.contains("p.text") }, "\(text): \(sql.filter { $0.contains("p.text") })")
            let join = ReportFilterTests.joining(compiled)
            #expect(try counted == join.count(db).passages && counted > 0, "\(text)")
            let joinedUnits = try Aggregator(index: Self.index).counts(join, by: [.unit], db)
            #expect(units[0].rows.map { [$0.unit ?? "", String($0.passages)] } == joinedUnits[0].rows.map { [$0.unit ?? "", String($0.passages)] })
        }
    }
}

