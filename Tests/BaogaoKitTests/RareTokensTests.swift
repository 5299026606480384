import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A long phrase whose bigrams are partly common, found through its rare ones: which tokens
/// are walked, the pages their doclists span, and answers equal to walking the whole phrase.
@Suite(.serialized)
struct RareTokensTests {
    @Test(arguments: [
        ([74, 382, 2, 432, 92, 914, 18], .init(kept: [2, 6], candidatesAtMost: 947)),  // 任人员按照规定给
        ([228, 30, 23, 498, 14, 47, 9], .init(kept: [2, 4, 6], candidatesAtMost: 401)), // 以及有其他特殊困
        // A token next to one kept weighs four times; a third no larger than the two together.
        ([625, 1, 28, 15, 371, 28, 39], .init(kept: [1, 3], candidatesAtMost: 545)),
        ([9, 16, 187, 78, 78], .init(kept: [0, 1], candidatesAtMost: 300)),
        ([173, 70, 80, 304, 914, 14, 1390], .init(kept: [1, 5], candidatesAtMost: 1_430)),
        ([70, 1, 32], nil),                   // three tokens: walked whole
        ([1, 2, 1, 3], nil),                  // nothing common to leave out
        ([40, 50, 45, 60], nil),              // all alike: leaving two out saves too little
    ] as [([Int], RareTokens.Plan?)])
    func plans(spans: [Int], expected: RareTokens.Plan?) {
        #expect(RareTokens.plan(spans: spans) == expected)
    }

    @Test func aNearGroupHoldsTheKeptTokensAsThePhraseDoes() {
        #expect(RareTokens.Plan(kept: [2, 6], candidatesAtMost: 1).nearDistance == 3)
        #expect(RareTokens.Plan(kept: [2, 4, 6], candidatesAtMost: 1).nearDistance == 3)
        #expect(RareTokens.Plan(kept: [3, 4], candidatesAtMost: 1).nearDistance == 0)
    }

    static let phrase = "任人员按照规定给"

    /// Reports of filler lines where 人员, 按照 and 规定 are common (thirty times a line) but never
    /// next to each other; lines holding the phrase (once or twice, one in traditional
    /// characters, one cut short); and `decoys` lines holding its bigrams as the phrase does but
    /// for 按照, cut by a comma: every rare one where it stands in the phrase, and no match.
    static func index(decoys: Int) throws -> IndexDatabase {
        let folder = try temporaryFolder()
        let corpus = folder.appendingPathComponent("c")
        var files: [String: Data] = [:]
        for report in 1...6 {
            var lines = ["第\(report)号工作报告"]
            for k in 0..<400 {
                lines.append("第\(k)项：" + String(repeating: "人员、按照、规定、", count: 30) + "完。")
                if k % 40 == report {
                    lines.append("对责任人员按照规定给予处分\(k % 3 == 0 ? "，对责任人员按照规定给予通报" : "")。")
                }
            }
            files["单位\(report)_202\(report)_报告.txt"] = Data(lines.joined(separator: "\n").utf8)
        }
        var odd = ["其他报告", "對責任人員按照規定給予處分。", "任人员按照规定"]
        for k in 0..<decoys { odd.append("第\(k)条：责任人员按、照规定给予办理。") }
        files["单位7_2027_报告.txt"] = Data(odd.joined(separator: "\n").utf8)
        try write(files, in: corpus)
        let url = folder.appendingPathComponent("rare.sqlite")
        _ = try Indexer.index(folder: corpus, into: url)
        return try IndexDatabase.open(at: url)
    }

    /// Thresholds a small index reaches.
    static let small = RareTokens.Limits(droppedAtLeast: 16, segmentPagesAtLeast: 1)

    @Test func theDoclistsOfCommonTokensSpanMorePages() throws {
        let index = try Self.index(decoys: 10)
        try index.read { db in
            let plan = try #require(TermPlan(Self.phrase))
            let spans = try #require(DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: 1, db))
            let byToken = Dictionary(uniqueKeysWithValues: zip(plan.tokens, spans))
            for common in ["人员", "按照", "规定"] {
                for rare in ["员按", "照规"] { #expect(byToken[common]! >= 4 * byToken[rare]!, "\(byToken)") }
            }
            #expect(DoclistPages.spans(of: ["人员", "不在索引"], segmentPagesAtLeast: 1, db)?.count == 2)
            // Small segments are left out: none here is that large.
            #expect(DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: 1_000_000, db) == Array(repeating: 0, count: plan.tokens.count))
            #expect(try FTS5Totals.read(db)?.rows == (try Int.fetchOne(db, sql: "SELECT count(*) FROM passages")))
        }
    }

    /// Found through its rare bigrams, the phrase's matches, totals and scores are those of
    /// `baogao_tf` over the whole phrase, to the last bit; the decoys and the phrase cut short
    /// are not among them, and the line in traditional characters is.
    @Test func matchesAndScoresAreThoseOfTheWholePhrase() throws {
        let index = try Self.index(decoys: 10)
        let (passages, reports) = try bruteForceCount(of: Self.phrase, in: index)
        try index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"\(Self.phrase)\""), db)
            let ranges = try #require(compiled.ranges)
            #expect(try compiled.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges) == nil, "too small for the defaults")
            let found = try #require(try compiled.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small))
            #expect(found.passages == passages)
            #expect(found.reports == reports)
            let plan = try #require(TermPlan(Self.phrase))
            let whole = try Row.fetchAll(db, sql: """
                SELECT rowid, \(TermFrequencyRank.name)(passages_fts) AS rank FROM passages_fts
                WHERE passages_fts MATCH ? ORDER BY rank, rowid
                """, arguments: [plan.matchExpression])
            #expect(found.best.map(\.passageID) == whole.map { $0[0] as Int64 })
            #expect(found.best.map(\.rank) == whole.map { $0[1] as Double })
            #expect(found.best.contains { $0.text.contains("對責任人員") })
            #expect(!found.best.contains { $0.text.contains("按、照") })
            // Counted twice where it is twice: it ranks first.
            #expect(found.best.first?.text.contains("通报") == true)
            // Fewer wanted than candidates: the same best, the same totals.
            let few = try #require(try compiled.rankedFromRareTokens(db, wanted: 10, ranges: ranges, limits: Self.small))
            #expect(few.passages == found.passages && few.reports == found.reports)
            #expect(few.best.map(\.passageID) == found.best.prefix(10).map(\.passageID))
            #expect(few.best.map(\.rank) == found.best.prefix(10).map(\.rank))
            // The folded text is kept only when every match is returned.
            #expect(found.best.allSatisfy { $0.folded != nil })
            #expect(few.best.allSatisfy { $0.folded == nil })
        }
    }

    /// The candidates checked in two halves at once, the upper half on a second connection,
    /// are those checked whole: the same matches, totals and scores (61 matches and 40 decoys
    /// among the candidates).
    @Test func candidatesCheckedInHalvesAreThoseCheckedWhole() throws {
        let index = try Self.index(decoys: 40)
        let reader = SecondReader(url: index.url, limit: 1, halvedPast: 0)
        try index.read { db in
            let query = try SearchQuery(parsing: "\"\(Self.phrase)\"")
            let whole = try QueryCompiler.compile(query, db)
            let ranges = try #require(whole.ranges)
            let alone = try #require(try whole.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small))
            #expect(alone.passages + 40 >= CompiledQuery.candidatesHalvedFrom)
            let before = reader.partsRead
            let halved = try QueryCompiler.compile(query, db, secondReader: reader)
            let found = try #require(try halved.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small))
            #expect(reader.partsRead == before + 1, "the upper half checked on the second connection")
            #expect(found.passages == alone.passages && found.reports == alone.reports)
            #expect(found.best.map(\.passageID) == alone.best.map(\.passageID))
            #expect(found.best.map(\.rank) == alone.best.map(\.rank))
            #expect(found.best.map(\.text) == alone.best.map(\.text))
        }
    }

    /// A candidate whose length FTS5 does not hold (no `passages_fts_docsize` row) cannot be
    /// scored as `baogao_tf` would: the plan gives way to the whole phrase, not a match fewer.
    @Test func aCandidateWithoutItsLengthWalksThePhraseWhole() throws {
        let index = try Self.index(decoys: 10)
        let query = try SearchQuery(parsing: "\"\(Self.phrase)\"")
        let plan = try #require(TermPlan(Self.phrase))
        try index.write { db in
            let first = try #require(try Int64.fetchOne(db, sql: "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1",
                                                        arguments: [plan.matchExpression]))
            try db.execute(sql: "DELETE FROM passages_fts_docsize WHERE id = ?", arguments: [first])
        }
        try index.read { db in
            let compiled = try QueryCompiler.compile(query, db)
            #expect(try compiled.rankedFromRareTokens(db, wanted: 100, ranges: try #require(compiled.ranges), limits: Self.small) == nil)
        }
    }

    /// With every passage's length kept in memory (``PassageLengths``, as a server keeps them),
    /// a candidate's length is the kept one, read with no `docsize` row: lengths made up score
    /// as `baogao_tf` scores with them, a candidate whose `docsize` row is gone is still
    /// scored, and one the copy does not know is looked up in `docsize`.
    @Test func withTheLengthsKeptACandidatesLengthIsTheKeptOne() throws {
        let index = try Self.index(decoys: 10)
        let plan = try #require(TermPlan(Self.phrase))
        let query = try SearchQuery(parsing: "\"\(Self.phrase)\"")
        try index.write { db in
            let rows = try Int64.fetchAll(db, sql: "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid",
                                          arguments: [plan.matchExpression])
            #expect(rows.count > 3)
            let copy = try #require(try PassageLengths.read(db))
            // Every length 1 but the second match's, which the copy does not know.
            var made = copy.lengths.map { $0 == PassageLengths.unknown ? $0 : 1 }
            made[Int(rows[1])] = PassageLengths.unknown
            let lengths = PassageLengths(id: copy.id, lengths: made)
            let whole = try Row.fetchAll(db, sql: """
                SELECT rowid, \(TermFrequencyRank.sql(lengths: lengths)) AS rank FROM passages_fts
                WHERE passages_fts MATCH ? ORDER BY rank, rowid
                """, arguments: [plan.matchExpression])
            var compiled = try QueryCompiler.compile(query, db)
            let ranges = try #require(compiled.ranges)
            let without = try #require(try compiled.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small))
            compiled.lengths = lengths
            let found = try #require(try compiled.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small))
            #expect(found.best.map(\.passageID) == whole.map { $0[0] as Int64 })
            #expect(found.best.map(\.rank) == whole.map { $0[1] as Double })
            #expect(found.best.map(\.rank) != without.best.map(\.rank), "the made-up lengths change the scores")
            let unknown = try #require(found.best.first { $0.passageID == rows[1] })
            #expect(unknown.rank == without.best.first { $0.passageID == rows[1] }?.rank, "FTS5's length")

            // Without its docsize row, the first match is still scored from the copy.
            try db.execute(sql: "DELETE FROM passages_fts_docsize WHERE id = ?", arguments: [rows[0]])
            let again = try #require(try compiled.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small))
            #expect(again.best.map(\.rank) == found.best.map(\.rank))
            compiled.lengths = nil
            #expect(try compiled.rankedFromRareTokens(db, wanted: 1_000, ranges: ranges, limits: Self.small) == nil)
        }
    }

    /// Through `Searcher`, a page and its totals are the same whether the phrase is found
    /// through its rare tokens or walked whole.
    @Test func aPageIsTheSameEitherWay() throws {
        try expectSamePages(in: try Self.index(decoys: 10), for: try SearchQuery(parsing: "\"\(Self.phrase)\""),
                            planned: Self.small, walked: RareTokens.Limits(fewestTokens: .max))
    }

    /// Rare tokens close together in more passages than are read: the phrase is walked whole,
    /// and the answer is the same.
    @Test func tooManyCandidatesWalkThePhraseWhole() throws {
        let index = try Self.index(decoys: Self.small.candidatesAtLeast + 20)
        let (passages, _) = try bruteForceCount(of: Self.phrase, in: index)
        try index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: "\"\(Self.phrase)\""), db)
            #expect(try compiled.rankedFromRareTokens(db, wanted: 100, ranges: try #require(compiled.ranges), limits: Self.small) == nil)
        }
        var searcher = Searcher(index: index)
        searcher.rareTokenLimits = Self.small
        #expect(try searcher.search(try SearchQuery(parsing: "\"\(Self.phrase)\""), limit: 10).totalHits == passages)
    }
}
