import Foundation
import Testing
@testable import BaogaoKit

/// .csv and .jsonl collections: one report per row, columns found or named.
struct CollectionReaderTests {
    static let laws = """
        province,year,title,source_url,publish_date,full_text
        河南省,2021,河南省乡村振兴促进条例,http://example.org/1,2021-07-30,"第一章 总则
        第一条 为了全面实施乡村振兴战略，制定本条例。"
        河北省,2022年,河北省数字经济促进条例,http://example.org/2,2022-05-27,第一条 为了促进数字经济发展，制定本条例。
        """

    @Test func namedColumnsMapTextAndUnit() throws {
        let options = ReadingOptions(columns: try ColumnMapping(["text=full_text", "unit=province"]))
        let parsed = try readFile(Data(Self.laws.utf8), named: "laws.csv", options: options)
        #expect(parsed.reports.map(\.path) == ["laws.csv#1", "laws.csv#2"])
        let first = parsed.reports[0]
        #expect(view(first).map(\.text) == ["第一章 总则", "第一条 为了全面实施乡村振兴战略，制定本条例。"])
        #expect(first.metadata.unit == "河南省")
        #expect(first.metadata.unitSource == .column)
        #expect(first.metadata.year == 2021)
        #expect(first.metadata.title == "河南省乡村振兴促进条例")
        #expect(parsed.reports[1].metadata.year == 2022)
    }

    @Test func commonNamesAreRecognisedUnaided() throws {
        // province and full_text are among the known names.
        let parsed = try readFile(Data(Self.laws.utf8), named: "laws.csv")
        #expect(parsed.reports.count == 2)
        #expect(parsed.reports[1].metadata.unit == "河北省")

        let chinese = "标题,年份,单位,正文\n工作总结,2023,县教育局,全年新建学校三所。\n"
        let parsed2 = try readFile(TestEncodings.gb18030(chinese), named: "汇总.csv")
        #expect(parsed2.reports[0].metadata.unit == "县教育局")
        #expect(parsed2.reports[0].metadata.title == "工作总结")
        #expect(view(parsed2.reports[0]).map(\.text) == ["全年新建学校三所。"])
    }

    @Test func aMissingColumnIsAClearError() throws {
        #expect(throws: BaogaoError("no column “正文” for --column text=正文 (columns: province, year, title, source_url, publish_date, full_text)")) {
            try readFile(Data(Self.laws.utf8), named: "laws.csv",
                         options: ReadingOptions(columns: try ColumnMapping(["text=正文"])))
        }
        #expect(throws: BaogaoError("no text column among id, name: name it with --column text=COLUMN")) {
            try readFile(Data("id,name\n1,a\n".utf8), named: "t.csv")
        }
        #expect(throws: BaogaoError.self) { try ColumnMapping(["body=text"]) }
        #expect(throws: BaogaoError.self) { try ColumnMapping(["text"]) }
    }

    @Test func rowsWithoutTextAreLeftOutButKeepTheirNumbers() throws {
        let csv = "title,text\n甲,第一篇正文。\n乙,\n丙,第三篇正文。\n"
        let parsed = try readFile(Data(csv.utf8), named: "c.csv")
        #expect(parsed.reports.map(\.path) == ["c.csv#1", "c.csv#3"])
        #expect(parsed.notes == ["1 row without text left out"])
    }

    @Test func jsonLinesWithABadLine() throws {
        let jsonl = """
            {"title": "甲", "unit": "市XX办", "year": 2021, "content": "第一篇正文。"}
            not json
            {"title": "乙", "unit": "县教育局", "year": "2022年", "content": "第二篇正文。\\n第二段。"}
            """
        let parsed = try readFile(Data(jsonl.utf8), named: "r.jsonl")
        #expect(parsed.reports.map(\.path) == ["r.jsonl#1", "r.jsonl#3"])
        #expect(view(parsed.reports[1]).map(\.text) == ["第二篇正文。", "第二段。"])
        #expect(parsed.reports[1].metadata.year == 2022)
        #expect(parsed.notes == ["1 line not a JSON object (line 2)"])
    }

    @Test(arguments: [("2021", 2021), ("2021年", 2021), ("2021-05-03", 2021), ("发布于2019年", 2019), ("12345", nil), ("", nil)])
    func years(_ cell: String, _ year: Int?) {
        #expect(CollectionReader.year(cell) == year)
    }
}

struct CSVTableTests {
    @Test(arguments: [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2", [["a", "b"], ["1", "2"]]),
        ("\u{FEFF}a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", [["a", "b"], ["x,y", "say \"hi\""]]),
        ("a\n\"line1\nline2\"\n", [["a"], ["line1\nline2"]]),
        ("a,b\n\n1,\n", [["a", "b"], ["1", ""]]),
        ("a\tb\n1\t2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n\"unclosed,2\n", [["a", "b"], ["unclosed,2\n"]]),
    ])
    func records(_ text: String, _ expected: [[String]]) {
        #expect(CSVTable.records(text) == expected)
    }
}
