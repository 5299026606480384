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

    @Test func theTextItselfHasTenPassages() {
        #expect(expected.count == 10)
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
