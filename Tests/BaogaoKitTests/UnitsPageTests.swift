import Foundation
import Testing
@testable import BaogaoKit

/// A page of `units` (``Aggregator/aggregate(_:by:limit:offset:)``) is the slice of the whole
/// answer, best hits included, whichever way the groups' best matches are found (every match
/// ranked, or per report past the ranking cap); `totalRows` counts the whole answer's rows.
@Suite(.serialized)
struct UnitsPageTests {
    static let index: IndexDatabase = {
        let url = try! temporaryFolder("units-page").appendingPathComponent("index.sqlite")
        _ = try! Indexer.index(folder: sampleCorpus, into: url)
        return try! IndexDatabase.open(at: url)
    }()

    static let queries = ["乡村振兴", "\"乡村振兴\"", "乡村振兴 OR 万人助万企", "发展", "党", "工作 year:2023",
                          "营商环境 -疫情", "党建 section:党建"]

    @Test(arguments: queries, [Grouping.unit, .year, .report])
    func aPageIsASliceOfTheWholeAnswer(_ text: String, by grouping: Grouping) throws {
        let query = try SearchQuery(parsing: text)
        // The ranking cap at its default (small tiers: every match ranked) and at 3 (per report).
        for aggregator in [Aggregator(index: Self.index), Aggregator(index: Self.index, rankedAtMost: 3)] {
            let whole = try aggregator.aggregate(query, by: grouping)
            // Rows are the same read two at a time (each batch with caches of its own).
            let inPairs = Aggregator(index: Self.index, rankedAtMost: aggregator.rankedAtMostMatches, rowsPerBatch: 2)
            #expect(try inPairs.aggregate(query, by: grouping) == whole, "\(text) \(grouping)")
            #expect(whole.totalRows == whole.rows.count)
            #expect(!whole.rows.isEmpty, "\(text)")
            for (limit, offset) in [(1, 0), (2, 1), (3, 0), (3, 2), (1000, 0), (2, whole.rows.count - 1), (4, whole.rows.count + 3)] {
                let page = try aggregator.aggregate(query, by: grouping, limit: limit, offset: offset)
                #expect(page.rows == Array(whole.rows.dropFirst(offset).prefix(limit)), "\(text) \(grouping) \(limit)@\(offset)")
                #expect(page.totalRows == whole.rows.count)
                #expect(page.totalHits == whole.totalHits && page.totalReports == whole.totalReports)
            }
        }
    }
}
