import Testing
@testable import baogao

/// Printed passages lose the spaces at their ends, full-width ones included, and nothing else.
struct HitPrinterTests {
    @Test func spacesAndTabsAtTheEndsAreTrimmed() {
        let table: [(String, String)] = [
            ("  乡村振兴  ", "乡村振兴"),
            ("\t　推进乡村振兴。\u{3000}", "推进乡村振兴。"),
            ("\u{00A0}营商环境 数字政府 ", "营商环境 数字政府"),
            ("乡村振兴\n", "乡村振兴\n"),
            ("   ", ""),
            ("", ""),
            ("a", "a"),
        ]
        for (text, trimmed) in table {
            #expect(HitPrinter.trimmingSpaces(text) == trimmed, "«\(text)»")
        }
    }
}
