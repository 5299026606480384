import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The shortcuts a top-10 search takes (one pass for few matches, rowid counts mapped to
/// reports by ReportRanges, a sampled ranking for one character) give the same totals as
/// the full path, and only hits that contain the term.
@Suite(.serialized)
struct SearchFastPathTests {
    let folder: URL
    let indexURL: URL
    let index: IndexDatabase

    init() throws {
        folder = try temporaryFolder()
        try FileManager.default.copyItem(at: sampleCorpus, to: folder.appendingPathComponent("c"))
        indexURL = folder.appendingPathComponent("fast.sqlite")
        _ = try Indexer.index(folder: folder.appendingPathComponent("c"), into: indexURL)
        index = try IndexDatabase.open(at: indexURL)
    }

    @Test(arguments: ["党", "的", "工作", "\"乡村振兴\"", "\"万人助万企\"", "发展 \"营商环境\"", "乡村振兴"])
    func topTenTotalsMatchTheFullSearch(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let searcher = Searcher(index: index)
        let top = try searcher.search(query, limit: 10)
        let all = try searcher.search(query, limit: nil)
        #expect(top.totalHits == all.totalHits)
        #expect(top.totalReports == all.totalReports)
        #expect(try searcher.count(query) == MatchCount(passages: all.totalHits, reports: all.totalReports))
        #expect(!top.hits.isEmpty && top.hits.count <= 10)
        let terms = query.positiveTerms.map { ScalarFolding.fold($0.text) }
        for hit in top.hits where hit.match == .exact {
            let folded = ScalarFolding.fold(hit.text)
            #expect(terms.allSatisfy { folded.contains($0) }, "«\(hit.text)» lacks \(terms)")
        }
    }

    @Test func reportRangesMapEveryPassageToItsReport() throws {
        try index.read { db in
            let ranges = try #require(try ReportRanges.load(db))
            for row in try Row.fetchAll(db, sql: "SELECT id, report_id FROM passages") {
                let i = try #require(ranges.range(ofPassage: row[0]))
                #expect(ranges.reports[i] == row[1] as Int64)
            }
        }
    }

    @Test func reportRangesAreRecomputedAfterAChange() throws {
        let file = try #require(FileManager.default.contentsOfDirectory(
            at: folder.appendingPathComponent("c"), includingPropertiesForKeys: nil).first { $0.pathExtension == "txt" })
        try ("乡村振兴新增一段。\n" + String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        _ = try Indexer.index(folder: folder.appendingPathComponent("c"), into: indexURL)
        let reopened = try IndexDatabase.open(at: indexURL)
        try reopened.read { db in
            let ranges = try #require(try ReportRanges.load(db))
            for row in try Row.fetchAll(db, sql: "SELECT id, report_id FROM passages") {
                #expect(ranges.range(ofPassage: row[0]).map { ranges.reports[$0] } == row[1] as Int64)
            }
        }
    }

    /// The ranges a query reads are this process's copy only while the stored value is the
    /// one it was read from: a run that changes the index gives every reader the new ranges.
    @Test func sharedRangesFollowEveryRun() throws {
        func loads(_ index: IndexDatabase) throws -> (shared: ReportRanges?, stored: ReportRanges?, id: String?) {
            try index.read { db in
                (try ReportRanges.load(db, shared: true), try ReportRanges.load(db),
                 try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [ReportRanges.idKey]))
            }
        }
        func same(_ a: ReportRanges?, _ b: ReportRanges?) -> Bool {
            a?.starts == b?.starts && a?.reports == b?.reports && a?.totals == b?.totals
        }
        let corpus = try copyOfSampleCorpus()
        let url = try temporaryFolder().appendingPathComponent("shared.sqlite")
        _ = try Indexer.index(folder: corpus, into: url)
        let index = try IndexDatabase.open(at: url)
        let first = try loads(index)
        #expect(first.shared != nil && first.id != nil && same(first.shared, first.stored))
        #expect(same(try loads(index).shared, first.stored), "read again from the copy")

        try changeDeleteAndAddAReport(in: corpus)
        _ = try Indexer.index(folder: corpus, into: url)
        let second = try loads(index)
        #expect(second.id != nil && second.id != first.id)
        #expect(!same(second.stored, first.stored), "the update moved the ranges")
        #expect(same(second.shared, second.stored))

        try index.write { try ReportRanges.invalidate($0) }
        let third = try loads(index)
        #expect(third.shared == nil && third.stored == nil && third.id == nil)
    }
}
