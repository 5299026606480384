import Testing
@testable import BaogaoKit

/// Passages that differ only in punctuation, spaces or width are one hit; any other
/// difference keeps them apart.
struct DuplicateKeyTests {
    @Test func keysIgnoreSeparatorsAndWidthOnly() {
        let table: [(String, String, Bool)] = [
            ("推进乡村振兴。", "推进 乡村振兴", true),
            ("（一）驻村工作队全覆盖。", "(一)驻村工作队全覆盖", true),
            ("完成投资１２亿元", "完成投资12亿元", true),
            ("ＡＢＣ公司", "abc公司", true),
            ("推进乡村振兴", "推进乡村振兴战略", false),
            ("完成投资12亿元", "完成投资21亿元", false),
            ("", "。，", true),
            ("現在，我代表省人民政府向大會報告工作", "现在我代表省人民政府，向大会报告工作。", true),
            ("㍻元年工作", "平成元年工作", true),
            ("推进乡村振兴", "推进乡村", false),
        ]
        for (a, b, same) in table {
            let (x, y) = (DuplicateKey(FoldedText(a)), DuplicateKey(FoldedText(b)))
            #expect((x == y) == same, "\(a) / \(b)")
            if same { #expect(x.hashValue == y.hashValue) }
            // Compared scalar by scalar, as copies are looked up, the answer is the same.
            #expect(x.isKey(of: b) == same, "\(a) / \(b)")
            #expect(y.isKey(of: a) == same, "\(b) / \(a)")
        }
    }
}
