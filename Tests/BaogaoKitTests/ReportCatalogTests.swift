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
        #expect(summary.reports > 10 && summary.units > 5 && summary.years.count > 2)
    }

    @Test(arguments: [(0, 5), (5, 5), (10, 100), (0, 0), (15, 1), (16, 3), (400, 10)])
    func aPageIsASliceOfTheWholeList(_ start: Int, _ count: Int) throws {
        let all = try catalog.reports()
        let page = try catalog.reports(from: start, count: count)
        #expect(page == Array(all.dropFirst(start).prefix(count)))
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
