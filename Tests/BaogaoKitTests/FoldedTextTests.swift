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
}
