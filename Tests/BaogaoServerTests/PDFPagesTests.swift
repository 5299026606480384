import BaogaoKit
import BaogaoServer
import BaogaoTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// A PDF's pages on the web page: the hit says its page, the report view marks page breaks.
struct PDFPagesTests {
    @Test func hitsShowTheirPageAndTheReportMarksPageBreaks() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            print("skipped: pdftotext is not installed (apt-get install poppler-utils)")
            return
        }
        let root = TestFolders.root.appendingPathComponent("baogao-pages-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var pdf = PDFBuilder()
        pdf.flow([("一、总体情况", true), ("全年完成农业投资十二亿元。", false)])
        pdf.newPage()
        pdf.flow([("二、主要做法", true), ("推进数字乡村建设，新建益农信息社三十个。", false)])
        try pdf.data().write(to: folder.appendingPathComponent("report.pdf"))
        let indexURL = root.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)

        let (results, report, document) = try await withApp(index) { client in
            (try await client.get(url("/", ["q": "益农信息社"])).text,
             try await client.get(url("/report", ["path": "report.pdf", "line": "4"])).text,
             try await client.get(url("/api/report", ["path": "report.pdf"])).json())
        }
        #expect(results.contains("report.pdf:4</a> <span class=\"page\">p.2</span>"), "\(results)")
        let passages = document["passages"] as! [[String: Any]]
        #expect(passages.map { $0["page"] as? Int } == [1, 1, 2, 2])
        // A mark before the first line of each page, anchored #P1, #P2.
        #expect(matches(of: #"<div class="page-break" id="P(\d+)">p\.\d+</div>"#, in: report) == ["1", "2"], "\(report)")
        #expect(matches(of: #"<div class="page-break" id="P\d+">p\.\d+</div>\n<(?:p|h\d) id="L(\d+)""#, in: report) == ["1", "3"])
    }
}
