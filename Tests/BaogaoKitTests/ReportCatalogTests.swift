import Foundation
import Testing
@testable import BaogaoKit

/// The listing of an index's reports: its summary and its pages agree with the whole list.
@Suite(.serialized)
struct ReportCatalogTests {
    let catalog: ReportCatalog

    init() throws {
        let url = try temporaryFolder("catalog").appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: url)
        catalog = ReportCatalog(index: try IndexDatabase.open(at: url))
    }

    @Test func theSummaryIsThatOfTheWholeList() throws {
        let all = try catalog.reports()
        let summary = try catalog.summary()
        #expect(summary.reports == all.count)
        #expect(summary.units == Set(all.compactMap(\.unit)).count)
        #expect(summary.years == Set(all.compactMap(\.year)).sorted())
        #expect(try catalog.years() == summary.years)
        #expect(summary.reports > 10 && summary.units > 5 && summary.years.count > 2)
    }

    @Test(arguments: [(0, 5), (5, 5), (10, 100), (0, 0), (15, 1), (16, 3), (400, 10)])
    func aPageIsASliceOfTheWholeList(_ start: Int, _ count: Int) throws {
        let all = try catalog.reports()
        let page = try catalog.reports(from: start, count: count)
        #expect(page == Array(all.dropFirst(start).prefix(count)))
        let (total, same) = try catalog.reportsAndTotal(from: start, count: count)
        #expect(total == all.count && same == page)
    }

    /// A query's reports are those `units --by report` counts, each with the same number of
    /// matching passages (exact and near variants, filters, a whole-tier exclusion), and a page
    /// of them is a slice of the whole listing.
    @Test(arguments: ["乡村振兴", "\"乡村振兴\"", "工作 OR 发展", "乡村振兴 year:2022..2023", "党 -\"党建\"", "营商环境 section:营商环境"])
    func aQuerysReportsAreCountedAsUnitsCountsThem(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let listed = try catalog.reports(matching: query)
        let rows = try Aggregator(index: catalog.index).aggregate(query, by: .report).rows
        #expect(!listed.isEmpty, "\(text)")
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.path, $0.matches ?? -1) })
                == Dictionary(uniqueKeysWithValues: rows.map { ($0.path!, $0.passages) }), "\(text)")
        #expect(listed.map(\.path) == listed.sorted { ($0.unit == nil ? 1 : 0, $0.unit ?? "", $0.year ?? 0, $0.path)
                                                      < ($1.unit == nil ? 1 : 0, $1.unit ?? "", $1.year ?? 0, $1.path) }.map(\.path))
        for (start, count) in [(0, 2), (2, 3), (listed.count - 1, 5), (listed.count, 1)] {
            let (total, page) = try catalog.reports(matching: query, from: start, count: count)
            #expect(total == listed.count && page == Array(listed.dropFirst(start).prefix(count)), "\(text) \(start)")
        }
    }

    /// Reports given one by one are those of the listing, by path when asked (byte order),
    /// and the total counts them all whatever window is given.
    @Test(arguments: [nil, "乡村振兴", "year:2022..2023"])
    func reportsGivenOneByOneAreThoseOfTheListing(_ text: String?) throws {
        let query = try text.map { try SearchQuery(parsing: $0) }
        let listed = try catalog.reports(matching: query)
        var byPath: [ReportInfo] = []
        let total = try catalog.forEachReport(matching: query, order: .path) { byPath.append($0) }
        #expect(total == listed.count && !listed.isEmpty)
        #expect(byPath == listed.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) })
        var window: [ReportInfo] = []
        #expect(try catalog.forEachReport(matching: query, order: .path, from: 1, count: 2) { window.append($0) } == total)
        #expect(window == Array(byPath.dropFirst(1).prefix(2)))
    }

    /// Filters alone list the reports they let through, whether read from the reports' rows
    /// (filters on the report) or from their passages (a section filter).
    @Test func filtersAloneListTheReportsTheyLetThrough() throws {
        let all = try catalog.reports()
        let cases: [(String, (ReportInfo) -> Bool)] = [
            ("year:2022", { $0.year == 2022 }),
            ("year:2021..2023", { (2021...2023).contains($0.year ?? 0) }),
            ("-year:2021", { $0.year != 2021 }),
            ("unit:市农业农村局", { $0.unit == "市农业农村局" }),
            ("title:总结 year:2022..2024", { ($0.title ?? "").contains("总结") && (2022...2024).contains($0.year ?? 0) }),
        ]
        for (text, keeps) in cases {
            let listed = try catalog.reports(matching: try SearchQuery(parsing: text))
            let expected = all.filter(keeps)
            #expect(!expected.isEmpty && expected.count < all.count, "\(text)")
            #expect(listed == expected, "\(text)")
        }
        // A section filter needs the passages: those reports whose sections hold it.
        let sections = try catalog.reports(matching: try SearchQuery(parsing: "section:营商环境"))
        #expect(!sections.isEmpty && sections.count < all.count)
    }

    @Test func anEmptyIndexHasAnEmptySummary() throws {
        let folder = try temporaryFolder("catalog-empty")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("none"), withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder.appendingPathComponent("none"), into: url)
        let empty = ReportCatalog(index: try IndexDatabase.open(at: url))
        #expect(try empty.summary() == ReportSummary(reports: 0, units: 0, years: []))
        #expect(try empty.reports(from: 0, count: 10).isEmpty)
    }
}
