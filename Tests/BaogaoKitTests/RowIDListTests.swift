import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `baogao_rowids` hands back every rowid a statement produces, in order, as one list; the
/// counts and samples that read every match of a phrase through it stay exact.
@Suite(.serialized)
struct RowIDListTests {
    @Test(arguments: [
        [Int64](),
        [0],
        [1, 2, 3, 4, 200, 201, 70_000],
        [90, 12, 5, 5, 1],                              // descending, repeated
        [Int64.max, Int64.min, 0, -1, 1],               // extremes: deltas wrap
        [1, 1_000_000_000_000, 1_000_000_000_001],
    ])
    func encodedListsDecodeToTheSameIDs(_ ids: [Int64]) throws {
        let bytes = RowIDList.encode(ids)
        var decoded: [Int64] = []
        try bytes.withUnsafeBytes { try RowIDList.decode($0) { decoded.append($0); return true } }
        #expect(decoded == ids)
    }

    @Test func denseIDsTakeAByteEach() {
        #expect(RowIDList.encode(Array(1...1_000)).count == 1_000)
    }

    @Test func decodingStopsWhenAsked() throws {
        var seen: [Int64] = []
        try RowIDList.encode([3, 4, 5, 6]).withUnsafeBytes {
            try RowIDList.decode($0) { seen.append($0); return seen.count < 2 }
        }
        #expect(seen == [3, 4])
    }

    @Test(arguments: ["发展", "乡村振兴", "工作", "万人助万企", "的"])
    func theAggregateReturnsEveryRowidOfAMatchInOrder(_ term: String) throws {
        let folder = try temporaryFolder()
        let indexURL = folder.appendingPathComponent("rowids.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let match = try #require(TermPlan(term)).matchExpression
        try index.read { db in
            for order in ["ASC", "DESC"] {
                let inner = "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid \(order)"
                let expected = try Int64.fetchAll(db, sql: inner, arguments: [match])
                #expect(!expected.isEmpty, "\(term) is in the sample corpus")
                var listed: [Int64] = []
                try RowIDList.forEach(db.makeStatement(sql: "SELECT \(RowIDList.name)(rowid) FROM (\(inner))"),
                                      arguments: [match]) { listed.append($0); return true }
                #expect(listed == expected, "\(term) \(order)")
            }
            var none: [Int64] = []
            try RowIDList.forEach(db.makeStatement(sql: """
                SELECT \(RowIDList.name)(rowid) FROM passages_fts WHERE passages_fts MATCH ?
                """), arguments: [try #require(TermPlan("鑫鑫鑫")).matchExpression]) { none.append($0); return true }
            #expect(none.isEmpty)
        }
    }

    /// A phrase in more passages than one pass ranks goes to the sample through its rowid
    /// list (a short one before any row is scored): totals equal brute force, and every hit
    /// holds the phrase.
    @Test(arguments: ["改革试点工作", "革试点", "革试"])
    func aPhrasePastTheOnePassCapIsCountedAndRankedExactly(_ phrase: String) throws {
        let folder = try temporaryFolder()
        let corpus = folder.appendingPathComponent("c")
        let perReport = (CompiledQuery.onePassAtMost + 600) / 4
        var files: [String: Data] = [:]
        for report in 1...5 {
            var lines = ["第\(report)号工作报告"]
            for k in 0..<perReport {
                // Four reports hold the phrase on every line, the fifth never: some lines twice.
                lines.append(report == 5 ? "第\(k)项：完成其他任务。" : "第\(k)项：推进改革试点工作\(k % 7 == 0 ? "，改革试点工作见效" : "")。")
            }
            files["单位\(report)_202\(report)_报告.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try write(files, in: corpus)
        let indexURL = folder.appendingPathComponent("cap.sqlite")
        _ = try Indexer.index(folder: corpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let expected = try bruteForceCount(of: phrase, in: index)
        #expect(expected.passages > CompiledQuery.onePassAtMost && expected.reports == 4)

        let query = try SearchQuery(parsing: "\"\(phrase)\"")
        let searcher = Searcher(index: index)
        let top = try searcher.search(query, limit: 10)
        #expect(top.totalHits == expected.passages && top.totalReports == expected.reports)
        #expect(try searcher.count(query) == MatchCount(passages: expected.passages, reports: expected.reports))
        #expect(top.hits.count == 10)
        for hit in top.hits { #expect(hit.text.contains(phrase)) }
        // The lines holding it twice rank first.
        #expect(top.hits.allSatisfy { $0.text.contains("见效") })
    }

    @Test func aTallyCountsReportsMetOutOfOrderOnce() throws {
        let ranges = ReportRanges(starts: [1, 10, 20, 30], reports: [7, 8, 9, 11])
        var tally = ReportRanges.Tally(ranges)
        for id: Int64 in [1, 5, 12, 25, 2, 11, 35, 0] { tally.add(passage: id) }
        #expect(tally.count == 4)
        #expect(tally.reports == [7, 8, 9, 11])
        var ascending = ReportRanges.Tally(ranges)
        for id: Int64 in [2, 3, 21, 22, 40] { ascending.add(passage: id) }
        #expect(ascending.count == 3 && ascending.reports == [7, 9, 11])
    }

    /// A report's range searched from any range finds what a search of all finds: the
    /// report's range, or nil for a report without one (gaps between report ids included).
    @Test func aReportSearchedFromAnyRangeIsFoundAsBySearchingAll() {
        var random = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 7, 100, 1_000] {
            var reports: [Int64] = []
            var next = Int64.random(in: 1...5, using: &random)
            for _ in 0..<count {
                reports.append(next)
                next += Int64.random(in: 1...4, using: &random)
            }
            let ranges = ReportRanges(starts: reports.indices.map { Int64($0) * 10 }, reports: reports)
            for _ in 0..<300 {
                let id = Int64.random(in: 0...(next + 3), using: &random)
                let from = Int.random(in: -1...(count + 1), using: &random)
                let expected = reports.firstIndex(of: id)
                #expect(ranges.range(ofReport: id) == expected)
                #expect(ranges.range(ofReport: id, from: from) == expected, "\(id) from \(from) of \(reports)")
            }
            // Ascending reports, each searched from the last one found.
            var last = 0
            for (i, report) in reports.enumerated() {
                let found = ranges.range(ofReport: report, from: last)
                #expect(found == i)
                last = found ?? last
            }
        }
    }

    @Test func aSearchFromALaterRangeFindsWhatASearchOfAllFinds() throws {
        var random = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 7, 100, 1_000] {
            var starts: [Int64] = []
            var next: Int64 = Int64.random(in: 1...5, using: &random)
            for _ in 0..<count {
                starts.append(next)
                next += Int64.random(in: 1...40, using: &random)
            }
            let ranges = ReportRanges(starts: starts, reports: starts.indices.map { Int64($0) + 100 })
            for _ in 0..<300 {
                let id = Int64.random(in: 0...(next + 50), using: &random)
                let from = Int.random(in: 0...(count + 1), using: &random)
                let expected = ranges.range(ofPassage: id)
                // Only a range at or before the one holding the id may be a start.
                if let expected, from <= expected {
                    #expect(ranges.range(ofPassage: id, from: from) == expected, "\(id) from \(from) of \(starts)")
                }
            }
            // Ascending ids tallied: the reports brute force finds.
            var tally = ReportRanges.Tally(ranges)
            var ids = (0..<500).map { _ in Int64.random(in: 0...(next + 50), using: &random) }
            ids.sort()
            for id in ids { tally.add(passage: id) }
            #expect(tally.reports == Set(ids.compactMap { ranges.report(ofPassage: $0) }))
        }
    }
}
