import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// Every reader yields the passages and headings the same report gives as a .txt.
struct FormatEquivalenceTests {
    let expected: [PassageView]

    init() throws {
        expected = view(try readReport(Data(SampleReport.text.utf8), named: "report.txt"))
    }

    @Test func theTextItselfHasTenPassagesAndFourHeadings() {
        #expect(expected.count == 10)
        #expect(expected[5].trail == ["一、总体情况", "（二）强化要素保障"])
        #expect(expected[7].trail == ["二、主要做法"])
        #expect(expected[8].text == "项目\t投资（亿元）\t进度")
    }

    @Test func docxWithTypedNumbers() throws {
        let report = try readReport(try SampleReport.docxTyped.data(), named: "report.docx")
        #expect(view(report) == expected)
        #expect(report.encoding == "docx")
    }

    @Test func docxWithWordListNumbering() throws {
        let report = try readReport(try SampleReport.docxListNumbered.data(), named: "report.docx")
        #expect(view(report) == expected)
    }

    @Test func docxWithHeadingStylesOnNumberedHeadings() throws {
        var docx = DocxBuilder()
        docx.paragraph(SampleReport.title, style: "Title")
        docx.paragraph(SampleReport.preamble)
        docx.paragraph("一、" + SampleReport.part1, style: "Heading1")
        docx.paragraph(SampleReport.part1Body, style: "BodyText")
        docx.paragraph("（一）" + SampleReport.item1, style: "Heading2")
        docx.paragraph("（二）" + SampleReport.item2, style: "Heading2")
        docx.paragraph("二、" + SampleReport.part2, style: "Heading1")
        docx.paragraph(SampleReport.part2Body)
        docx.table(SampleReport.table)
        let report = try readReport(try docx.data(), named: "report.docx")
        #expect(view(report) == expected)
        #expect(report.structure.sections.map(\.heading) == ["一、总体情况", "（一）加强组织领导", "（二）强化要素保障", "二、主要做法"])
    }

    @Test func htmlWithHeadingTagsOnNumberedHeadings() throws {
        let html = SampleReport.html(charset: "utf-8")
            .replacingOccurrences(of: "<p>\(SampleReport.title)</p>", with: "<h1>\(SampleReport.title)</h1>")
            .replacingOccurrences(of: "<p><strong>一、\(SampleReport.part1)</strong></p>", with: "<h2>一、\(SampleReport.part1)</h2>")
            .replacingOccurrences(of: "<p>二、\(SampleReport.part2)</p>", with: "<h2>二、\(SampleReport.part2)</h2>")
        #expect(html.contains("<h2>二、"))
        let report = try readReport(Data(html.utf8), named: "report.html")
        #expect(view(report) == expected)
    }

    @Test(arguments: ["utf-8", nil])
    func htmlInUTF8(charset: String?) throws {
        let report = try readReport(Data(SampleReport.html(charset: charset).utf8), named: "report.html")
        #expect(view(report) == expected)
    }

    @Test(arguments: ["gbk", "gb2312", nil])
    func htmlInGBK(charset: String?) throws {
        let bytes = TestEncodings.gb18030(SampleReport.html(charset: charset))
        #expect(!bytes.isEmpty)
        let report = try readReport(bytes, named: "report.htm")
        #expect(view(report) == expected)
        #expect(report.encoding.contains("GB18030"))
    }

    @Test func csvRow() throws {
        let quoted = "\"" + SampleReport.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let csv = "province,year,title,full_text\n河南省,2021,其他,短文一篇。\n河北省,2022年,工作总结,\(quoted)\n"
        let parsed = try readFile(Data(csv.utf8), named: "reports.csv")
        #expect(parsed.reports.map(\.path) == ["reports.csv#1", "reports.csv#2"])
        #expect(view(parsed.reports[1]) == expected)
    }

    @Test func jsonlRow() throws {
        let object: [String: Any] = ["title": "工作总结", "unit": "市农业农村局", "year": 2022, "content": SampleReport.text]
        let line = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let parsed = try readFile(Data((line + "\n").utf8), named: "reports.jsonl")
        #expect(parsed.reports.count == 1)
        #expect(view(parsed.reports[0]) == expected)
    }

    @Test func pdfMadeFromTheSameParagraphs() throws {
        guard PDFReader.findPdftotext() != nil else {
            print("skipped: pdftotext is not installed (apt-get install poppler-utils)")
            return
        }
        var pdf = PDFBuilder()
        let lines = SampleReport.text.split(separator: "\n").map(String.init)
        pdf.flow(lines.dropLast(2).map { line in
            (line, line.hasPrefix("一、") || line.hasPrefix("二、") || line == SampleReport.title)
        })
        let report = try readReport(pdf.data(), named: "report.pdf")
        // The table does not survive PDF layout as tabs; everything before it must.
        #expect(Array(view(report)) == Array(expected.prefix(8)))
    }
}
