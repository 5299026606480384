import Testing
@testable import BaogaoKit

/// A report's count of passages per ideograph, folded as searches fold it, and the same as
/// the tokens FTS5 holds: a passage holds a character when some token starts with it.
struct CharacterCountsTests {
    static let cases: [(passages: [String], expected: [String: Int])] = [
        (["所有的场所"], ["所": 1, "有": 1, "的": 1, "场": 1]),            // twice in a passage: once
        (["所有", "场所。", "无关"], ["所": 2, "有": 1, "场": 1, "无": 1, "关": 1]),
        (["們的國家"], ["们": 1, "的": 1, "国": 1, "家": 1]),               // traditional folds
        (["\u{F900}"], ["岂": 1]),                                          // a compatibility ideograph, then simplified
        (["𠀋𠀋、𠀋", "𠀋"], ["𠀋": 2]),                                    // beyond U+9FFF
        (["５G网络，ABC 123。"], ["网": 1, "络": 1]),                         // words and digits are not counted
        (["", "，。！"], [:]),
        (["㍻"], ["平": 1, "成": 1]),                                       // folds to two ideographs
    ]

    @Test(arguments: cases.indices)
    func passagesAreCountedPerCharacter(_ i: Int) {
        let (passages, expected) = Self.cases[i]
        let counts = CharacterCounts(passages: passages)
        var seen: [String: Int] = [:]
        for (value, count) in zip(counts.characters, counts.passages) {
            seen[String(Unicode.Scalar(value)!)] = Int(count)
        }
        #expect(seen == expected, "\(passages)")
        #expect(counts.characters == counts.characters.sorted())
        for (character, count) in expected {
            #expect(counts.count(of: Unicode.Scalar(character)!.value) == count)
        }
        #expect(counts.count(of: 0x4E01) == 0)
    }

    /// Against the tokenizer, on random mixed text: a passage holds a character exactly when
    /// a token (not a glued one) starts with it.
    @Test func countsAgreeWithTheTokens() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["所", "有", "场", "們", "们", "國", "国", "、", "。", " ", "a", "5G", "ＡＢ", "𠀋", "\u{F900}", "的"]
        for _ in 0..<200 {
            let passages = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            let counts = CharacterCounts(passages: passages)
            var expected: [UInt32: Int] = [:]
            for passage in passages {
                var starts: Set<UInt32> = []
                for token in BigramTokenizer.tokens(in: passage) {
                    guard let first = token.text.unicodeScalars.first, first != BigramTokenizer.glue,
                          ScalarClass.of(first.value) == .ideograph else { continue }
                    starts.insert(first.value)
                }
                for value in starts { expected[value, default: 0] += 1 }
            }
            let found = Dictionary(uniqueKeysWithValues: zip(counts.characters, counts.passages.map(Int.init)))
            #expect(found == expected, "\(passages)")
        }
    }

    /// A tally reset for the next report forgets the last one, in the table and beyond it.
    @Test func aResetTallyStartsAgain() {
        var tally = CharacterCounts.Tally()
        _ = PassageTerms("所有𠀋", tally: &tally)
        _ = PassageTerms("所", tally: &tally)
        #expect(tally.counts.count(of: 0x6240) == 2)
        tally.reset()
        _ = PassageTerms("场所", tally: &tally)
        #expect(tally.counts == CharacterCounts(passages: ["场所"]))
    }
}
