import Testing
@testable import BaogaoKit

/// Re-joining pdftotext's layout lines into paragraphs.
struct PDFParagraphsTests {
    // Body lines here are 28 characters wide, as the printed page had them.
    static let full1 = "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指"
    static let full2 = "导，全面推进乡村振兴，各项工作取得明显成效，群众满意度提"

    @Test(arguments: [
        // A sentence broken by the line end joins; the indented next paragraph does not.
        ("""
           今年以来，我局坚持以习近平新时代中国特色社会主义思想为指
         导，全面推进乡村振兴，各项工作取得明显成效，群众满意度提
         高。
           二是加强组织领导。成立领导小组，定期研究部署乡村振兴工作
         """, ["今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面推进乡村振兴，各项工作取得明显成效，群众满意度提高。",
               "二是加强组织领导。成立领导小组，定期研究部署乡村振兴工作"]),
        // A heading stands alone: it is short, and the next line starts a heading.
        ("""
         一、总体情况
         今年以来，我局坚持以习近平新时代中国特色社会主义思想为指
         （一）加强组织领导。成立领导小组，定期研究部署乡村振兴工作
         1.细化任务分工，层层压实责任，确保各项工作落到实处见到实效
         """, ["一、总体情况", "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指",
               "（一）加强组织领导。成立领导小组，定期研究部署乡村振兴工作",
               "1.细化任务分工，层层压实责任，确保各项工作落到实处见到实效"]),
        // A full line ending a sentence (。”) ends the paragraph; a blank line does too.
        ("""
         推进“万人助万企”活动，县级干部每人联系企业，帮扶成效明显。”
         全年新增市场主体一万二千户，同比增长百分之十二点五，好于
         
         预期目标。
         """, ["推进“万人助万企”活动，县级干部每人联系企业，帮扶成效明显。”",
               "全年新增市场主体一万二千户，同比增长百分之十二点五，好于", "预期目标。"]),
        // A page break does not end a sentence; page numbers vanish.
        ("""
         全年新增市场主体一万二千户，同比增长百分之十二点五，好于
                                    - 3 -
         \u{0C}预期目标，营商环境持续优化。
                                   第 4 页 共 9 页
         """, ["全年新增市场主体一万二千户，同比增长百分之十二点五，好于预期目标，营商环境持续优化。"]),
        // Latin words broken at a line end get their space back; a date is no heading.
        ("""
         The annual report of the municipal bureau of agriculture is
         available online at the portal of the city government today
         2022.5 marks the date of publication of the final edition now
         """, ["The annual report of the municipal bureau of agriculture is available online at the portal of the city government today 2022.5 marks the date of publication of the final edition now"]),
    ])
    func joins(_ layout: String, _ paragraphs: [String]) {
        #expect(PDFParagraphs.join(layout) == paragraphs)
    }

    @Test(arguments: ["一、总体情况", "（三）强化保障", "(2)资金", "第二章 总则", "第十条 为了", "第一部分", "12.推进", "3、落实", "# 标题"])
    func headingStarts(_ line: String) {
        #expect(PDFParagraphs.startsHeading(line[...]))
    }

    @Test(arguments: ["一是加强领导", "2022.5", "3.14是圆周率", "第一时间", "（注：略）", "十分重要", "100%"])
    func notHeadingStarts(_ line: String) {
        #expect(!PDFParagraphs.startsHeading(line[...]))
    }

    @Test(arguments: [("3", true), ("- 12 -", true), ("— 3 —", true), ("第 4 页", true), ("第4页 共9页", true),
                      ("3/12", true), ("2022", false), ("三", false), ("第三章", false), ("12亿元", false)])
    func pageNumbers(_ line: String, _ isPageNumber: Bool) {
        #expect(PDFParagraphs.isPageNumber(line[...]) == isPageNumber)
    }

    @Test(arguments: [("成效明显。", true), ("他说：“好。”", true), ("如下：", true), ("（见附件）", false), ("推进", false)])
    func sentenceEnds(_ line: String, _ ends: Bool) {
        #expect(PDFParagraphs.endsSentence(line[...]) == ends)
    }
}
