import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `units` and a page's facets under filters read in Swift (unit:, year:, title:, section:
/// standing alone) count the matches per report, as without filters: a frequent character's or
/// bigram's rows of `report_chars` or `report_bigrams` for the allowed reports, else the allowed
/// rowids. The counts are the join's, and nothing is ranked but a best hit per shown row.
@Suite(.serialized)
struct FilteredUnitsTests {
    /// The sample corpus, indexed once for the filter suites.
    static var index: IndexDatabase { ReportFilterTests.index }

    /// A frequent character (的) and bigram (发展), a rare character, a phrase and two terms,
    /// under filters on the report, section: alone, both, and OR of filters.
    static let queries = [
        "的 year:2022..2024", "的 title:工作总结", "发展 title:工作总结", "发展 unit:市发展和改革委员会",
        "推进 year:2023", "审 year:2021..2023", "\"乡村振兴\" year:2021..2022", "发展 建设 year:2023..2024",
        "的 section:存在", "工作 section:存在", "发展 section:打算", "展 section:存在 year:2023..2024",
        "\"问题\" section:问题 year:2022..2024", "的 (year:2022 OR unit:市农业农村局)",
        "的 title:大气污染", "发展 title:营商环境",
    ]

    /// The rows of `units`, as text to compare: unit, year, path, passages, reports.
    static func counts(_ a: Aggregation) -> [String] {
        a.rows.map { "\($0.unit ?? "-")|\($0.year ?? 0)|\($0.path ?? "")|\($0.passages)|\($0.reports)" }.sorted()
    }

    @Test(arguments: queries)
    func countsPerReportEqualTheJoin(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let fast = try QueryCompiler.compile(query, db)
            #expect(fast.allowedReportIDs != nil, "\(text): filters read in Swift")
            let join = ReportFilterTests.joining(fast)
            let aggregator = Aggregator(index: Self.index, rankedAtMost: 0)
            let counted = try aggregator.counts(fast, by: [.unit, .year], db)
            let joined = try aggregator.counts(join, by: [.unit, .year], db)
            #expect(counted[0].totalHits > 0, "\(text)")
            for (a, b) in zip(counted, joined) {
                #expect(a.totalHits == b.totalHits && a.totalReports == b.totalReports, "\(text)")
                #expect(Set(a.rows) == Set(b.rows), "\(text)")
            }
            #expect(counted[0].totalHits == (try join.count(db)).passages, "\(text)")
        }
    }

    /// Counted per report (every tier above 0 matches), the rows are those of ranking every
    /// match, and each row's best hit is a match of its own row the filters allow.
    @Test(arguments: queries)
    func unitsCountedPerReportEqualRankedUnits(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        // Every match the join finds, as path:line.
        let allowed = try Self.index.read { db in
            let paths = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, path FROM reports").map {
                ($0[0] as Int64, $0[1] as String)
            })
            var found: Set<String> = []
            let join = ReportFilterTests.joining(try QueryCompiler.compile(query, db))
            for tier in join.tiers {
                try join.forEachMatch(in: tier, db, ranked: false, limit: nil) {
                    found.insert("\(paths[$0.reportID]!):\($0.line)")
                    return true
                }
            }
            return found
        }
        for grouping in Grouping.allCases {
            let perReport = try Aggregator(index: Self.index, rankedAtMost: 0).aggregate(query, by: grouping)
            let ranked = try Aggregator(index: Self.index, rankedAtMost: .max).aggregate(query, by: grouping)
            #expect(perReport.totalHits > 0, "\(text)")
            #expect(perReport.totalHits == ranked.totalHits && perReport.totalReports == ranked.totalReports, "\(text)")
            #expect(Self.counts(perReport) == Self.counts(ranked), "\(text) by \(grouping)")
            for row in perReport.rows {
                #expect(!row.best.highlights.isEmpty, "\(text): the best hit shows its match")
                if grouping == .unit { #expect(row.best.unit == row.unit, "\(text)") }
                if grouping == .year { #expect(row.best.year == row.year, "\(text)") }
                #expect(allowed.contains("\(row.best.path):\(row.best.line)"), "\(text) by \(grouping): \(row.best.text)")
            }
        }
    }

    /// Facets under a filter rank nothing (no `baogao_tf`, bm25 or stored lengths), and
    /// `units` ranks only within the report it picks a best hit from (`rowid BETWEEN`):
    /// `units 的 title:条例` at 1 GB ranked 600,000 passages to count them.
    @Test(arguments: queries)
    func countingUnderAFilterRanksNothing(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            let aggregator = Aggregator(index: Self.index, rankedAtMost: 0)
            let ranking = [TermFrequencyRank.name + "(", GivenIDFRank.name + "(", "bm25(", "passages_fts_docsize"]
            let facets = try FilteredCharacterTests.statements(db) { _ = try aggregator.counts(compiled, by: [.unit, .year], db) }
            #expect(!facets.isEmpty)
            let ranked = facets.filter { sql in ranking.contains { sql.contains($0) } }
            #expect(ranked.isEmpty, "\(text): \(ranked)")
        }
    }

    /// A filter keeping few reports (one in 16 here) has their rows of `report_chars` and
    /// `report_bigrams` looked up one by one, not every row read.
    @Test(arguments: ["的 title:大气污染", "发展 title:营商环境"])
    func fewReportsAreLookedUpOneByOne(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            let ranges = try #require(compiled.ranges)
            let allowed = try #require(compiled.allowedReportIDs)
            #expect(allowed.count * CompiledQuery.lookedUpShare <= ranges.reports.count, "\(text)")
            let table = text.hasPrefix("的") ? "report_chars" : "report_bigrams"
            var counts: [CompiledQuery.ReportCount] = []
            let sql = try FilteredCharacterTests.statements(db) {
                counts = try #require(try compiled.reportCounts(in: compiled.tiers[0], db, ranges: ranges))
            }
            #expect(counts.count == 1 && counts[0].passages > 0, "\(text)")
            #expect(sql.contains { $0.contains(table) && $0.contains("WHERE report_id =") }, "\(text): \(sql)")
            #expect(!sql.contains { $0.contains(table) && !$0.contains("WHERE report_id =") }, "\(text): \(sql)")
        }
    }

    /// Filters letting through no more passages than `units` ranks (20,000) have every match
    /// ranked for the rows' best hits, without a first walk to count them.
    @Test(arguments: ["\"乡村振兴\" unit:市农业农村局", "推进 year:2023", "工作 section:存在 year:2023..2024",
                      "发展 建设 year:2023..2024"])
    func fewAllowedPassagesAreWalkedOnce(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        try Self.index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            let ranges = try #require(compiled.ranges)
            #expect(try compiled.allowsAtMost(Aggregator.rankedAtMost, ranges, db), "\(text)")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
            #expect(try !compiled.allowsAtMost(0, ranges, db) && compiled.allowsAtMost(total, ranges, db), "\(text)")
            var rows = 0
            let sql = try FilteredCharacterTests.statements(db) {
                let groups = try Aggregator(index: Self.index).groups(compiled, by: [.unit], deferred: DeferredBests(), db)
                rows = groups[0].groups.count
            }
            #expect(rows > 0, "\(text)")
            #expect(!sql.contains { $0.contains(RowIDList.name) }, "\(text): \(sql.filter { $0.contains(RowIDList.name) })")
        }
    }
}
