import Testing
@testable import BaogaoKit

/// The spaces OCR puts between Chinese characters go; those between Latin words and numbers stay.
struct OCRSpacingTests {
    @Test(arguments: [
        ("今年 以 来 ， 我 局 坚持", "今年以来，我局坚持"),
        ("一 、 总 体 情 况", "一、总体情况"),
        ("（ 一 ） 加强 组织 领导 。", "（一）加强组织领导。"),
        ("推进 “ 万人 助 万 企 ” 活动", "推进“万人助万企”活动"),
        ("全年 完成 投资 12 亿 元", "全年完成投资12亿元"),
        ("2023 年 GDP 增长 5.2%", "2023年GDP增长5.2%"),
        ("PM2.5 平均 浓度", "PM2.5平均浓度"),
        ("The annual  report   of 2023", "The annual report of 2023"),
        ("5G 基站 1 200 个", "5G基站1200个"),
        ("2 0 2 4 年 ， 覆盖率 达到 8 8 . 7 %", "2024年，覆盖率达到88.7%"),
        ("全县 X X 所 学校 ， V O C s 治理", "全县XX所学校，VOCs治理"),
        ("GDP 增长 5 . 2 %", "GDP增长5.2%"),
        ("a b c d", "a b c d"),
        ("  前后 空格  ", "前后空格"),
        ("全角\u{3000}空格", "全角空格"),
        ("第 3 页 共 12 页", "第3页共12页"),
        ("", ""),
    ])
    func cleans(_ line: String, _ expected: String) {
        #expect(OCRSpacing.clean(line) == expected)
    }
}
