import Testing
@testable import BaogaoKit

/// Folded ranges map back to exactly the original scalars they came from, whether every
/// scalar folds to one (no mapping kept) or some fold to none or several.
struct FoldedTextTests {
    @Test(arguments: [
        // text, folded term, the original scalars it covers
        ("ＡＰＰ上线", "app", 0..<3),
        ("ＡＰＰ上线", "上线", 3..<5),
        ("\u{200B}乡村振兴", "乡村", 1..<3),         // an ignorable first scalar folds to nothing
        ("a\u{200B}乡村", "乡村", 2..<4),
        ("㍻年报告", "年报", 1..<3),                 // ㍻ folds to two scalars: 平成
        ("㍻年报告", "平成", 0..<1),
        ("乡村。振兴", "振兴", 3..<5),
    ])
    func foldedRangesMapBackToTheOriginal(_ text: String, _ term: String, _ original: Range<Int>) throws {
        let folded = FoldedText(text)
        let found = try #require(folded.occurrences(of: FoldedText(term).scalars).first)
        #expect(folded.originalRange(of: found) == original)
    }

    @Test func anEmptyRangeMapsToAPoint() {
        let folded = FoldedText("\u{200B}乡村")
        #expect(folded.originalRange(of: 0..<0) == 1..<1)
        #expect(folded.originalRange(of: 2..<2) == 3..<3)
        #expect(FoldedText("乡村").originalRange(of: 2..<2) == 2..<2)
    }

    /// FoldedText decodes UTF-8 by hand: on text of every encoded length (1–4 bytes: ASCII,
    /// Latin, Han, traditional Han, full-width, extension B, emoji, ignorables), it folds as
    /// ScalarFolding does scalar by scalar.
    @Test func foldsEveryEncodedLengthAsScalarFoldingDoes() {
        let pool: [Unicode.Scalar] = ["a", "Z", "5", " ", "。", "é", "Ω", "ß", "乡", "鄉", "興", "振", "Ａ", "１",
                                      "\u{20BB7}", "\u{2A6D6}", "😀", "\u{200B}", "\u{FB01}", "ｶ", "\u{0301}", "〇"]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &rng) { text.append(pool.randomElement(using: &rng)!) }
            let string = String(text)
            let folded = FoldedText(string)
            #expect(folded.scalars == ScalarFolding.fold(string).unicodeScalars.map(\.value), "\(string)")
            #expect(folded.originalCount == string.unicodeScalars.count)
        }
    }
}
