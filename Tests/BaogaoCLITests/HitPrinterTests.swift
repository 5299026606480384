import BaogaoKit
import Testing
@testable import baogao

/// Printed passages lose the spaces at their ends, full-width ones included, and nothing else;
/// a hit standing for identical passages names where they are.
struct HitPrinterTests {
    static func copies(_ n: Int) -> [HitCopy] {
        (1...n).map { HitCopy(path: "r/单位\($0)_2024_报告.txt", line: $0, unit: "单位\($0)", year: $0 == 2 ? nil : 2024,
                              title: "报告", section: []) }
    }

    @Test func fewCopiesAreAllNamedManyByTheFirstFewAndACount() {
        let printer = HitPrinter(color: false, full: false, root: nil)
        #expect(printer.copies([]) == "")
        #expect(printer.copies(Self.copies(2)) == """
                + r/单位1_2024_报告.txt:1  单位1 · 2024
                + r/单位2_2024_报告.txt:2  单位2 · ?

            """)
        let five = printer.copies(Self.copies(5)).split(separator: "\n")
        #expect(five.count == 5)
        #expect(five.last == "    + r/单位5_2024_报告.txt:5  单位5 · 2024")
        let many = printer.copies(Self.copies(40)).split(separator: "\n")
        #expect(many.count == 4)
        #expect(many[2] == "    + r/单位3_2024_报告.txt:3  单位3 · 2024")
        #expect(many[3] == "    + 37 more identical (--json or --vimgrep lists every one)")
    }

    @Test func aHitWithCopiesSaysHowManyAndWhere() {
        var hit = SearchHit(path: "r/a.txt", line: 3, section: ["一、开场"], text: "我代表省人民政府向大会报告工作。",
                            highlights: [[1, 8]], unit: "省人民政府", year: 2024, title: "政府工作报告", score: 1)
        hit.copies = Self.copies(1)
        let block = HitPrinter(color: false, full: false, root: nil).block(hit, rank: 1)
        #expect(block.hasPrefix("1.  省人民政府 · 2024 · 政府工作报告  (+1 identical passage elsewhere)\n"))
        #expect(block.hasSuffix("我代表省人民政府向大会报告工作。\n    + r/单位1_2024_报告.txt:1  单位1 · 2024\n\n"))
    }

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
