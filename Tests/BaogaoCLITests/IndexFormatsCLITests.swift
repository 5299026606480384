import BaogaoSpawn
import BaogaoTestSupport
import Foundation
import Testing

/// `baogao index` on a real office folder: Word, web pages, collections, PDFs, metadata.csv,
/// progress and quiet output, as a user runs it.
struct IndexFormatsCLITests {
    static let laws = """
        province,year,title,source_url,publish_date,full_text
        河南省,2021,河南省乡村振兴促进条例,http://example.org/1,2021-07-30,"第一章 总则
        第一条 为了全面实施乡村振兴战略，制定本条例。"
        河北省,2022,河北省数字经济促进条例,http://example.org/2,2022-05-27,"第一条 为了促进数字经济发展，制定本条例。
        第二条 本省推进乡村振兴与数字乡村建设。"
        """

    /// reports/ with a .docx, a GBK web page, a collection, a .doc, and metadata.csv.
    func fixture() throws -> URL {
        let root = try temporaryFolder()
        let folder = root.appendingPathComponent("reports")
        var docx = DocxBuilder()
        docx.paragraph("县教育局2022年工作总结", style: "Title")
        docx.paragraph("总体情况", style: "Heading1")
        docx.paragraph("全年推进乡村振兴教育帮扶，新建乡村学校三所。")
        try docx.write(to: folder.appendingPathComponent("县教育局总结.docx"))
        let page = #"<html><head><meta charset="gb2312"></head><body><h2>一、营商环境</h2><p>开展&ldquo;万人助万企&rdquo;活动。</p></body></html>"#
        let gbk = GBKEncoder.encode(page)
        #expect(!gbk.isEmpty)
        try gbk.write(to: folder.appendingPathComponent("news/page.htm"), createFolder: true)
        try write(Self.laws, to: folder.appendingPathComponent("laws.csv"))
        try Data([0xD0, 0xCF, 0x11, 0xE0]).write(to: folder.appendingPathComponent("old.doc"))
        try write("path,unit,year,title\nnews/page.htm,市发展改革委,2023,营商环境简报\n",
                  to: folder.appendingPathComponent("metadata.csv"))
        return root
    }

    func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func everyFormatIsIndexedAndRowsShowAsFileHashRow() throws {
        let root = try fixture()
        let indexed = try CLIRunner.run(["index", "reports", "--index", "r.sqlite",
                                         "--column", "text=full_text", "--column", "unit=province"], in: root)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("4 reports"), "\(indexed.stdout)")
        #expect(indexed.stdout.contains("added 3, updated 0, removed 0, unchanged 0, skipped 1"))
        #expect(indexed.stdout.contains("MB/s"))
        #expect(indexed.stderr.contains("skipped reports/old.doc: Word 97–2003 (.doc) is not supported: save it as .docx"))
        #expect(!indexed.stderr.contains("metadata.csv"), "metadata.csv is not a report")

        let found = try CLIRunner.run(["search", "乡村振兴", "--index", "r.sqlite", "--json", "--limit", "0"], in: root)
        #expect(found.status == 0, "\(found.stderr)")
        let hits = jsonLines(found.stdout)
        let places = Set(hits.map { "\($0["path"] as! String):\($0["line"] as! Int)" })
        #expect(places == ["reports/laws.csv#1:2", "reports/laws.csv#2:2", "reports/县教育局总结.docx:3"])
        let row = try #require(hits.first { ($0["path"] as? String) == "reports/laws.csv#1" })
        #expect(row["unit"] as? String == "河南省")
        #expect(row["year"] as? Int == 2021)
        #expect(row["title"] as? String == "河南省乡村振兴促进条例")
        let word = try #require(hits.first { ($0["path"] as? String)?.hasSuffix(".docx") == true })
        #expect(word["section"] as? [String] == ["总体情况"])

        let web = try CLIRunner.run(["search", "万人助万企", "--index", "r.sqlite", "--json"], in: root)
        let webHit = try #require(jsonLines(web.stdout).first)
        #expect(webHit["path"] as? String == "reports/news/page.htm")
        #expect(webHit["section"] as? [String] == ["一、营商环境"])
        #expect(webHit["text"] as? String == "开展“万人助万企”活动。")
        #expect(webHit["unit"] as? String == "市发展改革委")
        #expect(webHit["title"] as? String == "营商环境简报")

        let shown = try CLIRunner.run(["show", "reports/laws.csv#2:2", "--index", "r.sqlite"], in: root)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("第二条 本省推进乡村振兴与数字乡村建设。"))
    }

    @Test func aMissingColumnSkipsTheCollectionAndABadMappingIsAnError() throws {
        let root = try fixture()
        let missing = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--column", "text=正文"], in: root)
        #expect(missing.status == 0)
        #expect(missing.stderr.contains("skipped reports/laws.csv: no column “正文” for --column text=正文"), "\(missing.stderr)")

        let bad = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--column", "body=full_text"], in: root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown field “body” (use text, unit, year or title)"))

        // Naming the column later reads the collection again, and the mapping is remembered.
        let named = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--column", "text=full_text"], in: root)
        #expect(named.stdout.contains("added 1"), "\(named.stdout)")
        let again = try CLIRunner.run(["index", "reports", "--index", "r.sqlite"], in: root)
        #expect(again.stdout.contains("added 0, updated 0, removed 0, unchanged 3"), "\(again.stdout)")
    }

    @Test func progressLinesOnlyWhenAskedAndQuietIsQuiet() throws {
        let root = try fixture()
        let plain = try CLIRunner.run(["index", "reports", "--index", "a.sqlite"], in: root)
        #expect(!plain.stderr.contains("files"), "no progress when stderr is not a terminal: \(plain.stderr)")

        let lines = try CLIRunner.run(["index", "reports", "--index", "b.sqlite", "--progress"], in: root)
        #expect(lines.status == 0)
        #expect(lines.stderr.contains("3/3 files  100%"), "\(lines.stderr)")
        #expect(lines.stderr.contains("MB/s"))
        #expect(!lines.stderr.contains("\r"))
        // A build ends with the merge of its full-text index, said as it starts.
        #expect(lines.stderr.contains("3 files read · merging the full-text index 0%"), "\(lines.stderr)")

        let quiet = try CLIRunner.run(["index", "reports", "--index", "c.sqlite", "--quiet", "--progress"], in: root)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
        #expect(!quiet.stderr.contains("files"))
        #expect(quiet.stderr.contains("old.doc"), "skipped files are still reported")
    }

    @Test func aProgressBarOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped: script(1) from util-linux is needed to give the command a terminal")
            return
        }
        let root = try fixture()
        // script(1) runs the command on a pseudo-terminal and copies what it shows.
        let command = "'\(CLIRunner.executable.path)' index reports --index t.sqlite"
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let shown = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(shown)")
        #expect(shown.contains("\r\u{1B}[K"), "the bar is redrawn in place and cleared: \(shown.debugDescription)")
        #expect(shown.contains("indexed reports into t.sqlite"))
    }

    @Test func aPDFIsSearchable() throws {
        let root = try temporaryFolder()
        var pdf = PDFBuilder()
        pdf.flow([("一、总体情况", true),
                  ("今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面推进乡村振兴，各项工作取得明显成效。", false)])
        pdf.newPage()
        pdf.flow([("二、主要做法", true), ("推进数字政府建设，政务服务事项全部实现网上可办。", false)])
        try pdf.data().write(to: root.appendingPathComponent("reports/a.pdf"), createFolder: true)
        try write("一、其他\n数字政府建设稳步推进。\n", to: root.appendingPathComponent("reports/b.txt"))
        let indexed = try CLIRunner.run(["index", "reports", "--index", "r.sqlite"], in: root)
        #expect(indexed.status == 0)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            #expect(indexed.stderr.contains("poppler-utils"))
            print("skipped: pdftotext is not installed (apt-get install poppler-utils)")
            return
        }
        let found = try CLIRunner.run(["search", "思想为指导", "--index", "r.sqlite", "--json"], in: root)
        #expect(found.status == 0, "\(found.stderr)")
        let hit = try #require(jsonLines(found.stdout).first)
        #expect(hit["path"] as? String == "reports/a.pdf")
        #expect(hit["line"] as? Int == 2)
        #expect(hit["page"] as? Int == 1)
        #expect(hit["section"] as? [String] == ["一、总体情况"])

        // Every hit of a PDF says its page (JSON and the terminal's location); others have none.
        let both = try CLIRunner.run(["search", "数字政府建设", "--index", "r.sqlite", "--json"], in: root)
        let pages = Dictionary(uniqueKeysWithValues: jsonLines(both.stdout).map { ($0["path"] as! String, $0["page"]) })
        #expect(pages["reports/a.pdf"] as? Int == 2)
        #expect(pages["reports/b.txt"] is NSNull)
        let shown = try CLIRunner.run(["search", "数字政府建设", "--index", "r.sqlite"], in: root)
        #expect(shown.stdout.contains("reports/a.pdf:4 p.2\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("reports/b.txt:2\n"), "\(shown.stdout)")
    }
}

extension Data {
    func write(to url: URL, createFolder: Bool) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try write(to: url)
    }
}
