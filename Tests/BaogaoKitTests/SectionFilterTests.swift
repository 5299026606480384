import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A `section:` filter (alone, beside filters on the report, under OR or -) is read once, as the passages under the sections it finds, and FTS5's rowids are kept or dropped
/// against them: no query over a report's sections for every match. Its answers are the
/// join's (``ReportFilterTests/countsAndRankingsEqualTheJoin(_:)`` runs the same queries).
@Suite(.serialized)
struct SectionFilterTests {
    @Test(arguments: [
        ([1, 2, 3, 7, 8, 10], [1...3, 7...8, 10...10]),
        ([5], [5...5]),
        ([], []),
        ([4, 4, 5], [4...5]),
    ] as [([Int64], [ClosedRange<Int64>])])
    func idsBecomeSpans(_ ids: [Int64], _ spans: [ClosedRange<Int64>]) {
        let passages = SectionPassages(ids: ids)
        #expect(passages.spans == spans)
        #expect(passages.count == Set(ids).count)
        for id in Int64(0)...12 {
            #expect(passages.contains(id) == ids.contains(id), "\(id) of \(ids)")
        }
    }

    @Test func spansIntersect() {
        let a = SectionPassages(ids: [1, 2, 3, 4, 8, 9, 10, 20])
        let b = SectionPassages(ids: [3, 4, 5, 6, 7, 8, 20, 21])
        let both = a.intersection(b)
        #expect(both.spans == [3...4, 8...8, 20...20])
        #expect(both == b.intersection(a))
    }

    /// Union and complement agree with sets of ids, on random spans; a report's passages are
    /// its range, the last one ending at the last passage.
    @Test func spansUniteAndComplementAsSetsDo() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let x = Set((0..<Int.random(in: 0...12, using: &generator)).map { _ in Int64.random(in: 0...30, using: &generator) })
            let y = Set((0..<Int.random(in: 0...12, using: &generator)).map { _ in Int64.random(in: 0...30, using: &generator) })
            let (a, b) = (SectionPassages(ids: x.sorted()), SectionPassages(ids: y.sorted()))
            #expect(a.union(b) == SectionPassages(ids: x.union(y).sorted()), "\(x) \(y)")
            #expect(a.intersection(b) == SectionPassages(ids: x.intersection(y).sorted()), "\(x) \(y)")
            let all: ClosedRange<Int64> = 5...25
            #expect(a.complement(in: all) == SectionPassages(ids: Set(all).subtracting(x).sorted()), "\(x)")
        }
        let ranges = ReportRanges(starts: [10, 15, 30], reports: [1, 2, 3])
        #expect(SectionPassages(reports: [3, 1], ranges: ranges, last: 33).spans == [10...14, 30...33])
        #expect(SectionPassages(reports: [1, 2], ranges: ranges, last: 33).spans == [10...29])
        #expect(SectionPassages(reports: [9], ranges: ranges, last: 33).spans.isEmpty)
    }

    /// Asked with a cursor, ids ascending or going back now and then, the answer is the one a
    /// search of every span gives.
    @Test func aCursorAnswersAsTheSearchDoes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let passages = SectionPassages(ids: (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                Int64.random(in: 0...60, using: &generator)
            }.sorted())
            var ids = (0..<40).map { _ in Int64.random(in: -2...64, using: &generator) }.sorted()
            if Bool.random(using: &generator) { ids += ids.shuffled(using: &generator).prefix(8) }
            var cursor = 0
            for id in ids {
                #expect(passages.contains(id, cursor: &cursor) == passages.contains(id), "\(passages.spans) \(id)")
            }
        }
    }

    /// The passages found are those whose section, or a section above it, has the text in its
    /// heading; the reports are theirs.
    @Test func theSectionsAndTheirSubsectionsAreFound() throws {
        try ReportFilterTests.index.read { db in
            let found = try SectionPassages.matching("存在", db)
            let expected = try Int64.fetchAll(db, sql: """
                SELECT p.id FROM passages p WHERE p.section_id IN (WITH RECURSIVE sub(id) AS (
                    SELECT id FROM sections WHERE report_id = p.report_id AND baogao_contains(heading, '存在')
                    UNION SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub)
                ORDER BY p.id
                """)
            #expect(expected.count > 10)
            #expect(found == SectionPassages(ids: expected))
            let ranges = try #require(try ReportRanges.load(db))
            let reports = try Set(Int64.fetchAll(db, sql: "SELECT report_id FROM passages WHERE id IN (\(expected.map(String.init).joined(separator: ",")))"))
            #expect(found.reports(ranges) == reports)
            // Within some reports: the same passages, those of these reports only.
            let some = Set(reports.sorted().prefix(2))
            #expect(some.count == 2)
            let within = try SectionPassages.matching("存在", inReports: some, db)
            #expect(within == SectionPassages(ids: expected.filter { ranges.report(ofPassage: $0).map(some.contains) == true }))
            #expect(within.reports(ranges) == some)
        }
    }

    /// Counting, ranking and listing every hit of a filtered query run no statement holding the
    /// filter's SQL (the query over each match's report's sections).
    @Test(arguments: ["工作 section:存在", "的 section:存在 year:2022..2024", "发展 section:存在 section:问题"])
    func noStatementAsksEachMatchForItsSections(_ text: String) throws {
        try ReportFilterTests.index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
            #expect(compiled.allowedSections != nil)
            let sql = try FilteredCharacterTests.statements(db) {
                let counted = try compiled.count(db)
                #expect(counted.passages > 0, "\(text)")
                _ = try compiled.rankedInOnePass(db, wanted: 10)
                _ = try compiled.forEachRankedID(in: compiled.tiers[0], db) { _, _, _ in }
                try compiled.forEachMatch(in: compiled.tiers[0], db, ranked: true, limit: nil) { _ in true }
            }
            #expect(!sql.contains { $0.contains("baogao_contains") || $0.contains("sections") }, "\(sql)")
        }
    }

    /// The searcher and `units` count what the join counts, every hit under such a heading.
    @Test func searchAndUnitsCountThePassagesUnderTheSections() throws {
        let query = try SearchQuery(parsing: "工作 section:存在")
        let results = try Searcher(index: ReportFilterTests.index).search(query, limit: nil, perReport: nil)
        let expected = try ReportFilterTests.index.read { db in
            try ReportFilterTests.joining(try QueryCompiler.compile(query, db)).count(db)
        }
        #expect(results.totalHits == expected.passages && results.totalReports == expected.reports && expected.passages > 0)
        #expect(results.hits.allSatisfy { $0.section.contains { $0.contains("存在") } }, "\(results.hits.map(\.section))")
        let units = try Aggregator(index: ReportFilterTests.index).aggregate(query, by: .unit)
        #expect(units.totalHits == expected.passages)
    }

    /// A section: filter keeping many reports reads the term's rowids as one list and drops
    /// those outside its sections; past 2,000 it ranks a sample of the rest, as a term alone
    /// does: the totals are exact and every hit shown stands under the section.
    @Test func manyMatchesUnderASectionAreCountedFromTheListAndSampled() throws {
        let under = (1...2_100).map { "发展第\($0)项任务。" }.joined(separator: "\n")
        let elsewhere = (1...300).map { "发展其他第\($0)项。" }.joined(separator: "\n")
        let index = try ReportFilterTests.index([
            "甲单位_2020_工作总结.txt": "一、存在问题\n" + under + "\n二、下步打算\n" + elsewhere,
            "乙单位_2021_工作总结.txt": "一、总体情况\n" + elsewhere,
        ])
        let query = try SearchQuery(parsing: "发展 section:存在")
        try index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            let ranges = try #require(compiled.ranges)
            #expect(compiled.allowedSections != nil && compiled.allowedSpans(ranges) == nil, "a wide filter")
            let page = try #require(try compiled.rankedInOnePass(db, wanted: 10))
            #expect(page.passages == 2_100 && page.reports == 1)
            #expect(page.best.count == 10 && page.best.allSatisfy { $0.text.hasPrefix("发展第") })
            #expect(try compiled.count(db) == (try ReportFilterTests.joining(compiled).count(db)))
        }
        let results = try Searcher(index: index).search(query, limit: 10)
        #expect(results.totalHits == 2_100 && results.hits.allSatisfy { $0.section.contains("一、存在问题") })
    }
}
