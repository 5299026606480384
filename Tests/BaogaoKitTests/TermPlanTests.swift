import Testing
@testable import BaogaoKit

struct TermPlanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var term: String
        var tokens: [String]
        var prefix = false
        var verify = false
        var testDescription: String { term }
    }

    static let cases: [Case] = [
        Case(term: "乡村振兴", tokens: ["乡村", "村振", "振兴"]),
        Case(term: "党", tokens: ["党"], prefix: true),
        Case(term: "党建", tokens: ["党建"]),
        Case(term: "XX办", tokens: ["xx", "^办"], prefix: true),
        Case(term: "乡村ab", tokens: ["乡村", "村", "^ab"]),
        Case(term: "a村b", tokens: ["a", "^村", "^b"]),
        Case(term: "校XX", tokens: ["校", "^xx"]),
        Case(term: "5G网络", tokens: ["5g", "^网络"]),
        Case(term: "村ab", tokens: ["村", "^ab"]),
        Case(term: "２０２１年", tokens: ["2021", "^年"], prefix: true),
        Case(term: "ＡＰＰ", tokens: ["app"]),
        Case(term: "划，推", tokens: ["划", "推"], prefix: true, verify: true),
        Case(term: "乡村。", tokens: ["乡村", "村"], verify: true),
        Case(term: "PM2.5", tokens: ["pm2", "5"], verify: true),
        Case(term: "数字 政府", tokens: ["数字", "字", "政府"], verify: true),
    ]

    @Test(arguments: cases)
    func plan(_ c: Case) throws {
        let plan = try #require(TermPlan(c.term))
        #expect(plan.tokens.map { $0.replacingOccurrences(of: String(BigramTokenizer.glue), with: "^") } == c.tokens)
        #expect(plan.prefixLast == c.prefix)
        #expect(plan.needsVerification == c.verify)
    }

    @Test(arguments: ["，", "。。", "😀", "“”", "\u{200B}", "   "])
    func nothingToSearch(_ term: String) {
        #expect(TermPlan(term) == nil)
    }

    @Test func matchExpressionQuotesEveryToken() throws {
        #expect(try #require(TermPlan("乡村振兴")).matchExpression == #""乡村" + "村振" + "振兴""#)
        #expect(try #require(TermPlan("XX办")).matchExpression == "\"xx\" + \"\u{E000}办\" *")
    }

    /// Every query token, fed back through the tokenizer in query mode, is one token: FTS5
    /// re-tokenizes the strings of a MATCH expression.
    @Test(arguments: cases)
    func tokensSurviveRetokenizing(_ c: Case) throws {
        let glue = String(BigramTokenizer.glue)
        for token in try #require(TermPlan(c.term)).tokens {
            let bare = token.hasPrefix(glue) ? String(token.dropFirst()) : token
            #expect(BigramTokenizer.tokens(in: bare, mode: .query).map(\.text) == [bare])
        }
    }
}
