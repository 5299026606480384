import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Every character's totals are stored with the report ranges: equal to the passages' text as
/// files are added, changed and deleted, counted again after an interrupted run, never read
/// when a writer that knows nothing of them has changed the index, and checked by the check.
@Suite(.serialized)
struct CharacterTotalsTests {
    func stored(_ index: IndexDatabase) throws -> CharacterTotals? {
        try index.read { try CharacterTotals.load($0) }
    }

    /// The stored totals equal the text counted again and, for characters of every kind the
    /// corpus holds, brute force.
    func expectExact(_ index: IndexDatabase, _ note: String) throws {
        let totals = try #require(try stored(index), "\(note): totals stored")
        #expect(totals == (try index.read { try CharacterTotals.counted($0) }), "\(note)")
        for character in ["所", "的", "县", "们", "國", "国", "总", "體", "乡", "𠀋"] {
            let value = FoldedText(character).scalars[0]
            let expected = try bruteForceCount(of: character, in: index)
            #expect(totals.of(value) == .init(passages: expected.passages, reports: expected.reports), "\(note): \(character)")
            #expect(try index.read { try CharacterTotals.lookup(value, $0) } == totals.of(value), "\(note): \(character)")
        }
    }

    @Test func totalsFollowAddedChangedAndDeletedFiles() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("characters.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        try expectExact(index, "after a full build")
        #expect(try stored(index)!.of(0x53BF).passages > 10)   // 县

        try changeDeleteAndAddAReport(in: folder)
        let before = try stored(index)
        let summary = try Indexer.index(folder: folder, into: indexURL)
        #expect(summary.added == 1 && summary.updated == 1 && summary.removed == 1)
        #expect(try stored(index) != before, "the update changed some totals")
        try expectExact(index, "after an update")
        #expect(try IndexChecker.check(indexURL).problems.isEmpty)
    }

    /// A run that wrote files and stopped left no totals; nor did a version that kept none.
    /// The next run counts them from the text.
    @Test func aRunWithoutStoredTotalsCountsThem() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("interrupted.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        try index.write { try ReportRanges.invalidate($0) }
        #expect(try stored(index) == nil)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.first)
        try Data("所有的场所。\n".utf8).write(to: folder.appendingPathComponent(name))
        _ = try Indexer.index(folder: folder, into: indexURL)
        try expectExact(index, "after a run that found no totals")

        // Ranges with their totals, as a version without these stored them: nothing changed.
        try index.write { try $0.execute(sql: "DELETE FROM meta WHERE key IN (?, ?)", arguments: [CharacterTotals.key, CharacterTotals.idKey]) }
        #expect(try stored(index) == nil && (try index.read { try ReportRanges.load($0)?.totals }) != nil)
        let summary = try Indexer.index(folder: folder, into: indexURL)
        #expect(summary.unchanged > 0 && !summary.changedIndex)
        try expectExact(index, "after a run over ranges without them")
    }

    /// A writer that knows nothing of these totals removes the ranges and their id, not the
    /// totals; the ranges it stores get a new id, and the old totals are not read.
    @Test func totalsOfOtherRangesAreNotRead() throws {
        let indexURL = try temporaryFolder().appendingPathComponent("older-writer.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let stale = try #require(try index.read { try CharacterTotals.lookup(0x53BF, $0) })   // 县
        try index.write { db in
            // What such a writer does: a report's passages deleted, the ranges stored again
            // under a new id.
            try db.execute(sql: "DELETE FROM meta WHERE key IN (?, ?)", arguments: [ReportRanges.key, ReportRanges.idKey])
            try db.execute(sql: "DELETE FROM passages WHERE report_id = (SELECT report_id FROM passages WHERE text LIKE '%县%' LIMIT 1)")
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, 'another')", arguments: [ReportRanges.idKey])
        }
        #expect(try index.read { try CharacterTotals.lookup(0x53BF, $0) } == nil)
        #expect(try index.read { try CharacterTotals.isKnown($0) } == false)
        let expected = try bruteForceCount(of: "县", in: index)
        #expect(expected.passages < stale.passages)
        let count = try Searcher(index: index).count(try SearchQuery(parsing: "县"))
        #expect(count.passages == expected.passages && count.reports == expected.reports)
    }

    /// New metadata rules or units.csv change no text: the totals stay known and true.
    @Test func aMetadataChangeKeepsThem() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("metadata.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        try Data("alias,unit\n县教育局,县教育和体育局\n".utf8).write(to: folder.appendingPathComponent("units.csv"))
        let summary = try Indexer.index(folder: folder, into: indexURL)
        #expect(summary.rederivedBecause == "units.csv appeared")
        let index = try IndexDatabase.open(at: indexURL)
        #expect(try index.read { try CharacterTotals.isKnown($0) })
        try expectExact(index, "after units.csv appeared")
    }

    @Test func theCheckNamesTotalsThatDifferFromTheText() throws {
        let indexURL = try temporaryFolder().appendingPathComponent("tampered.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        #expect(try IndexChecker.check(indexURL).problems.isEmpty)
        try index.write { db in
            var wrong = try #require(try CharacterTotals.load(db))
            wrong.add(CharacterCounts(passages: ["所"]))
            try CharacterTotals.store(wrong, db)
        }
        #expect(try IndexChecker.check(indexURL).problems.contains { $0.contains("every character") })
    }
}
