import Testing
@testable import BaogaoKit

/// One shape of file or folder name, and what it must give. `unit` is the unit's one name;
/// sources are `file-name` unless the folder gave it.
struct NameShape: Sendable, CustomTestStringConvertible {
    var path: String
    var unit: String?
    var year: Int?
    var title: String?
    var unitFromFolder = false
    var yearFromFolder = false
    var testDescription: String { path }
}

private let nameShapes: [NameShape] = [
    // The strict shape.
    NameShape(path: "市农业农村局_2022_乡村振兴工作总结.txt", unit: "市农业农村局", year: 2022, title: "乡村振兴工作总结"),
    NameShape(path: "Acme Ltd_2022_Annual review (final).txt", unit: "Acme Ltd", year: 2022, title: "Annual review"),
    // The year anywhere, in every way it is written.
    NameShape(path: "市发改委2023年工作总结.docx", unit: "市发展和改革委员会", year: 2023, title: "工作总结"),
    NameShape(path: "县教育局2021年度工作总结.txt", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "政府工作报告（2021）.txt", unit: nil, year: 2021, title: "政府工作报告"),
    NameShape(path: "县教育局工作总结-2021.txt", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "2021.县教育局工作总结.txt", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "二〇二一年县教育局工作总结.txt", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "二○一九年政府工作报告.txt", unit: nil, year: 2019, title: "政府工作报告"),
    NameShape(path: "20210315县教育局工作总结.txt", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "县教育局 2021.12.30 工作总结.txt", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "政府工作报告2005.txt", unit: nil, year: 2005, title: "政府工作报告"),
    // The unit before or after the year, or in brackets.
    NameShape(path: "2026年广东省政府工作报告.txt", unit: "广东省人民政府", year: 2026, title: "政府工作报告"),
    NameShape(path: "广东省人民政府2026年政府工作报告.txt", unit: "广东省人民政府", year: 2026, title: "政府工作报告"),
    NameShape(path: "政府工作报告（四川 2026）.txt", unit: "四川省人民政府", year: 2026, title: "政府工作报告"),
    NameShape(path: "关于2022年度乡村振兴工作的总结（县农业农村局）.docx", unit: "县农业农村局", year: 2022,
              title: "关于2022年度乡村振兴工作的总结"),
    NameShape(path: "2021年市XX办机关党建工作总结.txt", unit: "市XX办", year: 2021, title: "机关党建工作总结"),
    NameShape(path: "1955年中华人民共和国国务院政府工作报告.txt", unit: "国务院", year: 1955, title: "政府工作报告"),
    NameShape(path: "市发改委工作总结.txt", unit: "市发展和改革委员会", year: nil, title: "工作总结"),
    // Folders count.
    NameShape(path: "四川/2026/政府工作报告.txt", unit: "四川省人民政府", year: 2026, title: "政府工作报告",
              unitFromFolder: true, yearFromFolder: true),
    NameShape(path: "历年/2019/政府工作报告.txt", unit: nil, year: 2019, title: "政府工作报告", yearFromFolder: true),
    NameShape(path: "市农业农村局/2022年/工作总结.docx", unit: "市农业农村局", year: 2022, title: "工作总结",
              unitFromFolder: true, yearFromFolder: true),
    NameShape(path: "两会文件/1980年政府工作报告.txt", unit: nil, year: 1980, title: "政府工作报告"),
    NameShape(path: "县教育局2021/总结.txt", unit: "县教育局", year: 2021, title: "总结", unitFromFolder: true, yearFromFolder: true),
    NameShape(path: "2021年度材料/县教育局/总结.txt", unit: "县教育局", year: nil, title: "总结", unitFromFolder: true),
    // Words that say which copy a file is are no titles.
    NameShape(path: "2019年政府工作报告（全文）.txt", unit: nil, year: 2019, title: "政府工作报告"),
    NameShape(path: "县教育局2021年工作总结定稿.docx", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "县教育局2021年工作总结-最终版.docx", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "县教育局2021年工作总结(1).docx", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "【打印版】县教育局2021年工作总结.docx", unit: "县教育局", year: 2021, title: "工作总结"),
    NameShape(path: "2021年工作总结 - 副本.docx", unit: nil, year: 2021, title: "工作总结"),
    NameShape(path: "2021年全文.txt", unit: nil, year: 2021, title: nil),
    // Names that say nothing.
    NameShape(path: "000_da4124ded0554128.txt", unit: nil, year: nil, title: nil),
    NameShape(path: "report-07.txt", unit: nil, year: nil, title: nil),
    NameShape(path: "scan2021a.pdf", unit: nil, year: nil, title: nil),
    NameShape(path: "zfgzbg2026.txt", unit: nil, year: 2026, title: nil),
]

@Test(arguments: nameShapes)
func nameShape(_ c: NameShape) {
    let meta = MetadataInference.infer(path: c.path, structure: DocumentStructure())
    #expect(meta.unit == c.unit)
    #expect(meta.year == c.year)
    #expect(meta.title == c.title)
    if c.unit != nil { #expect(meta.unitSource == (c.unitFromFolder ? .folderName : .fileName)) }
    if c.year != nil { #expect(meta.yearSource == (c.yearFromFolder ? .folderName : .fileName)) }
}

private let yearTokens: [(name: String, year: Int?, token: String?)] = [
    ("2021年度工作总结", 2021, "2021年度"),
    ("（2021）", 2021, "2021"),
    ("报告-2021", 2021, "2021"),
    ("2021.政府工作报告", 2021, "2021"),
    ("2021年3月5日在会上", 2021, "2021年3月5日"),
    ("2021.12.30总结", 2021, "2021.12.30"),
    ("二〇二一年", 2021, "二〇二一年"),
    ("da4124ded", nil, nil),
    ("生产总值13697亿元", nil, nil),
    ("12021年", nil, nil),
    ("1800年", nil, nil),
]

@Test func yearTokensInNames() {
    for c in yearTokens {
        let scalars = Array(c.name.unicodeScalars)
        let token = NameYears.first(in: scalars)
        #expect(token?.year == c.year, "\(c.name)")
        #expect(token.map { String(String.UnicodeScalarView(scalars[$0.range])) } == c.token, "\(c.name)")
    }
}
