import Testing
@testable import BaogaoKit

/// Tesseract's words laid out as page text, then joined into paragraphs as a PDF's lines are.
struct OCRLayoutTests {
    /// One TSV row of a word.
    static func word(page: Int = 1, block: Int = 1, par: Int = 1, line: Int, left: Int, top: Int,
                     width: Int, conf: Double = 95, _ text: String) -> String {
        "5\t\(page)\t\(block)\t\(par)\t\(line)\t1\t\(left)\t\(top)\t\(width)\t36\t\(conf)\t\(text)"
    }

    static let header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"

    /// A page as Tesseract reads it: a heading, a paragraph of two lines whose first line is
    /// indented by two characters (40 px each), a speck, and a second paragraph after a gap.
    static let page = [
        header,
        "1\t1\t0\t0\t0\t0\t0\t0\t1653\t2339\t-1\t",
        word(line: 1, left: 200, top: 200, width: 40, "一"),
        word(line: 1, left: 240, top: 200, width: 200, "、 总体"),
        word(line: 1, left: 440, top: 200, width: 80, "情况"),
        word(line: 2, left: 280, top: 260, width: 400, "今年 以 来 ， 我 局 坚 持"),
        word(line: 2, left: 680, top: 260, width: 640, "以 习近平 新时代 中国 特色 社会 主 义"),
        word(line: 3, left: 200, top: 320, width: 400, "思想 为 指导 ， 全面 推进 乡村 振兴"),
        word(line: 3, left: 600, top: 320, width: 160, "工作 。"),
        word(line: 4, left: 900, top: 330, width: 6, conf: 3, "~"),
        word(line: 5, left: 600, top: 340, width: 6, conf: 60, "."),
        word(block: 2, line: 1, left: 280, top: 480, width: 560, "二 是 加强 组织 领导 2023 年"),
    ].joined(separator: "\n")

    @Test func linesAreCleanedIndentedAndSeparated() {
        let pages = OCRLayout.pages(tsv: Self.page)
        #expect(pages == ["""
            一、总体情况
              今年以来，我局坚持以习近平新时代中国特色社会主义
            思想为指导，全面推进乡村振兴工作。

              二是加强组织领导2023年

            """])
    }

    @Test func pagesJoinIntoParagraphsWithHeadings() {
        let layout = OCRLayout.pages(tsv: Self.page).joined(separator: "\u{0C}")
        let paragraphs = PDFParagraphs.paragraphs(layout)
        #expect(paragraphs.map(\.text) == [
            "一、总体情况",
            "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面推进乡村振兴工作。",
            "二是加强组织领导2023年",
        ])
        #expect(paragraphs.allSatisfy { $0.page == 1 })
    }

    @Test func eachPageOfAMultiPageScanIsItsOwn() {
        let tsv = [Self.header,
                   Self.word(page: 1, line: 1, left: 200, top: 200, width: 120, "第一 页"),
                   Self.word(page: 3, line: 1, left: 200, top: 200, width: 120, "第三 页")].joined(separator: "\n")
        #expect(OCRLayout.pages(tsv: tsv) == ["第一页\n", "", "第三页\n"])
    }

    @Test func nothingRecognisedIsNoPage() {
        #expect(OCRLayout.pages(tsv: Self.header + "\n1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t") == [])
        #expect(OCRLayout.pages(tsv: "") == [])
    }
}
