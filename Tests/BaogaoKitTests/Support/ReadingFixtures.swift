import BaogaoTestSupport
import Foundation
@testable import BaogaoKit

/// A passage as a user sees it: line, text, and the headings above it.
struct PassageView: Hashable, CustomStringConvertible {
    var line: Int
    var text: String
    var trail: [String]

    var description: String { "\(line): \(text) [\(trail.joined(separator: " › "))]" }
}

/// Every passage of a report, with its section trail.
func view(_ report: ParsedReport) -> [PassageView] {
    report.structure.passages.map {
        PassageView(line: $0.line, text: $0.text, trail: report.structure.trail(of: $0.sectionIndex))
    }
}

/// Writes `data` as `name` in a fresh folder and reads it through the whole pipeline
/// (reader, structure, explicit headings, metadata), as the indexer does.
func readFile(_ data: Data, named name: String, options: ReadingOptions = ReadingOptions(),
              metadata: [String: MetadataFile.Entry] = [:]) throws -> ParsedFile {
    let folder = try temporaryFolder("baogao-read")
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    let file = FoundFile(url: url, relativePath: name, size: Int64(data.count), modified: 0)
    do {
        return try ReportReader.parse(try ReportReader.load(file), file: file, options: options, metadata: metadata)
    } catch {
        throw error
    }
}

/// The one report of a document file.
func readReport(_ data: Data, named name: String, options: ReadingOptions = ReadingOptions()) throws -> ParsedReport {
    let parsed = try readFile(data, named: name, options: options)
    guard parsed.reports.count == 1 else { throw BaogaoError("expected one report, got \(parsed.reports.count)") }
    return parsed.reports[0]
}

/// One report written in every format, so that each reader can be compared with the .txt.
enum SampleReport {
    static let title = "市农业农村局2022年工作总结"
    static let preamble = "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面推进乡村振兴，各项工作取得明显成效。"
    static let part1 = "总体情况"
    static let part1Body = "全年完成农业投资12亿元，乡村振兴取得新进展，粮食总产量稳定在50万吨以上。"
    static let item1 = "加强组织领导。成立乡村振兴工作领导小组，定期研究部署重点工作。"
    static let item2 = "强化要素保障。统筹整合涉农资金3亿元，支持特色产业发展。"
    static let part2 = "主要做法"
    static let part2Body = "推进“万人助万企”活动，县级干部每人联系1-2家企业，帮助解决实际困难。"
    static let table = [["项目", "投资（亿元）", "进度"], ["高标准农田", "4.5", "完成"]]

    /// The report as a .txt holds it.
    static var text: String {
        [title, preamble, "一、" + part1, part1Body, "（一）" + item1, "（二）" + item2, "二、" + part2, part2Body]
            .joined(separator: "\n") + "\n" + table.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// As Word stores it when the numbers are typed.
    static var docxTyped: DocxBuilder {
        var docx = DocxBuilder()
        for line in [title, preamble, "一、" + part1, part1Body, "（一）" + item1, "（二）" + item2, "二、" + part2, part2Body] {
            docx.paragraph(line)
        }
        docx.table(table)
        return docx
    }

    /// As Word stores it when a multi-level list numbers the headings (一、 and （一）).
    static var docxListNumbered: DocxBuilder {
        var docx = DocxBuilder()
        docx.paragraph(title)
        docx.paragraph(preamble)
        docx.paragraph(part1, list: (1, 0))
        docx.paragraph(part1Body)
        docx.paragraph(item1, list: (1, 1))
        docx.paragraph(item2, list: (1, 1))
        docx.paragraph(part2, list: (1, 0))
        docx.paragraph(part2Body)
        docx.table(table)
        return docx
    }

    /// As a web page holds it: source line breaks inside paragraphs, entities, a script and
    /// a style that must stay hidden, a comment.
    static func html(charset: String?) -> String {
        let meta = charset.map { #"<meta http-equiv="Content-Type" content="text/html; charset=\#($0)">"# } ?? ""
        let preambleSplit = Array(preamble)
        let half = preambleSplit.count / 2
        return """
            <!DOCTYPE html>
            <html><head>\(meta)<title>工作总结</title>
            <style>p { text-indent: 2em; }</style>
            <script>var hidden = "<p>脚本里的文字不应出现</p>";</script>
            </head>
            <body>
            <!-- 页面注释不应出现 -->
            <p>\(title)</p>
            <p>&nbsp;&nbsp;\(String(preambleSplit[..<half]))
               \(String(preambleSplit[half...]))</p>
            <p><strong>一、\(part1)</strong></p>
            <p>\(part1Body)</p>
            <div>（一）\(item1)</div>
            <p>（二）\(item2)</p>
            <p>二、\(part2)</p>
            <p>\(part2Body.replacingOccurrences(of: "“", with: "&ldquo;").replacingOccurrences(of: "”", with: "&#8221;"))</p>
            <table>
              <tr><td>\(table[0][0])</td><td>\(table[0][1])</td><td>\(table[0][2])</td></tr>
              <tr><th>\(table[1][0])</th> <td>\(table[1][1])</td><td>\(table[1][2])</td></tr>
            </table>
            </body></html>
            """
    }
}
