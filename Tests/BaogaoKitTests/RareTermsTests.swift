import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A query of several terms whose bigrams are partly common, found through the rare ones:
/// which tokens of each term are walked, which queries qualify, and answers equal to walking
/// the whole query.
@Suite(.serialized)
struct RareTermsTests {
    @Test(arguments: [
        // 常管理 and 态控制线 at 1 GB: 常管 alone, 态控 with 制线.
        ([[4, 796], [2, 78, 2]], .init(kept: [[0], [0, 2]], candidatesAtMost: 437)),
        // A term of one token is walked; 可以 left out of 可以随时.
        ([[83], [423, 1, 2]], .init(kept: [[0], [1, 2]], candidatesAtMost: 300)),
        // A term of two tokens alike is walked whole; 安全 left out of 安全的紧.
        ([[16, 23], [370, 44, 3]], .init(kept: [[0, 1], [1, 2]], candidatesAtMost: 300)),
        ([[47], [14]], nil),                    // nothing to leave out
        ([[9, 15, 1], [1, 2]], nil),            // too little left out
        ([[173, 16], [44]], nil),               // left out, but not three times what is walked
        ([[238, 16], [44]], .init(kept: [[1], [0]], candidatesAtMost: 300)),
        ([[4, 796]], nil),                      // one term: RareTokens' part
    ] as [([[Int]], RareTerms.Plan?)])
    func plans(spans: [[Int]], expected: RareTerms.Plan?) {
        #expect(RareTerms.plan(spans: spans) == expected)
    }

    @Test(arguments: [
        ([1], [0]), ([4, 796], [0]), ([796, 4], [1]), ([16, 23], [0, 1]), ([10, 40], [0]),
        ([2, 78, 2], [0, 2]), ([74, 382, 2, 432, 92, 914, 18], [2, 6]),
    ] as [([Int], [Int])])
    func tokensKeptOfATerm(spans: [Int], expected: [Int]) {
        #expect(RareTerms.kept(spans: spans) == expected)
    }

    static let terms = ["常管理", "态控制线"]
    static let query = "\"常管理\" \"态控制线\""

    /// Reports of filler lines where 管理 and 制线 are common (thirty times a line) but never
    /// in the terms; lines holding both terms (one term twice in some, one line in traditional
    /// characters), lines holding one of them; and `decoys` lines holding every rare bigram as
    /// the terms do but 管理 and 制线 cut by commas: candidates of the plan, and no match.
    /// One more report holds every ideograph in order, fifty to a line: bigrams of tiny
    /// doclists between any two of the others, so that a rare token is not on the page where
    /// a common one starts (it would show the other's pages, see ``DoclistPages``).
    static func index(decoys: Int) throws -> IndexDatabase {
        var files: [String: String] = [:]
        for report in 1...6 {
            var lines = ["第\(report)号工作报告"]
            for k in 0..<400 {
                lines.append("第\(k)项：" + String(repeating: "管理、制线、", count: 30) + "完。")
                if k % 40 == report {
                    lines.append("加强日常管理，守住生态控制线\(k % 3 == 0 ? "，日常管理不放松" : "")。")
                }
                if k % 50 == report { lines.append("做好日常管理。") }
                if k % 60 == report { lines.append("划定生态控制线。") }
            }
            files["单位\(report)_202\(report)_报告.txt"] = lines.joined(separator: "\n")
        }
        var odd = ["其他报告"] + everyIdeographLines()
        for k in 0..<decoys { odd.append("第\(k)条：日常管、理好生态控制、线。") }
        // Last: the upper half of the candidates when they are read in halves.
        odd.append("加強日常管理，守住生態控制線。")
        files["单位7_2027_报告.txt"] = odd.joined(separator: "\n")
        return try ReportFilterTests.index(files)
    }

    /// The query compiled in `db`: its expression, its IDFs, and what `rankedFromRareTerms`
    /// answers for `wanted` with `limits`.
    static func planned(_ db: Database, wanted: Int, limits: RareTokens.Limits) throws
        -> (match: String, weights: CompiledQuery.PhraseIDFs, found: (passages: Int, reports: Int, best: [CompiledQuery.Match])?) {
        let compiled = try QueryCompiler.compile(try SearchQuery(parsing: query), db)
        let match = try #require(compiled.tiers.first?.match)
        let ranges = try #require(compiled.ranges)
        let weights = try #require(try compiled.phraseIDFs(of: match, db))
        return (match, weights, try compiled.rankedFromRareTerms(db, wanted: wanted, ranges: ranges, weights: weights, limits: limits))
    }

    /// The passages holding every term, and their reports, read from the text.
    static func bruteForce(_ index: IndexDatabase) throws -> (passages: Int, reports: Int) {
        let folded = terms.map { FoldedText($0).scalars }
        return try index.read { db in
            var passages = 0
            var reports: Set<Int64> = []
            for row in try Row.fetchAll(db, sql: "SELECT report_id, text FROM passages") {
                let text = FoldedText(row[1] as String)
                guard folded.allSatisfy({ !text.occurrences(of: $0).isEmpty }) else { continue }
                passages += 1
                reports.insert(row[0])
            }
            return (passages, reports.count)
        }
    }

    /// Thresholds a small index reaches.
    static let small = RareTokens.Limits(droppedAtLeast: 16, segmentPagesAtLeast: 1)

    /// 常管 alone and 态控 with 控制 are walked, 管理 and 制线 left out.
    @Test func theCommonTokensAreLeftOut() throws {
        let index = try Self.index(decoys: 10)
        try index.read { db in
            let spans = try #require(DoclistPages.spans(of: ["常管", "管理", "态控", "控制", "制线"], segmentPagesAtLeast: 1, db))
            let plan = try #require(RareTerms.plan(spans: [Array(spans[0...1]), Array(spans[2...4])], Self.small), "\(spans)")
            #expect(plan.kept == [[0], [0, 1]], "\(spans)")
        }
    }

    /// Found through the rare bigrams, the query's matches, totals and scores are those of
    /// `baogao_bm25` over the whole query with the same IDFs, to the last bit; the decoys and
    /// the lines holding one term are not among them, the line in traditional characters is.
    /// With 150 decoys the candidates are read in two halves.
    @Test(arguments: [10, 150])
    func matchesAndScoresAreThoseOfTheWholeQuery(decoys: Int) throws {
        let index = try Self.index(decoys: decoys)
        let (passages, reports) = try Self.bruteForce(index)
        try index.read { db in
            let defaults = try Self.planned(db, wanted: 1_000, limits: RareTokens.Limits())
            #expect(defaults.found == nil, "too small for the defaults")
            let (match, weights, all) = try Self.planned(db, wanted: 1_000, limits: Self.small)
            let found = try #require(all)
            #expect(found.passages == passages && passages > 0)
            #expect(found.reports == reports)
            let whole = try Row.fetchAll(db, sql: """
                SELECT rowid, \(GivenIDFRank.name)(passages_fts, 1000000, ?) AS rank FROM passages_fts
                WHERE passages_fts MATCH ? ORDER BY rank, rowid
                """, arguments: [GivenIDFRank.encoded(weights.idfs), match])
            #expect(found.best.map(\.passageID) == whole.map { $0[0] as Int64 })
            #expect(found.best.map(\.rank) == whole.map { $0[1] as Double })
            #expect(found.best.contains { $0.text.contains("生態控制線") })
            #expect(!found.best.contains { $0.text.contains("管、理") })
            #expect(!found.best.contains { $0.text.hasPrefix("做好") || $0.text.hasPrefix("划定") })
            // Twice where 常管理 is twice: those rank first.
            #expect(found.best.first?.text.contains("不放松") == true)
            // Fewer wanted than candidates: the same best, the same totals.
            let few = try #require(try Self.planned(db, wanted: 5, limits: Self.small).found)
            #expect(few.passages == found.passages && few.reports == found.reports)
            #expect(few.best.map(\.passageID) == found.best.prefix(5).map(\.passageID))
            #expect(few.best.map(\.rank) == found.best.prefix(5).map(\.rank))
        }
    }

    /// Only every term required, each of ideographs, in one exact tier without filters.
    @Test(arguments: [
        (query, true),
        ("\"常管理\" \"态控制线\" \"生态\"", true),
        ("\"常管理\"", false),                       // one term
        ("\"常管理\" -\"态控制线\"", false),          // a term left out
        ("\"常管理\" OR \"态控制线\"", false),
        ("\"常管理\" \"ab控制线\"", false),           // not ideographs only
        ("\"常管理\" \"态控*\"", false),              // a prefix
        ("常管理 态控制线", false),                   // variants: two tiers
        ("\"常管理\" \"态控制线\" year:2021", false), // a filter
    ] as [(String, Bool)])
    func whichQueriesQualify(query: String, qualifies: Bool) throws {
        let index = try Self.index(decoys: 0)
        try index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: query), db)
            #expect((compiled.rareTermsPlans != nil) == qualifies, "\(compiled.tiers.map(\.match))")
        }
    }

    /// A candidate whose length FTS5 does not hold cannot be scored as `baogao_bm25` would:
    /// the plan gives way to the whole query, not a match fewer.
    @Test func aCandidateWithoutItsLengthWalksTheQueryWhole() throws {
        let index = try Self.index(decoys: 10)
        try index.write { db in
            let first = try #require(try Int64.fetchOne(db, sql: """
                SELECT rowid FROM passages_fts WHERE passages_fts MATCH '"常管" + "管理" AND "态控" + "控制" + "制线"' LIMIT 1
                """))
            try db.execute(sql: "DELETE FROM passages_fts_docsize WHERE id = ?", arguments: [first])
        }
        try index.read { db in
            let planned = try Self.planned(db, wanted: 100, limits: Self.small)
            #expect(planned.found == nil)
        }
    }

    /// Through `Searcher`, a page and its totals are the same whether the query is found
    /// through its rare tokens (with 150 decoys, read in halves on two connections) or walked
    /// whole.
    @Test(arguments: [10, 150])
    func aPageIsTheSameEitherWay(decoys: Int) throws {
        try expectSamePages(in: try Self.index(decoys: decoys), for: try SearchQuery(parsing: Self.query),
                            planned: Self.small, walked: RareTokens.Limits(droppedAtLeast: .max))
    }

    /// A first page reads the rare tokens' candidates and never scores the whole query in FTS5.
    @Test func aFirstPageWalksTheRareTokensOnly() throws {
        let index = try Self.index(decoys: 10)
        let (passages, _) = try Self.bruteForce(index)
        try index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: Self.query), db)
            compiled.rareTokenLimits = Self.small
            var page: SearchResults?
            let sql = try FilteredCharacterTests.statements(db) {
                page = try Searcher(index: index).results(compiled, db, limit: 10, offset: 0, context: 0,
                                                          perReport: Searcher.defaultPerReport, ranking: .full)
            }
            #expect(sql.contains { $0.contains("LIMIT") && $0.contains("NEAR(\"态控\" \"控制\", 0)") && $0.contains("\"常管\" AND") },
                    "\(sql)")
            #expect(!sql.contains { $0.contains(GivenIDFRank.name) }, "\(sql)")
            #expect(page?.totalHits == passages)
        }
    }

    /// Rare tokens together in more passages than are read: the query is walked whole, and the
    /// answer is the same.
    @Test func tooManyCandidatesWalkTheQueryWhole() throws {
        let index = try Self.index(decoys: Self.small.candidatesAtLeast + 20)
        let (passages, _) = try Self.bruteForce(index)
        try index.read { db in
            let planned = try Self.planned(db, wanted: 100, limits: Self.small)
            #expect(planned.found == nil)
        }
        var searcher = Searcher(index: index)
        searcher.rareTokenLimits = Self.small
        #expect(try searcher.search(try SearchQuery(parsing: Self.query), limit: 10).totalHits == passages)
    }
}
