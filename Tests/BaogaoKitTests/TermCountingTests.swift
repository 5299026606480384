import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// How a term's passages are found for its IDF in a large index: the choice from its tokens'
/// pages, and what each way counts.
@Suite(.serialized)
struct TermCountingTests {
    @Test(arguments: [
        ([], false, .counted),
        ([1, 2], true, .counted),                          // 无代管 at 1 GB
        ([4], false, .counted),
        ([4], true, .counted),
        ([44], true, .paged(pages: 44)),                   // 商品: one bigram
        ([44], false, .estimated(share: 16)),              // one token, not a bigram
        ([4, 1, 264], true, .bounded(kept: [1])),          // 辨认活动: 认活 alone fits
        ([4, 1, 264], false, .estimated(share: 22)),       // not bigrams: none stands for it
        ([16, 915, 1], true, .bounded(kept: [2])),         // 反规定饲
        ([2, 3, 40], true, .bounded(kept: [0])),           // 2 and 3 kept, 3 past the pages
        ([1, 78, 2], true, .bounded(kept: [0, 2])),        // 态控制线
        ([10, 12], true, .estimated(share: 16)),           // no rare bigram
        ([40, 30], false, .estimated(share: 16)),
        ([430, 959], true, .estimated(share: 115)),        // 管部门
        ([9_000, 9_000], false, .estimated(share: 1_024)),
    ] as [([Int], Bool, TermCounting)])
    func aTermIsCountedAsItsPagesSay(pages: [Int], bigrams: Bool, expected: TermCounting) {
        #expect(TermCounting.of(pages: pages, bigrams: bigrams) == expected)
    }

    @Test(arguments: [
        (7, 115, .estimated(share: 16)), (8, 115, nil), (0, 16, nil), (3, 17, .estimated(share: 16)),
    ] as [(Int, Int, TermCounting?)])
    func anEstimateOfTooFewIsMadeAgainOverTheLargestShare(held: Int, share: Int, expected: TermCounting?) {
        #expect(TermCounting.again(held: held, share: share) == expected)
    }

    /// Past ``CompiledQuery/estimatedPast`` passages: 常管理, whose 常管 is rare and 管理
    /// common, is bounded by the passages holding 常管 (the decoys hold it without 管理: more
    /// than the term); with room for every token it is counted; with none, estimated from
    /// stretches of the index, within the counts. Each way as its pages say.
    @Test func aTermIsCountedBoundedOrEstimated() throws {
        let index = try RareTermsTests.index(decoys: 30)
        let holding = { (text: String) in
            try index.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM passages WHERE text LIKE ?", arguments: ["%\(text)%"]) ?? 0 }
        }
        let (term, rare, other) = (try holding("常管理"), try holding("常管"), try holding("态控制线"))
        #expect(rare >= term + 30)
        try index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: RareTermsTests.query), db)
            compiled.rareTokenLimits = RareTermsTests.small
            let rows = try #require(try CompiledQuery.indexedRows(db))
            let plan = compiled.highlightPlans[0]
            #expect(plan.tokens == ["常管", "管理"])
            let pages = try #require(DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: 1, db))
            #expect(compiled.termCounting(of: plan, pages: nil, db) == .bounded(kept: [0]), "\(pages)")
            #expect(try compiled.passages(holding: plan, atLeast: 0, rows: rows, db, estimatedPast: 0) == rare)
            #expect(try compiled.passages(holding: plan, atLeast: 0, rows: rows, db) == term, "a small index counts")

            // Pages given for the tokens are taken: 管理 as rare as 常管, the term is counted.
            let even = Dictionary(uniqueKeysWithValues: plan.tokens.map { ($0, 1) })
            #expect(compiled.termCounting(of: plan, pages: even, db) == .counted)
            #expect(try compiled.passages(holding: plan, atLeast: 0, rows: rows, db, estimatedPast: 0, pages: even) == term)

            compiled.termCountingLimits.countedAtMostPages = pages.reduce(0, +)
            #expect(compiled.termCounting(of: plan, pages: nil, db) == .counted)
            #expect(try compiled.passages(holding: plan, atLeast: 0, rows: rows, db, estimatedPast: 0) == term)

            compiled.termCountingLimits.countedAtMostPages = 0
            let managed = compiled.highlightPlans[1]
            guard case .estimated = compiled.termCounting(of: managed, pages: nil, db) else {
                Issue.record("态控制线 not estimated")
                return
            }
            let estimate = try compiled.passages(holding: managed, atLeast: 0, rows: rows, db, estimatedPast: 0)
            #expect(estimate >= other / 4 && estimate <= rows, "\(estimate) for \(other)")
        }
    }

    /// A term of one bigram past the pages counted is estimated from them: no statement of
    /// FTS5 runs, and the estimate stays within its characters' passages.
    @Test func aTermOfOneBigramIsEstimatedFromItsPages() throws {
        let index = try RareTermsTests.index(decoys: 30)
        try index.read { db in
            var compiled = try QueryCompiler.compile(try SearchQuery(parsing: RareTermsTests.query), db)
            compiled.rareTokenLimits = RareTermsTests.small
            compiled.termCountingLimits.countedAtMostPages = 0
            let rows = try #require(try CompiledQuery.indexedRows(db))
            // A bigram without totals of its own (管理 is one of the frequent ones, counted).
            let plan = try #require(["常管", "态控", "控制", "制线"].compactMap(TermPlan.init).first { $0.frequentBigramSlot == nil })
            let pages = try #require(DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: RareTermsTests.small.segmentPagesAtLeast, db))
            try #require(pages.count == 1 && pages[0] > 0)
            #expect(compiled.termCounting(of: plan, pages: nil, db) == .paged(pages: pages[0]))
            let characters = try #require(try CharacterTotals.lookup(plan.folded, db)).map(\.passages)
            var found = 0
            let sql = try FilteredCharacterTests.statements(db) {
                found = try compiled.passages(holding: plan, atLeast: 0, rows: rows, db, estimatedPast: 0)
            }
            #expect(found == min(Int(Double(pages[0]) * TermCounting.passagesPerPage), characters.min() ?? 0))
            #expect(!sql.contains { $0.contains("passages_fts MATCH") }, "\(sql)")
            // Counted when its pages are within the limit.
            compiled.termCountingLimits.countedAtMostPages = pages[0]
            #expect(try compiled.passages(holding: plan, atLeast: 0, rows: rows, db, estimatedPast: 0)
                    == (try CompiledQuery.passages(matching: plan.matchExpression, db)))
        }
    }

    /// An estimate whose stretches held too few passages is made again over a sixteenth of the
    /// index: over 1/1024 (eight passages of this index) 常管理's is the estimate over 1/16.
    @Test func anEstimateOfTooFewPassagesIsMadeAgain() throws {
        let index = try RareTermsTests.index(decoys: 30)
        try index.read { db in
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: RareTermsTests.query), db)
            let plan = compiled.highlightPlans[0]
            let wide = try #require(try compiled.estimatedPassages(holding: plan, atLeast: 0, share: 16, db))
            #expect(wide > 0)
            #expect(try compiled.estimatedPassages(holding: plan, atLeast: 0, share: 1_024, db) == wide)
        }
    }

    /// A plan of rare terms takes the pages its IDFs read: given every token as rare, it leaves
    /// nothing out and declines the query.
    @Test func aPlanOfRareTermsTakesThePagesOfItsIDFs() throws {
        let index = try RareTermsTests.index(decoys: 10)
        try index.read { db in
            var (match, weights, found) = try RareTermsTests.planned(db, wanted: 10, limits: RareTermsTests.small)
            #expect(found != nil)
            #expect(weights.pages == nil, "a small index reads no pages for its IDFs")
            let compiled = try QueryCompiler.compile(try SearchQuery(parsing: RareTermsTests.query), db)
            let tokens = compiled.highlightPlans.flatMap(\.tokens)
            weights.pages = Dictionary(tokens.map { ($0, 1) }, uniquingKeysWith: { a, _ in a })
            var taking = compiled
            taking.rareTokenLimits = RareTermsTests.small
            #expect(try taking.rankedFromRareTerms(db, wanted: 10, ranges: try #require(compiled.ranges), weights: weights,
                                                   limits: RareTermsTests.small) == nil, "\(match)")
        }
    }
}
