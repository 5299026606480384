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
