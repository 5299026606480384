import Testing
@testable import BaogaoKit

/// A file name and text, and the metadata they must give.
struct MetadataCase: Sendable, CustomTestStringConvertible {
    var name: String
    var fileName: String
    var text: String
    var expected: ReportMetadata
    var testDescription: String { name }
}

private func fromText(unit: String?, year: Int?, title: String?, found: String? = nil) -> ReportMetadata {
    ReportMetadata(unit: unit, year: year, title: title,
                   unitSource: unit == nil ? nil : .text,
                   yearSource: year == nil ? nil : .text,
                   titleSource: title == nil ? nil : .text, unitName: found ?? unit)
}

private func fromFileName(unit: String, year: Int, title: String, found: String? = nil) -> ReportMetadata {
    ReportMetadata(unit: unit, year: year, title: title,
                   unitSource: .fileName, yearSource: .fileName, titleSource: .fileName, unitName: found ?? unit)
}

private let workSummary = """
XX:
2021年，按照市委部署，在市直工委指导下，市XX办紧扣全年目标推进党建工作。现将有关情况报告如下。
一、政治引领，加强思想建设
市XX办坚持把政治建设摆在首位。
（一）坚持理论学习。市XX办党组全年开展集中学习XX次。
（二）加强意识形态工作。市XX办严格执行审核制度。
"""

private let metadataCases: [MetadataCase] = [
    MetadataCase(
        name: "file name gives all three",
        fileName: "上海市_2026_政府工作报告.txt", text: workSummary,
        expected: fromFileName(unit: "上海市人民政府", year: 2026, title: "政府工作报告", found: "上海市")),
    MetadataCase(
        name: "file name under directories",
        fileName: "reports/2022/市农业农村局_2022_乡村振兴工作总结.txt", text: "",
        expected: fromFileName(unit: "市农业农村局", year: 2022, title: "乡村振兴工作总结")),
    MetadataCase(
        name: "file name title keeps further underscores",
        fileName: "区XX局_2019_党建_工作总结.txt", text: "",
        expected: fromFileName(unit: "区XX局", year: 2019, title: "党建_工作总结")),
    MetadataCase(
        name: "file name with a year out of range: no year, the rest read as a free name",
        fileName: "市XX局_1800_总结.txt", text: "",
        expected: ReportMetadata(unit: "市XX局", title: "1800_总结", unitSource: .fileName, titleSource: .fileName,
                                 unitName: "市XX局")),
    MetadataCase(
        name: "file name without the pattern: the seed's layout",
        fileName: "000_da4124ded0554128.txt", text: workSummary,
        expected: fromText(unit: "市XX办", year: 2021, title: nil)),
    MetadataCase(
        name: "year and title from the name, unit from the title line",
        fileName: "2023年度工作总结.txt",
        text: "市生态环境局2023年度工作总结\n今年以来，我局在市委市政府的领导下扎实推进各项工作。\n一、主要工作\n",
        expected: ReportMetadata(unit: "市生态环境局", year: 2023, title: "工作总结", unitSource: .text,
                                 yearSource: .fileName, titleSource: .fileName, unitName: "市生态环境局")),
    MetadataCase(
        name: "title line names unit and year",
        fileName: "a.txt",
        text: "市生态环境局2023年度工作总结\n今年以来，我局在市委市政府的领导下扎实推进各项工作。\n一、主要工作\n",
        expected: fromText(unit: "市生态环境局", year: 2023, title: "市生态环境局2023年度工作总结")),
    MetadataCase(
        name: "signature and date at the end",
        fileName: "x.txt",
        text: "工作总结\n今年以来，在县委县政府的领导下，我局扎实推进各项工作。\n一、主要工作\n全年完成任务。\nXX县农业农村局\n2021年12月30日\n",
        expected: fromText(unit: "XX县农业农村局", year: 2021, title: "工作总结")),
    MetadataCase(
        name: "date in Chinese numerals",
        fileName: "a.txt",
        text: "述职报告\n本人认真履行职责。\n二〇二一年十二月三十日\n",
        expected: fromText(unit: nil, year: 2021, title: "述职报告")),
    MetadataCase(
        name: "government report after web crumbs",
        fileName: "report.txt",
        text: "下载\n打印\n【字号：\n】\n2030年某某市政府工作报告\n——2030年1月20日在某某市人民代表大会上\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、工作回顾\n",
        expected: fromText(unit: "某某市人民政府", year: 2030, title: "2030年某某市政府工作报告")),
    MetadataCase(
        name: "Markdown report: the first # heading",
        fileName: "law.txt",
        text: "# 某某市数据条例\n\n2025年3月1日 某某市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了促进数据利用，制定本条例。\n",
        expected: fromText(unit: "某某市人民代表大会常务委员会", year: 2025, title: "某某市数据条例")),
    MetadataCase(
        name: "superior bodies only: no unit",
        fileName: "b.txt",
        text: "在市委、市政府的领导下，我们完成了各项任务。\n一、主要工作\n",
        expected: ReportMetadata()),
    MetadataCase(
        name: "nothing fits",
        fileName: "c.txt", text: "今天天气很好。\n我们开会。\n",
        expected: ReportMetadata()),
]

@Test(arguments: metadataCases)
func metadata(_ c: MetadataCase) {
    let meta = MetadataInference.infer(path: c.fileName, structure: StructureParser.parse(c.text))
    #expect(meta == c.expected)
}

private let fileNameCases: [(name: String, unit: String?, year: Int?, title: String?)] = [
    ("上海市_2026_政府工作报告.txt", "上海市", 2026, "政府工作报告"),
    ("a\\b\\市XX办_2021_工作总结.md", "市XX办", 2021, "工作总结"),
    ("市XX办_1949_总结", "市XX办", 1949, "总结"),
    ("市XX办_2101_总结.txt", nil, nil, nil),
    ("市XX办_21_总结.txt", nil, nil, nil),
    ("市XX办_２０２１_总结.txt", nil, nil, nil),
    ("_2021_总结.txt", nil, nil, nil),
    ("市XX办_2021_.txt", nil, nil, nil),
    ("DLC__上海地方法规__条例.txt", nil, nil, nil),
]

@Test func fileNamesAreRead() {
    for c in fileNameCases {
        let name = ReportFileName(c.name)
        #expect(name?.unit == c.unit, "\(c.name)")
        #expect(name?.year == c.year, "\(c.name)")
        #expect(name?.title == c.title, "\(c.name)")
    }
}

private let unitCases: [(text: String, units: [String])] = [
    ("按照市委部署，在市直工委指导下，市XX办紧扣目标…", ["市直工委", "市XX办"]),
    ("市生态环境局2023年度工作总结", ["市生态环境局"]),
    ("认真贯彻落实省委、市委决策部署，市委市政府高度重视", []),
    ("我代表河北省人民政府向大会报告工作", ["河北省人民政府"]),
    ("中共XX市委办公室印发通知", ["中共XX市委办公室"]),
    ("西藏自治区人民政府", ["西藏自治区人民政府"]),
    ("县级干部每人联系1-2家企业", []),
    ("我代表市人民政府，向大会报告工作", []),
    ("郑州市XX局，许昌县XX局，郑州市政府", ["郑州市XX局", "县XX局"]),
    ("按照市XX局要求", ["市XX局"]),
    ("市人民政府办公厅", ["市人民政府办公厅"]),
    ("某某市生猪屠宰管理办法", []),
    ("市住房和城乡建设局、市发展和改革委员会", ["市住房和城乡建设局", "市发展和改革委员会"]),
    ("在市委和市政府的领导下，县级人民政府", []),
    ("某某市院前急救条例", []),
]

@Test func unitNamesAreFound() {
    for c in unitCases {
        #expect(UnitNames.find(in: c.text) == c.units, "\(c.text)")
    }
}

private let yearCases: [(text: String, first: Int?, beforeNian: Int?, dateLine: Int?)] = [
    ("2021年度机关党建工作总结", 2021, 2021, nil),
    ("关于2021-2023年工作的报告", 2021, 2023, nil),
    ("12021年", nil, nil, nil),
    ("2021年12月30日", 2021, 2021, 2021),
    ("二〇二一年十二月三十日", nil, nil, 2021),
    ("2030-02-09", 2030, nil, 2030),
    ("1800年", nil, nil, nil),
    ("生产总值达到13697.5亿元", nil, nil, nil),
]

@Test func yearsAreRead() {
    for c in yearCases {
        #expect(ReportDates.firstYear(in: c.text) == c.first, "\(c.text)")
        #expect(ReportDates.firstYearBeforeNian(in: c.text) == c.beforeNian, "\(c.text)")
        #expect((ReportDates.isDateLine(c.text) ? ReportDates.leadingDateYear(c.text) : nil) == c.dateLine, "\(c.text)")
    }
}
