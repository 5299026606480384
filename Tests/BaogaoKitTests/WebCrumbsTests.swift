import Testing
@testable import BaogaoKit

/// Which lines are a web page's crumbs (never a unit, year or title): a label and a colon,
/// a label alone, or a bracketed line; compared scalar by scalar.
struct WebCrumbsTests {
    @Test(arguments: [
        ("来源：解放日报", true),
        ("  来源:新华社", true),              // leading spaces, an ASCII colon
        ("来源", true),                        // the label alone
        ("来源　 ", true),                     // and trailing spaces
        ("时间：2026-02-09 10:00", true),
        ("信息来源：市统计局", true),
        ("【字号：大 中 小】", true),
        ("[打印]", true),
        ("来源地管理办法", false),             // a word that starts like a label
        ("编辑部工作总结", false),
        ("时间 就是效率", false),              // the label, a space, then more text
        ("2026年上海市政府工作报告", false),
        ("", false),
        ("   ", false),
    ])
    func crumbs(_ line: String, _ expected: Bool) {
        #expect(WebCrumbs.isCrumb(line) == expected, "\(line)")
    }
}
