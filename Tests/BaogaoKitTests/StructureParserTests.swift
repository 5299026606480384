import Testing
@testable import BaogaoKit

/// One expected section: its line, kind and trail (headings from the outermost down to it).
struct ExpectedSection: Sendable, CustomStringConvertible {
    var line: Int
    var kind: HeadingKind
    var trail: [String]
    init(_ line: Int, _ kind: HeadingKind, _ trail: [String]) {
        self.line = line
        self.kind = kind
        self.trail = trail
    }
    var description: String { "L\(line) \(kind) \(trail.joined(separator: " > "))" }
}

/// One expected passage: its line and the heading of its innermost section (nil before the first).
struct ExpectedPassage: Sendable, CustomStringConvertible {
    var line: Int
    var heading: String?
    init(_ line: Int, _ heading: String?) {
        self.line = line
        self.heading = heading
    }
    var description: String { "L\(line) → \(heading ?? "nil")" }
}

/// A small report and the outline it must give.
struct OutlineCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var sections: [ExpectedSection]
    var passages: [ExpectedPassage]
    var testDescription: String { name }
}

/// Lines joined with "\n" and a final line break, like a file.
private func lines(_ lines: String...) -> String { lines.joined(separator: "\n") + "\n" }

private let outlineCases: [OutlineCase] = [
    OutlineCase(
        name: "work summary: salutation, inline headings, 一是, missing 二、",
        text: lines(
            "XX:",
            "2021年，按照市委部署，市XX办紧扣全年目标推进党建工作。现将有关情况报告如下。",
            "一、政治引领，加强思想建设",
            "市XX办把政治建设摆在首位。",
            "（一）坚持理论学习。全年开展集中学习XX次，一是用好平台，二是抓好阵地。",
            "（二）加强意识形态工作。一是严格审核制度。二是强化网络管理。",
            "夯实基础，加强组织建设",
            "围绕基层组织标准化建设，着力解决虚化问题。",
            "（一）建强党务队伍。选举产生新一届委员会。",
            "（二）严格组织生活。落实“三会一课”制度。",
            "三、从严治党，加强作风建设",
            "（一）加强廉政教育。全年开展廉政学习XX次。"),
        sections: [
            ExpectedSection(3, .chineseNumeral, ["一、政治引领，加强思想建设"]),
            ExpectedSection(5, .parenthesizedChineseNumeral, ["一、政治引领，加强思想建设", "（一）坚持理论学习"]),
            ExpectedSection(6, .parenthesizedChineseNumeral, ["一、政治引领，加强思想建设", "（二）加强意识形态工作"]),
            ExpectedSection(7, .chineseNumeral, ["夯实基础，加强组织建设"]),
            ExpectedSection(9, .parenthesizedChineseNumeral, ["夯实基础，加强组织建设", "（一）建强党务队伍"]),
            ExpectedSection(10, .parenthesizedChineseNumeral, ["夯实基础，加强组织建设", "（二）严格组织生活"]),
            ExpectedSection(11, .chineseNumeral, ["三、从严治党，加强作风建设"]),
            ExpectedSection(12, .parenthesizedChineseNumeral, ["三、从严治党，加强作风建设", "（一）加强廉政教育"]),
        ],
        passages: [
            ExpectedPassage(1, nil), ExpectedPassage(2, nil),
            ExpectedPassage(3, "一、政治引领，加强思想建设"), ExpectedPassage(4, "一、政治引领，加强思想建设"),
            ExpectedPassage(5, "（一）坚持理论学习"), ExpectedPassage(6, "（二）加强意识形态工作"),
            ExpectedPassage(7, "夯实基础，加强组织建设"), ExpectedPassage(8, "夯实基础，加强组织建设"),
            ExpectedPassage(9, "（一）建强党务队伍"), ExpectedPassage(10, "（二）严格组织生活"),
            ExpectedPassage(11, "三、从严治党，加强作风建设"), ExpectedPassage(12, "（一）加强廉政教育"),
        ]),
    OutlineCase(
        name: "government work report: crumbs, title, subtitle, speaker, appendix",
        text: lines(
            "下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】",
            "2030年某某市政府工作报告",
            "——2030年1月20日在某某市第九届人民代表大会第三次会议上",
            "来源：某某日报",
            "时间：2030-01-28",
            "某某市市长 王 某",
            "各位代表：",
            "现在，我代表市人民政府，向大会报告工作，请予审议。",
            "一、2029年工作回顾",
            "过去一年，我们主要做了以下工作。",
            "（一）全力稳定经济增长",
            "投资消费协同发力。全市生产总值增长5.2%，达到1.5万亿元。",
            "（二）深化改革开放，激发市场活力。营商环境持续优化，新设企业增长12%。",
            "二、2030年主要任务",
            "（一）着力扩大内需。实施提振消费专项行动。",
            "1.优化消费环境。开展消费季活动。",
            "2.扩大有效投资。推进重大项目。",
            "谢谢大家！",
            "名词解释",
            "1.新质生产力：以科技创新为主导的先进生产力。",
            "2.“两新”：大规模设备更新和消费品以旧换新。",
            "相关报道："),
        sections: [
            ExpectedSection(17, .chineseNumeral, ["一、2029年工作回顾"]),
            ExpectedSection(19, .parenthesizedChineseNumeral, ["一、2029年工作回顾", "（一）全力稳定经济增长"]),
            ExpectedSection(21, .parenthesizedChineseNumeral, ["一、2029年工作回顾", "（二）深化改革开放，激发市场活力"]),
            ExpectedSection(22, .chineseNumeral, ["二、2030年主要任务"]),
            ExpectedSection(23, .parenthesizedChineseNumeral, ["二、2030年主要任务", "（一）着力扩大内需"]),
            ExpectedSection(24, .arabicNumeral, ["二、2030年主要任务", "（一）着力扩大内需", "1.优化消费环境"]),
            ExpectedSection(25, .arabicNumeral, ["二、2030年主要任务", "（一）着力扩大内需", "2.扩大有效投资"]),
            ExpectedSection(27, .chineseNumeral, ["名词解释"]),
            ExpectedSection(28, .arabicNumeral, ["名词解释", "1.新质生产力：以科技创新为主导的先进生产力"]),
            ExpectedSection(29, .arabicNumeral, ["名词解释", "2.“两新”：大规模设备更新和消费品以旧换新"]),
        ],
        passages: (10...16).map { ExpectedPassage($0, nil) } + [
            ExpectedPassage(17, "一、2029年工作回顾"), ExpectedPassage(18, "一、2029年工作回顾"),
            ExpectedPassage(19, "（一）全力稳定经济增长"), ExpectedPassage(20, "（一）全力稳定经济增长"),
            ExpectedPassage(21, "（二）深化改革开放，激发市场活力"),
            ExpectedPassage(22, "二、2030年主要任务"), ExpectedPassage(23, "（一）着力扩大内需"),
            ExpectedPassage(24, "1.优化消费环境"), ExpectedPassage(25, "2.扩大有效投资"),
            ExpectedPassage(26, "2.扩大有效投资"), ExpectedPassage(27, "名词解释"),
            ExpectedPassage(28, "1.新质生产力：以科技创新为主导的先进生产力"),
            ExpectedPassage(29, "2.“两新”：大规模设备更新和消费品以旧换新"),
        ]),
    OutlineCase(
        name: "Markdown law: # title, INFO END, ## chapters, ### sections, articles with items",
        text: lines(
            "# 某某市数据条例", "",
            "2025年3月1日 某某市人民代表大会常务委员会通过", "",
            "<!-- INFO END -->", "",
            "## 第一章 总则", "",
            "第一条 为了促进数据利用，制定本条例。",
            "第二条 本条例适用于下列活动：",
            "（一）数据收集；",
            "（二）数据使用。", "",
            "## 第二章 数据利用",
            "### 第一节 一般规定",
            "第三条 数据应当依法利用。",
            "### 第二节 公共数据 <!-- 注释 -->",
            "第四条 公共数据依法开放。"),
        sections: [
            ExpectedSection(1, .markdown(1), ["某某市数据条例"]),
            ExpectedSection(7, .markdown(2), ["某某市数据条例", "第一章 总则"]),
            ExpectedSection(14, .markdown(2), ["某某市数据条例", "第二章 数据利用"]),
            ExpectedSection(15, .markdown(3), ["某某市数据条例", "第二章 数据利用", "第一节 一般规定"]),
            ExpectedSection(17, .markdown(3), ["某某市数据条例", "第二章 数据利用", "第二节 公共数据"]),
        ],
        passages: [
            ExpectedPassage(1, "某某市数据条例"), ExpectedPassage(3, "某某市数据条例"),
            ExpectedPassage(7, "第一章 总则"), ExpectedPassage(9, "第一章 总则"), ExpectedPassage(10, "第一章 总则"),
            ExpectedPassage(11, "第一章 总则"), ExpectedPassage(12, "第一章 总则"),
            ExpectedPassage(14, "第二章 数据利用"), ExpectedPassage(15, "第一节 一般规定"),
            ExpectedPassage(16, "第一节 一般规定"), ExpectedPassage(17, "第二节 公共数据"),
            ExpectedPassage(18, "第二节 公共数据"),
        ]),
    OutlineCase(
        name: "plain law: 第X章 / 第X节 headings, 第X条 and list items are passages",
        text: lines(
            "某某市物业管理条例",
            "第一章　总则",
            "第一条　为了规范物业管理活动，制定本条例。",
            "第二条　业主享有下列权利：",
            "（一）按照物业服务合同接受服务；",
            "（二）提议召开业主大会会议。",
            "一、对物业服务提出建议；",
            "第二章　业主大会",
            "第一节　一般规定",
            "第三条　业主大会由全体业主组成。",
            "第二节 业主委员会",
            "第四条　业主委员会执行业主大会的决定。",
            "第七节相应改为第八节，其余各节依次顺延。"),
        sections: [
            ExpectedSection(2, .chapter, ["第一章　总则"]),
            ExpectedSection(8, .chapter, ["第二章　业主大会"]),
            ExpectedSection(9, .chapterSection, ["第二章　业主大会", "第一节　一般规定"]),
            ExpectedSection(11, .chapterSection, ["第二章　业主大会", "第二节 业主委员会"]),
        ],
        passages: [ExpectedPassage(1, nil)] + (2...7).map { ExpectedPassage($0, "第一章　总则") } + [
            ExpectedPassage(8, "第二章　业主大会"), ExpectedPassage(9, "第一节　一般规定"),
            ExpectedPassage(10, "第一节　一般规定"), ExpectedPassage(11, "第二节 业主委员会"),
            ExpectedPassage(12, "第二节 业主委员会"), ExpectedPassage(13, "第二节 业主委员会"),
        ]),
    OutlineCase(
        name: "four levels 一、（一）1.（1）, and skipped levels",
        text: lines(
            "一、总体情况",
            "（一）主要成绩",
            "1.经济运行稳中有进",
            "（1）工业生产。规上工业增加值增长6%。",
            "(2)服务业",
            "2、改革持续深化",
            "二、存在问题",
            "1．创新能力不强",
            "（1）研发投入偏低",
            "十一、下步打算",
            "（1）抓好项目建设",
            "(一)强化保障"),
        sections: [
            ExpectedSection(1, .chineseNumeral, ["一、总体情况"]),
            ExpectedSection(2, .parenthesizedChineseNumeral, ["一、总体情况", "（一）主要成绩"]),
            ExpectedSection(3, .arabicNumeral, ["一、总体情况", "（一）主要成绩", "1.经济运行稳中有进"]),
            ExpectedSection(4, .parenthesizedArabicNumeral, ["一、总体情况", "（一）主要成绩", "1.经济运行稳中有进", "（1）工业生产"]),
            ExpectedSection(5, .parenthesizedArabicNumeral, ["一、总体情况", "（一）主要成绩", "1.经济运行稳中有进", "(2)服务业"]),
            ExpectedSection(6, .arabicNumeral, ["一、总体情况", "（一）主要成绩", "2、改革持续深化"]),
            ExpectedSection(7, .chineseNumeral, ["二、存在问题"]),
            ExpectedSection(8, .arabicNumeral, ["二、存在问题", "1．创新能力不强"]),
            ExpectedSection(9, .parenthesizedArabicNumeral, ["二、存在问题", "1．创新能力不强", "（1）研发投入偏低"]),
            ExpectedSection(10, .chineseNumeral, ["十一、下步打算"]),
            ExpectedSection(11, .parenthesizedArabicNumeral, ["十一、下步打算", "（1）抓好项目建设"]),
            ExpectedSection(12, .parenthesizedChineseNumeral, ["十一、下步打算", "(一)强化保障"]),
        ],
        passages: [
            ExpectedPassage(1, "一、总体情况"), ExpectedPassage(2, "（一）主要成绩"),
            ExpectedPassage(3, "1.经济运行稳中有进"), ExpectedPassage(4, "（1）工业生产"),
            ExpectedPassage(5, "(2)服务业"), ExpectedPassage(6, "2、改革持续深化"),
            ExpectedPassage(7, "二、存在问题"), ExpectedPassage(8, "1．创新能力不强"),
            ExpectedPassage(9, "（1）研发投入偏低"), ExpectedPassage(10, "十一、下步打算"),
            ExpectedPassage(11, "（1）抓好项目建设"), ExpectedPassage(12, "(一)强化保障"),
        ]),
    OutlineCase(
        name: "numbers that are no headings, title, signature and date",
        text: lines(
            "分享到：",
            "【打印本页】【关闭窗口】",
            "市XX局2023年度工作总结",
            "市XX局",
            "2023年12月30日",
            "各位领导：",
            "今年以来，我局扎实推进各项工作。现报告如下。",
            "主要工作情况",
            "（一）强化统筹。全年召开会议XX次。",
            "1.5万亿元投资中，民间投资占比过半。",
            "2021年以来累计建成项目XX个。",
            "12345热线办结率99%。",
            "一是强化统筹。二是压实责任。",
            "（二）压实责任",
            "谢谢大家！",
            "市XX局",
            "2023年12月30日"),
        sections: [
            ExpectedSection(8, .chineseNumeral, ["主要工作情况"]),
            ExpectedSection(9, .parenthesizedChineseNumeral, ["主要工作情况", "（一）强化统筹"]),
            ExpectedSection(14, .parenthesizedChineseNumeral, ["主要工作情况", "（二）压实责任"]),
        ],
        passages: (3...7).map { ExpectedPassage($0, nil) } + [ExpectedPassage(8, "主要工作情况")]
            + (9...13).map { ExpectedPassage($0, "（一）强化统筹") }
            + (14...17).map { ExpectedPassage($0, "（二）压实责任") }),
    OutlineCase(
        name: "CRLF, full-width spaces and NBSP before numbers",
        text: "\u{3000}\u{3000}一、总体情况\r\n\r\n\u{00A0}（一）加强学习。全年学习XX次。\r\n  1. 开展培训\r\n正文。\r\n",
        sections: [
            ExpectedSection(1, .chineseNumeral, ["一、总体情况"]),
            ExpectedSection(3, .parenthesizedChineseNumeral, ["一、总体情况", "（一）加强学习"]),
            ExpectedSection(4, .arabicNumeral, ["一、总体情况", "（一）加强学习", "1. 开展培训"]),
        ],
        passages: [
            ExpectedPassage(1, "一、总体情况"), ExpectedPassage(3, "（一）加强学习"),
            ExpectedPassage(4, "1. 开展培训"), ExpectedPassage(5, "1. 开展培训"),
        ]),
    OutlineCase(
        name: "first top-level heading unnumbered, then 二、 and 三、",
        text: lines(
            "市XX办2022年工作总结",
            "2022年，我办认真落实各项部署。现将工作总结如下。",
            "主要工作完成情况",
            "（一）抓好理论学习。全年学习XX次。",
            "（二）抓好队伍建设。培训干部XX人次。",
            "二、存在的问题",
            "一是学习不够深入。二是创新不足。",
            "三、下步打算",
            "（一）深化学习。持续推进。"),
        sections: [
            ExpectedSection(3, .chineseNumeral, ["主要工作完成情况"]),
            ExpectedSection(4, .parenthesizedChineseNumeral, ["主要工作完成情况", "（一）抓好理论学习"]),
            ExpectedSection(5, .parenthesizedChineseNumeral, ["主要工作完成情况", "（二）抓好队伍建设"]),
            ExpectedSection(6, .chineseNumeral, ["二、存在的问题"]),
            ExpectedSection(8, .chineseNumeral, ["三、下步打算"]),
            ExpectedSection(9, .parenthesizedChineseNumeral, ["三、下步打算", "（一）深化学习"]),
        ],
        passages: [
            ExpectedPassage(1, nil), ExpectedPassage(2, nil), ExpectedPassage(3, "主要工作完成情况"),
            ExpectedPassage(4, "（一）抓好理论学习"), ExpectedPassage(5, "（二）抓好队伍建设"),
            ExpectedPassage(6, "二、存在的问题"), ExpectedPassage(7, "二、存在的问题"),
            ExpectedPassage(8, "三、下步打算"), ExpectedPassage(9, "（一）深化学习"),
        ]),
    OutlineCase(
        name: "missing 二、 but two short lines in the gap: no way to tell, no promotion",
        text: lines(
            "一、工作成效",
            "重点工作",
            "全年完成各项任务。",
            "加强队伍建设",
            "全年培训干部XX人次。",
            "三、存在问题",
            "四、下步打算"),
        sections: [
            ExpectedSection(1, .chineseNumeral, ["一、工作成效"]),
            ExpectedSection(6, .chineseNumeral, ["三、存在问题"]),
            ExpectedSection(7, .chineseNumeral, ["四、下步打算"]),
        ],
        passages: [
            ExpectedPassage(1, "一、工作成效"), ExpectedPassage(2, "一、工作成效"), ExpectedPassage(3, "一、工作成效"),
            ExpectedPassage(4, "一、工作成效"), ExpectedPassage(5, "一、工作成效"),
            ExpectedPassage(6, "三、存在问题"), ExpectedPassage(7, "四、下步打算"),
        ]),
    OutlineCase(
        name: "missing 二、 with a single short line in the gap",
        text: lines(
            "一、工作成效",
            "（一）完成任务。全年完成各项任务。",
            "（二）加强督查。开展督查XX次。",
            "加强队伍建设",
            "全年培训干部XX人次。",
            "三、存在问题"),
        sections: [
            ExpectedSection(1, .chineseNumeral, ["一、工作成效"]),
            ExpectedSection(2, .parenthesizedChineseNumeral, ["一、工作成效", "（一）完成任务"]),
            ExpectedSection(3, .parenthesizedChineseNumeral, ["一、工作成效", "（二）加强督查"]),
            ExpectedSection(4, .chineseNumeral, ["加强队伍建设"]),
            ExpectedSection(6, .chineseNumeral, ["三、存在问题"]),
        ],
        passages: [
            ExpectedPassage(1, "一、工作成效"), ExpectedPassage(2, "（一）完成任务"), ExpectedPassage(3, "（二）加强督查"),
            ExpectedPassage(4, "加强队伍建设"), ExpectedPassage(5, "加强队伍建设"), ExpectedPassage(6, "三、存在问题"),
        ]),
    OutlineCase(
        name: "unnumbered top level throughout: parts found from the sub-numbering",
        text: lines(
            "2030年某某省政府工作报告",
            "各位代表：",
            "现在，我代表省人民政府，向大会报告工作。",
            "过去五年工作回顾",
            "五年来，全省经济实力跃上新台阶。",
            "今后五年目标任务",
            "今后五年，要努力实现以下目标。",
            "2030年重点工作",
            "重点抓好以下工作：",
            "（一）扩大有效需求。实施专项行动。",
            "（二）建设产业体系。培育新兴产业。",
            "各位代表！让我们团结奋斗。"),
        sections: [
            ExpectedSection(4, .chineseNumeral, ["过去五年工作回顾"]),
            ExpectedSection(6, .chineseNumeral, ["今后五年目标任务"]),
            ExpectedSection(8, .chineseNumeral, ["2030年重点工作"]),
            ExpectedSection(10, .parenthesizedChineseNumeral, ["2030年重点工作", "（一）扩大有效需求"]),
            ExpectedSection(11, .parenthesizedChineseNumeral, ["2030年重点工作", "（二）建设产业体系"]),
        ],
        passages: [
            ExpectedPassage(1, nil), ExpectedPassage(2, nil), ExpectedPassage(3, nil),
            ExpectedPassage(4, "过去五年工作回顾"), ExpectedPassage(5, "过去五年工作回顾"),
            ExpectedPassage(6, "今后五年目标任务"), ExpectedPassage(7, "今后五年目标任务"),
            ExpectedPassage(8, "2030年重点工作"), ExpectedPassage(9, "2030年重点工作"),
            ExpectedPassage(10, "（一）扩大有效需求"), ExpectedPassage(11, "（二）建设产业体系"),
            ExpectedPassage(12, "（二）建设产业体系"),
        ]),
]

@Test(arguments: outlineCases)
func outline(_ c: OutlineCase) {
    let s = StructureParser.parse(c.text)
    let sections = s.sections.indices.map {
        ExpectedSection(s.sections[$0].line, s.sections[$0].kind, s.trail(of: $0)).description
    }
    #expect(sections == c.sections.map(\.description))
    let passages = s.passages.map { ExpectedPassage($0.line, $0.sectionIndex.map { s.sections[$0].heading }).description }
    #expect(passages == c.passages.map(\.description))
}

@Test func passagesKeepTheirTextExactly() {
    let s = StructureParser.parse("\u{3000}\u{3000}一、总体情况\r\n \t\r\n\u{00A0}（一）加强学习。全年学习XX次。 \r\n最后一行")
    #expect(s.passages.map(\.text) == ["\u{3000}\u{3000}一、总体情况", "\u{00A0}（一）加强学习。全年学习XX次。 ", "最后一行"])
    #expect(s.passages.map(\.line) == [1, 3, 4])
}

@Test func emptyAndBlankTextsHaveNoPassages() {
    #expect(StructureParser.parse("") == DocumentStructure())
    #expect(StructureParser.parse("\n \r\n\u{3000}\n") == DocumentStructure())
}

// MARK: - Headings line by line

private let headingCases: [(line: String, kind: HeadingKind?, number: Int?, heading: String?)] = [
    ("一、政治引领，筑牢思想根基", .chineseNumeral, 1, "一、政治引领，筑牢思想根基"),
    ("十一、其他", .chineseNumeral, 11, "十一、其他"),
    ("二十、附则", .chineseNumeral, 20, "二十、附则"),
    ("（一）坚持理论武装。全年开展“第一议题”学习", .parenthesizedChineseNumeral, 1, "（一）坚持理论武装"),
    ("(三)加强监督！全年开展", .parenthesizedChineseNumeral, 3, "(三)加强监督"),
    ("（十）加强自身建设", .parenthesizedChineseNumeral, 10, "（十）加强自身建设"),
    ("1.教育方面。新建学校XX所", .arabicNumeral, 1, "1.教育方面"),
    ("10、其他方面", .arabicNumeral, 10, "10、其他方面"),
    ("１．全角数字", .arabicNumeral, 1, "１．全角数字"),
    ("（2）服务业。增长5%。", .parenthesizedArabicNumeral, 2, "（2）服务业"),
    ("(12)其他事项", .parenthesizedArabicNumeral, 12, "(12)其他事项"),
    ("第一编 总则", .part, 1, "第一编 总则"),
    ("第二部分 主要任务", .part, 2, "第二部分 主要任务"),
    ("第十二章　附则", .chapter, 12, "第十二章　附则"),
    ("第三节", .chapterSection, 3, "第三节"),
    ("# 某某条例", .markdown(1), nil, "某某条例"),
    ("###### 第六级", .markdown(6), nil, "第六级"),
    ("## 第一篇 <!-- 注释 -->", .markdown(2), nil, "第一篇"),
    ("\u{3000}\u{3000}二、存在问题", .chineseNumeral, 2, "二、存在问题"),
    ("一、二级公路建设需要分期实施的", nil, nil, nil),
    ("三、四月份降水偏少。", nil, nil, nil),
    ("三、十大工程", .chineseNumeral, 3, "三、十大工程"),
    ("1.5万亿元", nil, nil, nil),
    ("2021年全市生产总值", nil, nil, nil),
    ("12345热线", nil, nil, nil),
    ("1..", nil, nil, nil),
    ("一是强化统筹。二是压实责任。", nil, nil, nil),
    ("第一条 为了规范物业管理活动，制定本条例。", nil, nil, nil),
    ("第七节相应改为第八节，其余顺延。", nil, nil, nil),
    ("第一节课由书记讲授党课内容", .chapterSection, 1, "第一节课由书记讲授党课内容"),
    ("#标签", nil, nil, nil),
    ("####### 七级", nil, nil, nil),
    ("（注）不是编号", nil, nil, nil),
    ("（0）", nil, nil, nil),
    ("一二三", nil, nil, nil),
]

private let articleCases: [(line: String, isArticle: Bool)] = [
    ("第一条 为了规范物业管理活动，制定本条例。", true),
    ("第一百二十条　业主享有下列权利：", true),
    ("第十条之一 本条所称数据", true),
    ("第三条", true),
    ("第一条经验是坚持党的领导。", false),
    ("第一章 总则", false),
]

@Test func articlesOfLawsAreRecognised() {
    for c in articleCases {
        #expect(HeadingRecognizer.isArticle(c.line) == c.isArticle, "\(c.line)")
    }
}

@Test func headingsAreRecognisedFromTheirNumbers() {
    for c in headingCases {
        let match = HeadingRecognizer.recognize(c.line)
        #expect(match?.kind == c.kind, "\(c.line)")
        #expect(match?.number == c.number, "\(c.line)")
        #expect(match?.heading == c.heading, "\(c.line)")
    }
}

private let headingTextCases: [(line: String, heading: String)] = [
    // Sentence end within 60 characters: an inline heading.
    ("（一）加强廉政教育。一是加强学习。", "（一）加强廉政教育"),
    // No sentence end in the first 60 characters: the first clause.
    ("（二）坚持稳中求进，" + String(repeating: "全面深化改革开放", count: 10) + "。", "（二）坚持稳中求进"),
    // No clause end in the first 60 characters either: the first 40 characters and "…".
    ("（一）坚持以人民为中心的发展思想" + String(repeating: "持续推进各项工作", count: 8) + "，不断提升群众获得感。",
     "（一）坚持以人民为中心的发展思想" + String(repeating: "持续推进各项工作", count: 3) + "…"),
    ("1." + String(repeating: "推进", count: 40), "1." + String(repeating: "推进", count: 19) + "…"),
]

@Test func inlineAndLongHeadingsAreCut() {
    for c in headingTextCases {
        #expect(HeadingRecognizer.recognize(c.line)?.heading == c.heading, "\(c.line)")
    }
}

private let navigationCases: [(line: String, isNavigation: Bool)] = [
    ("下载", true), ("打印", true), ("全屏", true), ("收藏", true), ("【字号：", true), ("加大", true),
    ("还原", true), ("减小", true), ("】", true), ("分享到：", true), ("关闭窗口", true),
    ("【打印本页】【关闭窗口】", true), ("【字号：大 中 小】", true), ("下载 打印 全屏 收藏", true),
    ("相关报道：", true), ("<!-- INFO END -->", true), ("<!-- TABLE -->", true),
    ("下载中心建设", false), ("打印机采购", false), ("收藏家协会", false), ("各位代表：", false),
    ("<!-- 注释 --> 正文", false),
]

@Test func webCrumbsAreNavigation() {
    for c in navigationCases {
        #expect(LineKinds.isNavigation(ReportText.trimmed(c.line)) == c.isNavigation, "\(c.line)")
    }
}

private let candidateCases: [(line: String, isCandidate: Bool)] = [
    ("强化队伍，夯实组织基础", true),
    ("“十五五”时期工作回顾", true),
    ("2030年重点工作", true),
    ("某某市市长 王 某", false),      // speaker
    ("省长 李 某", false),
    ("谢谢大家！", false),
    ("谢谢大家", false),
    ("市XX办", false),               // signature
    ("XX县农业农村局", false),
    ("2021年12月30日", false),       // date
    ("二〇二一年十二月三十日", false),
    ("2030年1月14日在某某省第九届人民代表大会第三次会议上", false),
    ("——2030年2月3日在某某市第九届人民代表大会第三次会议上", false),
    ("各位代表：", false),           // salutation
    ("来源：某某日报", false),
    ("重点抓好以下工作：", false),
    ("今年要重点做好以下工作。", false),
    ("（此件公开发布）", false),
    ("这是一个很长的句子但是没有任何标点符号所以不会被当成标题来处理的", false),
]

@Test func shortLinesThatMayStandForAMissingHeading() {
    for c in candidateCases {
        #expect(LineKinds.isHeadingCandidate(ReportText.trimmed(c.line)) == c.isCandidate, "\(c.line)")
    }
}

// MARK: - Scale

@Test func aHugeSingleLineIsOnePassage() {
    let line = String(repeating: "全面推进各项工作取得新成效", count: 800_000) // ~10 M characters, 31 MB
    let s = StructureParser.parse("一、总体情况\n" + line + "\n")
    #expect(s.sections.count == 1)
    #expect(s.passages.count == 2)
    #expect(s.passages[1].text.utf8.count == line.utf8.count)
}

@Test func tenThousandHeadingsNest() {
    var text = ""
    for i in 1...2_500 {
        text += "一、第\(i)部分工作\n（一）小节。正文。\n1.条目\n（1）细目。正文。\n"
    }
    let s = StructureParser.parse(text)
    #expect(s.sections.count == 10_000)
    #expect(s.sections.filter { $0.parentIndex == nil }.count == 2_500)
    #expect(s.sections.last?.parentIndex == 9_998)
}
