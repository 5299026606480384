import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A search for one common character is answered from the per-report bitmaps of
/// `report_chars`; its totals and hits must stay exactly those of the folded text, also after
/// files change, and an index lacking a report's row must fall back to FTS5.
@Suite(.serialized)
struct FrequentCharactersTests {
    @Test(arguments: [
        ("的", ["的"]),
        ("發展", ["发", "展"]),          // traditional folds before the lookup
        ("⼀是", ["一", "是"].filter { FrequentCharacters.slot(of: $0.unicodeScalars.first!.value) != nil }),
        ("㍻", ["平", "成"]),             // a squared word folds to two characters
        ("abc。，", []),
        ("乡村振兴", []),
    ])
    func slotsFollowTheFoldedText(_ text: String, _ expected: [String]) {
        let slots = FrequentCharacters.slots(in: text)
        let held = (0..<FrequentCharacters.count).filter { slots.contains($0) }
            .map { String(Unicode.Scalar(FrequentCharacters.characters[$0])!) }
        #expect(Set(held) == Set(expected))
    }

    @Test func everyCharacterHasOneSlot() {
        #expect(FrequentCharacters.count == 96)
        #expect(Set(FrequentCharacters.characters).count == 96)
        for (slot, value) in FrequentCharacters.characters.enumerated() {
            #expect(FrequentCharacters.slot(of: value) == slot)
        }
    }

    func expectExact(_ index: IndexDatabase, _ note: String) throws {
        let searcher = Searcher(index: index)
        var seen = 0
        for value in FrequentCharacters.characters {
            let character = String(Unicode.Scalar(value)!)
            let expected = try bruteForceCount(of: character, in: index)
            let query = try SearchQuery(parsing: character)
            let count = try searcher.count(query)
            #expect(count.passages == expected.passages && count.reports == expected.reports, "\(character) \(note)")
            let results = try searcher.search(query, limit: 10)
            #expect(results.totalHits == expected.passages, "\(character) \(note)")
            #expect(results.totalReports == expected.reports, "\(character) \(note)")
            #expect(results.hits.allSatisfy { ScalarFolding.fold($0.text).contains(character) }, "\(character) \(note)")
            #expect(results.hits.isEmpty == (expected.passages == 0))
            if expected.passages > 0 { seen += 1 }
        }
        #expect(seen > 40, "the corpus should hold most of the characters")
    }

    @Test func countsAndHitsStayExactAsFilesChange() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("chars.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        #expect(try index.read { try ReportCharacters.isComplete($0) })
        try expectExact(index, "after a full build")

        // Change one file, delete another, add one in traditional characters.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try Data("一、總體情況\n的確發展了。\n二、下一步\n推進工作。\n".utf8).write(to: folder.appendingPathComponent(names[0]))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(names[1]))
        try Data("機關黨建工作總結\n堅持以人民為中心的發展思想，實施全面建設。\n".utf8)
            .write(to: folder.appendingPathComponent("新增_2025_總結.txt"))
        _ = try Indexer.index(folder: folder, into: indexURL)
        #expect(try index.read { try ReportCharacters.isComplete($0) })
        try expectExact(index, "after an update")
    }

    /// An index where a report lacks its row (written by a run that could not give its
    /// passages contiguous ids, which then stores no passage ranges) is searched through
    /// FTS5, with the same answers.
    @Test func anIncompleteIndexFallsBackToFTS5() throws {
        let indexURL = try temporaryFolder().appendingPathComponent("partial.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        try index.write { db in
            try db.execute(sql: "DELETE FROM report_chars WHERE report_id = (SELECT min(id) FROM reports)")
            try db.execute(sql: "UPDATE reports SET first_passage = NULL WHERE id = (SELECT min(id) FROM reports)")
            try ReportRanges.store(db) { try SlotTotals.counted($0) }
        }
        #expect(try !index.read { try ReportCharacters.isComplete($0) })
        try expectExact(index, "without one report's row")
    }
}
