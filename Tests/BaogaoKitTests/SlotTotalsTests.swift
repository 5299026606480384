import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The whole index's totals of the frequent characters and words are stored with the report
/// ranges: they stay equal to the reports' own counts as files are added, changed and deleted,
/// are counted again after an interrupted run, and answer counts and first pages exactly.
@Suite(.serialized)
struct SlotTotalsTests {
    func stored(_ index: IndexDatabase) throws -> SlotTotals? {
        try index.read { try ReportRanges.load($0)?.totals }
    }

    func counted(_ index: IndexDatabase) throws -> SlotTotals {
        try index.read { try SlotTotals.counted($0) }
    }

    /// Every slot's totals equal brute force (the terms the corpus holds among them).
    func expectExact(_ index: IndexDatabase, _ note: String) throws {
        let totals = try #require(try stored(index), "\(note): totals stored")
        #expect(totals == (try counted(index)), "\(note)")
        for (slot, value) in FrequentCharacters.characters.enumerated().prefix(12) {
            let expected = try bruteForceCount(of: String(Unicode.Scalar(value)!), in: index)
            #expect(totals.character(slot) == expected, "\(note): \(Unicode.Scalar(value)!)")
        }
        for (slot, pair) in FrequentBigrams.bigrams.enumerated().prefix(12) {
            let term = String(Unicode.Scalar(pair.0)!) + String(Unicode.Scalar(pair.1)!)
            #expect(totals.bigram(slot) == (try bruteForceCount(of: term, in: index)), "\(note): \(term)")
        }
    }

    @Test func totalsFollowAddedChangedAndDeletedFiles() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("totals.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        try expectExact(index, "after a full build")
        #expect(try stored(index)!.character(FrequentCharacters.slot(of: 0x7684)!).passages > 50)   // 的

        try changeDeleteAndAddAReport(in: folder)
        let before = try counted(index)
        let summary = try Indexer.index(folder: folder, into: indexURL)
        #expect(summary.added == 1 && summary.updated == 1 && summary.removed == 1)
        #expect(try counted(index) != before, "the update changed some counts")
        try expectExact(index, "after an update")
        #expect(try IndexChecker.check(indexURL).problems.isEmpty)
    }

    /// A run that wrote files and stopped left no totals (every write removes them with the
    /// ranges); so did a version that kept none. The next run counts them from the reports.
    @Test func aRunWithoutStartingTotalsCountsThem() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("interrupted.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        try index.write { try ReportRanges.invalidate($0) }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.first)
        try Data("发展的工作。\n".utf8).write(to: folder.appendingPathComponent(name))
        _ = try Indexer.index(folder: folder, into: indexURL)
        try expectExact(index, "after a run that found no totals")

        // Ranges as a version without totals stored them: no file changed, totals added.
        try index.write { db in
            let value = try #require(try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [ReportRanges.key]))
            let ranges = value.prefix(value.count - SlotTotals.encodedSize - ReportRanges.totalsMark.count)
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [Data(ranges), ReportRanges.key])
        }
        #expect(try stored(index) == nil && (try index.read { try ReportRanges.load($0) }) != nil)
        let summary = try Indexer.index(folder: folder, into: indexURL)
        #expect(summary.unchanged > 0 && !summary.changedIndex)
        try expectExact(index, "after a run over ranges without totals")
    }

    /// A reader that knows nothing of totals checks that the value is a whole number of
    /// 16-byte ranges: with totals it is not, so it takes the ranges for unknown.
    @Test func olderReadersTakeRangesWithTotalsForUnknown() throws {
        let indexURL = try temporaryFolder().appendingPathComponent("older.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let value = try #require(try index.read { try Data.fetchOne($0, sql: "SELECT value FROM meta WHERE key = ?", arguments: [ReportRanges.key]) })
        #expect(value.count % 16 == 8)
        #expect(try stored(index) != nil)
    }

    /// Counts and the first page of a frequent character or word alone come from the totals and
    /// a sample spread over the reports: the same totals as without them, every hit a match,
    /// hits from several reports.
    @Test(arguments: ["的", "发展", "工作", "建设", "展"])
    func aFrequentTermIsCountedFromTheTotals(_ term: String) throws {
        let indexURL = try temporaryFolder().appendingPathComponent("frequent.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let expected = try bruteForceCount(of: term, in: index)
        #expect(expected.passages > 20)
        let query = try SearchQuery(parsing: term)
        let compiled = try index.read { try QueryCompiler.compile(query, $0) }
        #expect(compiled.frequentCharacter != nil || compiled.frequentBigram != nil)
        #expect(compiled.ranges?.totals != nil)
        let count = try Searcher(index: index).count(query)
        #expect(count.passages == expected.passages && count.reports == expected.reports)
        let results = try Searcher(index: index).search(query, limit: 10)
        #expect(results.totalHits == expected.passages && results.totalReports == expected.reports)
        #expect(results.hits.count == 10)
        #expect(results.hits.allSatisfy { !FoldedText($0.text).occurrences(of: FoldedText(term).scalars).isEmpty })
        #expect(Set(results.hits.map(\.path)).count > 1, "the sample spreads over reports")
    }

    /// The sample of a frequent term takes at most ``CompiledQuery/sampledPerReport`` matches
    /// of a report, from reports spread over the whole index.
    @Test func theSpreadSampleTakesAFewMatchesPerReport() throws {
        let indexURL = try temporaryFolder().appendingPathComponent("spread.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let sampled = try index.read { db -> [CompiledQuery.Match] in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "的"), db)
            let slot = try #require(compiled.frequentCharacter)
            let ranges = try #require(compiled.ranges)
            return try compiled.rankedFromSpread(db, wanted: .max, ranges: ranges) { report, db, body in
                try ReportCharacters.forEachPassage(holding: slot, report: report, db) { _ = try body($0) }
            }
        }
        let perReport = Dictionary(grouping: sampled, by: \.reportID)
        #expect(perReport.count > 10)
        #expect(perReport.values.allSatisfy { $0.count <= CompiledQuery.sampledPerReport })
        #expect(perReport.values.contains { $0.count == CompiledQuery.sampledPerReport })
        #expect(sampled.allSatisfy { $0.text.contains("的") })
    }

    @Test(arguments: [[], [0], [63], [64], [127], [0, 5, 63, 64, 100, 127]])
    func slotsAreVisitedInOrder(_ slots: [Int]) {
        var set = FrequentCharacters.Slots()
        for slot in slots { set.insert(slot) }
        var seen: [Int] = []
        set.forEachSlot { seen.append($0) }
        #expect(seen == slots)
    }

    @Test func theCheckNamesTotalsThatDifferFromTheReports() throws {
        let indexURL = try temporaryFolder().appendingPathComponent("tampered.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        #expect(try IndexChecker.check(indexURL).problems.isEmpty)
        try index.write { db in
            let ranges = try #require(try ReportRanges.load(db))
            var wrong = try #require(ranges.totals)
            wrong.add(characters: [1], bigrams: [])
            try ReportRanges.store(db) { _ in wrong }
        }
        #expect(try IndexChecker.check(indexURL).problems.contains { $0.contains("totals") })
    }
}
