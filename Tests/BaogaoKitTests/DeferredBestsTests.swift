import Testing
@testable import BaogaoKit

/// A group's best is its first source, in the order added (tier order), that finds one.
struct DeferredBestsTests {
    typealias Best = DeferredBests.Best

    static func count(_ report: Int64) -> CompiledQuery.ReportCount {
        CompiledQuery.ReportCount(report: report, passages: 1)
    }

    @Test func theFirstSourceThatFindsOneGivesTheBest() throws {
        let deferred = DeferredBests()
        var asked: [Int64] = []
        // Tier 1 finds a best in reports with an even id; tier 2's are known.
        let exact = deferred.register { top in
            asked.append(top.report)
            return top.report % 2 == 0 ? (passage: top.report * 100, kind: .exact, rank: -1) : nil
        }
        deferred.add(0, top: Self.count(2), lookup: exact)
        deferred.add(1, top: Self.count(3), lookup: exact)
        deferred.add(2, known: (passage: 7, kind: .variant, rank: -9))   // a group with tier 2 alone
        deferred.add(0, known: (passage: 8, kind: .variant, rank: -9))   // tier 1 wins
        deferred.add(1, known: (passage: 9, kind: .variant, rank: -9))   // tier 1 found none
        #expect(try deferred.best(of: 0).map(\.passage) == 200)
        #expect(try deferred.best(of: 1).map(\.passage) == 9)
        #expect(try deferred.best(of: 2).map(\.passage) == 7)
        #expect(try deferred.best(of: 3) == nil)
        // Only the groups asked for were looked up.
        #expect(asked == [2, 3])
    }

    @Test func groupsAddedOutOfOrderAreFound() throws {
        let deferred = DeferredBests()
        for g in [5, 1, 4, 0, 3, 2].reversed() { deferred.add(g, known: (passage: Int64(g), kind: .exact, rank: 0)) }
        for g in 0...5 { #expect(try deferred.best(of: g)?.passage == Int64(g)) }
        #expect(try deferred.best(of: 6) == nil && deferred.best(of: -1) == nil)
    }
}
