import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// One character alone, outside the ``FrequentCharacters``: counted from the ``CharacterTotals``,
/// and its first page sampled from the text of reports spread over the index when it is in
/// many of them, through FTS5 otherwise; every answer as brute force gives it.
@Suite(.serialized)
struct SingleCharacterTests {
    /// 40 reports of 70 passages: 们 in every passage of 20 reports, 們 (folded to 们) in every
    /// passage of 10 more; 嵩 in every passage of 5 other reports of 500 passages.
    static let index: IndexDatabase = {
        let folder = try! temporaryFolder("single-character")
        var files: [String: Data] = [:]
        for report in 0..<45 {
            let character = report < 20 ? "们" : report < 30 ? "們" : report < 40 ? "" : "嵩"
            let count = report < 40 ? 70 : 500
            let lines = (0..<count).map { "第\(report)号报告第\($0)项：\(character)推进工作\(report * 1000 + $0)。" }
            files["单位\(report)_2024_工作总结.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        try! write(files, in: folder)
        let url = folder.appendingPathComponent("index.sqlite")
        _ = try! Indexer.index(folder: folder, into: url)
        return try! IndexDatabase.open(at: url)
    }()

    func compiled(_ text: String) throws -> CompiledQuery {
        try Self.index.read { try QueryCompiler.compile(try SearchQuery(parsing: text), $0) }
    }

    /// Counts and a first page equal brute force; every hit holds the character.
    func expectExact(_ character: String) throws {
        let expected = try bruteForceCount(of: character, in: Self.index)
        let query = try SearchQuery(parsing: character)
        let count = try Searcher(index: Self.index).count(query)
        #expect(count.passages == expected.passages && count.reports == expected.reports, "\(character)")
        let results = try Searcher(index: Self.index).search(query, limit: 10)
        #expect(results.totalHits == expected.passages && results.totalReports == expected.reports, "\(character)")
        #expect(results.hits.count == min(10, expected.passages))
        let folded = FoldedText(character).scalars
        #expect(results.hits.allSatisfy { FoldedText($0.text).contains(folded) }, "\(character)")
    }

    @Test func aCharacterInManyReportsIsSampledFromTheirText() throws {
        let compiled = try compiled("们")
        #expect(compiled.frequentCharacter == nil)
        #expect(compiled.singleCharacter == 0x4EEC)
        let totals = try #require(try Self.index.read { try compiled.characterTotals($0) })
        #expect(totals == .init(passages: 30 * 70, reports: 30))
        #expect(compiled.samplesFromSpread(totals, ranges: try #require(compiled.ranges)))
        try expectExact("们")
        try expectExact("們")

        // The sample holds passages of the reports written in traditional characters.
        let sampled = try Self.index.read { db -> [CompiledQuery.Match] in
            let ranges = try #require(compiled.ranges)
            return try compiled.rankedFromSpread(db, wanted: .max, ranges: ranges) { report, db, body in
                try CompiledQuery.forEachPassage(holding: 0x4EEC, report: report, ranges: ranges, db, body)
            }
        }
        #expect(sampled.contains { $0.text.contains("們") } && sampled.contains { $0.text.contains("们") })
        #expect(Set(sampled.map(\.reportID)).count > 10)
        #expect(Dictionary(grouping: sampled, by: \.reportID).values.allSatisfy { $0.count <= CompiledQuery.sampledPerReport })
    }

    @Test func aCharacterInFewReportsGoesThroughFTS5() throws {
        let compiled = try compiled("嵩")
        let totals = try #require(try Self.index.read { try compiled.characterTotals($0) })
        #expect(totals == .init(passages: 5 * 500, reports: 5))
        #expect(!compiled.samplesFromSpread(totals, ranges: try #require(compiled.ranges)))
        try expectExact("嵩")
    }

    @Test(arguments: ["龘", "工", "推", "第"])
    func otherCharactersAreCountedExactly(_ character: String) throws {
        try expectExact(character)
    }

    /// With a filter the totals do not apply.
    @Test func aFilteredCharacterIsCountedThroughFTS5() throws {
        #expect(try compiled("们 unit:单位3").singleCharacter == nil)
        let count = try Searcher(index: Self.index).count(try SearchQuery(parsing: "们 unit:单位3"))
        #expect(count.passages == 70 && count.reports == 1)
    }
}
