import Testing
@testable import BaogaoKit

/// One text rule: a text under a name that says nothing, and the unit, year and title it must give.
struct TextRule: Sendable, CustomTestStringConvertible {
    var rule: String
    var text: String
    var unit: String?
    var year: Int?
    var title: String?
    var testDescription: String { rule }
}

private let textRules: [TextRule] = [
    TextRule(rule: "title line, delivery line and 国务院总理: the year delivered, not the year reviewed",
             text: "政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理　李克强\n各位代表：\n"
                + "现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2018年工作回顾\n2018年是全面贯彻党的十九大精神的开局之年。\n",
             unit: "国务院", year: 2019, title: "政府工作报告"),
    TextRule(rule: "delivery line in Chinese numerals",
             text: "政府工作报告\n——一九五四年九月二十三日在中华人民共和国第一届全国人民代表大会第一次会议上\n国务院总理 周恩来\n各位代表：\n"
                + "一、过去五年的工作\n1953年是第一个五年计划的第一年。\n",
             unit: "国务院", year: 1954, title: "政府工作报告"),
    TextRule(rule: "delivery line with ○ for zero",
             text: "政府工作报告\n——二○○五年三月五日在第十届全国人民代表大会第三次会议上\n国务院总理 温家宝\n各位代表：\n一、2004年工作回顾\n",
             unit: "国务院", year: 2005, title: "政府工作报告"),
    TextRule(rule: "我代表国务院 without a speaker line; the year reviewed is not the report's",
             text: "政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、1979年工作回顾\n1979年，全国人民…。\n",
             unit: "国务院", year: nil, title: "政府工作报告"),
    TextRule(rule: "speaker line with the government written out",
             text: "2020年湖北省政府工作报告\n——2020年5月在湖北省第十三届人民代表大会第三次会议上\n湖北省人民政府省长 李殿勋\n各位代表：\n"
                + "现在，我代表省人民政府，向大会报告工作。\n一、2019年工作回顾\n",
             unit: "湖北省人民政府", year: 2020, title: "2020年湖北省政府工作报告"),
    TextRule(rule: "city head: 上海市市长 龚 正, after web crumbs",
             text: "下载\n打印\n【字号：\n】\n2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n"
                + "来源：解放日报\n时间：2026-02-09\n上海市市长 龚 正\n各位代表：\n现在，我代表上海市人民政府，向大会报告工作。\n一、2025年工作回顾\n",
             unit: "上海市人民政府", year: 2026, title: "2026年上海市政府工作报告"),
    TextRule(rule: "省长 alone: the province of the title",
             text: "2026年辽宁省政府工作报告\n——2026年1月27日在辽宁省第十四届人民代表大会第五次会议上\n来源：辽宁日报\n"
                + "时间：2026-02-01\n省长 王新伟\n各位代表：\n一、2025年工作回顾\n",
             unit: "辽宁省人民政府", year: 2026, title: "2026年辽宁省政府工作报告"),
    TextRule(rule: "自治区主席: the region of the title",
             text: "2026年西藏自治区政府工作报告\n——2026年1月31日在西藏自治区第十二届人民代表大会第四次会议上\n自治区主席 嘎玛泽登\n各位代表：\n"
                + "一、2025年工作回顾\n",
             unit: "西藏自治区人民政府", year: 2026, title: "2026年西藏自治区政府工作报告"),
    TextRule(rule: "我代表省人民政府 with the province in the title, no speaker line",
             text: "2026年浙江省政府工作报告\n2026年1月14日在浙江省第十四届人民代表大会第四次会议上\n各位代表：\n"
                + "现在，我代表省人民政府向大会作政府工作报告，请予审议。\n一、2025年主要工作\n",
             unit: "浙江省人民政府", year: 2026, title: "2026年浙江省政府工作报告"),
    TextRule(rule: "我代表市人民政府 with the city in the title",
             text: "2030年某某市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、工作回顾\n",
             unit: "某某市人民政府", year: 2030, title: "2030年某某市政府工作报告"),
    TextRule(rule: "a speech: speaker line with a department and a bracketed date",
             text: "坚定信心 担当实干 奋力推动人社事业高质量发展\n——在全区人力资源和社会保障工作会议上的讲话\n"
                + "区人力资源和社会保障局党组书记、局长 XXX\n（2024年2月XX日）\n同志们：\n一、2023年工作回顾\n",
             unit: "区人力资源和社会保障局", year: 2024, title: "坚定信心 担当实干 奋力推动人社事业高质量发展"),
    TextRule(rule: "signature and date at the end (市XX办 / 2021年12月20日)",
             text: "机关党建工作总结\n今年以来，我办认真落实党建责任。\n一、主要工作\n全年完成任务。\n市XX办\n2021年12月20日\n",
             unit: "市XX办", year: 2021, title: "机关党建工作总结"),
    TextRule(rule: "a 2021年工作总结 signed in January 2022 is 2021",
             text: "2021年工作总结\n一年来，我办认真落实党建责任。\n一、主要工作\n全年完成任务。\n市XX办\n2022年1月10日\n",
             unit: "市XX办", year: 2021, title: "2021年工作总结"),
    TextRule(rule: "web crumbs never give a unit or a title",
             text: "来源：XX市人民政府网\n时间：2021-01-05\n责任编辑：王某\n各位代表：\n我们一年来的工作，大家有目共睹。\n一、工作回顾\n",
             unit: nil, year: nil, title: nil),
    TextRule(rule: "crumbs before the title: skipped",
             text: "来源：新华社\n时间：2020-05-22\n责任编辑：张三\n政府工作报告\n——2020年5月22日在第十三届全国人民代表大会第三次会议上\n"
                + "国务院总理 李克强\n各位代表：\n一、2019年工作回顾\n",
             unit: "国务院", year: 2020, title: "政府工作报告"),
    TextRule(rule: "no speaker: a title naming 市长 in a word is no speaker line",
             text: "市长江大桥管理处2022年工作总结\n一、工作回顾\n",
             unit: nil, year: 2022, title: "市长江大桥管理处2022年工作总结"),
]

@Test(arguments: textRules)
func textRule(_ c: TextRule) {
    let meta = MetadataInference.infer(path: "x.txt", structure: StructureParser.parse(c.text))
    #expect(meta.unit == c.unit)
    #expect(meta.year == c.year)
    #expect(meta.title == c.title)
}

private let aliasCases: [(name: String, governmentReport: Bool, unit: String)] = [
    ("市发改委", false, "市发展和改革委员会"),
    ("县人社局", false, "县人力资源和社会保障局"),
    ("区住建局", false, "区住房和城乡建设局"),
    ("县卫健委", false, "县卫生健康委员会"),
    ("市工信局", false, "市工业和信息化局"),
    ("市市场监管局", false, "市市场监督管理局"),
    ("市政府办", false, "市人民政府办公室"),
    ("北京市政府", true, "北京市人民政府"),
    ("四川省人民政府", true, "四川省人民政府"),
    ("湖南省政府", true, "湖南省人民政府"),
    ("北京政府", false, "北京市人民政府"),
    ("四川", true, "四川省人民政府"),
    ("四川", false, "四川省"),
    ("上海市", true, "上海市人民政府"),
    ("上海市", false, "上海市"),
    ("XX县", true, "XX县人民政府"),
    ("吉林市政府", false, "吉林市人民政府"),
    ("广西自治区", false, "广西壮族自治区"),
    ("中华人民共和国国务院", true, "国务院"),
    ("市发展和改革委员会", false, "市发展和改革委员会"),
    ("市XX办", false, "市XX办"),
]

@Test func unitsGoByOneName() {
    for c in aliasCases {
        #expect(UnitAliases().canonical(c.name, governmentReport: c.governmentReport) == c.unit, "\(c.name)")
    }
}

@Test func userAliasesComeFirstAndLast() {
    let aliases = UnitAliases(["市XX办": "市委XX办公室", "市发展和改革委员会": "市发展改革委"])
    #expect(aliases.canonical("市XX办") == "市委XX办公室")
    #expect(aliases.canonical("市发改委") == "市发展改革委", "an alias of the built-in result")
    #expect(aliases.canonical("县教育局") == "县教育局")
}
