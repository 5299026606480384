import Testing
@testable import BaogaoKit

/// The punctuation table gives exactly what Unicode properties give: it only makes folding
/// and classifying `，（：；、。“”` cheaper, never different.
struct FrequentScalarsTests {
    @Test func everyEntryAgreesWithTheUnicodeProperties() {
        for block in FrequentScalars.blocks {
            for value in block {
                let scalar = Unicode.Scalar(value)!
                let computed = ScalarFolding.computeFolded(scalar).map(\.value)
                #expect(ScalarFolding.isIdentity(value) == ScalarFolding.computeIsIdentity(value), "U+\(String(value, radix: 16))")
                #expect(ScalarFolding.folded(scalar).map(\.value) == computed, "U+\(String(value, radix: 16))")
                #expect(ScalarFolding.foldedScalar(value).map { [$0] } ?? computed == computed, "U+\(String(value, radix: 16))")
                #expect(ScalarClass.of(value) == ScalarClass.computeClass(value), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test(arguments: [
        ("，", ",", ScalarClass.separator),
        ("（", "(", .separator),
        ("：", ":", .separator),
        ("、", "、", .separator),
        ("。", "。", .separator),
        ("〇", "〇", .ideograph),
        ("　", " ", .separator),
        ("Ａ", "a", .word),
        ("\u{200B}", "", .separator),
    ])
    func commonPunctuationFoldsAndClassifies(_ text: String, _ folded: String, _ kind: ScalarClass) {
        let value = text.unicodeScalars.first!.value
        #expect(ScalarFolding.fold(text) == folded)
        #expect(ScalarClass.of(value) == kind)
    }
}
