import Testing
@testable import BaogaoKit

/// Running headers and footers: dropped at the edges of pages, kept in the body.
struct RunningLinesTests {
    @Test(arguments: [
        // The same header on three of three pages, with the page number changing.
        ([["XX市人民政府文件 1", "一、总体情况", "正文。"], ["XX市人民政府文件 2", "正文二。"],
          ["XX市人民政府文件 3", "正文三。", "结尾。"]], ["XX市人民政府文件"]),
        // Two pages are not enough to tell.
        ([["市农业农村局", "正文。"], ["市农业农村局", "正文。"]], []),
        // On three of seven pages: not most of them.
        ([["页眉", "a"], ["页眉", "b"], ["页眉", "c"], ["d"], ["e"], ["f"], ["g"]], []),
        // A footer at the bottom of each page.
        ([["正文一。", "二〇二三年工作总结"], ["正文二。", "二〇二三年工作总结"], ["正文三。", "二〇二三年工作总结"]],
         ["二〇二三年工作总结"]),
    ] as [([[Substring]], Set<String>)])
    func finds(_ pages: [[Substring]], _ running: Set<String>) {
        #expect(RunningLines.repeated(pages: pages) == running)
    }

    @Test func paragraphsLoseRunningHeadersAndKnowTheirPages() {
        let layout = [
            "XX县人民政府\n一、总体情况\n  全年完成投资12亿元。\n- 1 -\n",
            "XX县人民政府\n  二是加强组织领导。XX县人民政府牵头。\n- 2 -\n",
            "XX县人民政府\n二、主要做法\n  推进乡村振兴。\n- 3 -\n",
        ].joined(separator: "\u{0C}")
        let paragraphs = PDFParagraphs.paragraphs(layout)
        #expect(paragraphs.map(\.text) == ["一、总体情况", "全年完成投资12亿元。", "二是加强组织领导。XX县人民政府牵头。",
                                           "二、主要做法", "推进乡村振兴。"])
        #expect(paragraphs.map(\.page) == [1, 1, 2, 3, 3])
    }
}
