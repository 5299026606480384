import BaogaoKit

/// The page without a query: what the index holds, a few example searches, and the first
/// ``maxReports`` reports, each opening the report view.
///
/// ```swift
/// HomePage.render(summary: try catalog.summary(), reports: try catalog.reports(from: 0, count: HomePage.maxReports))
/// ```
enum HomePage {
    static let maxReports = 500
    static let examples = ["万人助万企", "乡村振兴 OR 乡村全面振兴", "营商环境 year:2023", "党建 -疫情"]

    static func render(summary: ReportSummary, reports: [ReportInfo]) -> String {
        let years = summary.years
        let span = years.isEmpty ? "" : (years.first == years.last ? "，\(years[0])年" : "，\(years.first!)–\(years.last!)年")
        var main = """
            <section class="home">
            <p class="lead">在 <b>\(summary.reports)</b> 份报告（\(summary.units) 个单位\(span)）中查找任意词句，看它出现在哪个单位、哪一年、哪一节。</p>
            <p class="examples">试试：
            """
        main += examples.map { "<a href=\"\(Link.search($0))\">\(HTML.escape($0))</a>" }.joined(separator: " ")
        main += "</p>\n"
        if !reports.isEmpty {
            main += "<h2>全部报告</h2>\n<table class=\"reports\">\n<thead><tr><th>单位</th><th>年份</th><th>标题</th><th>段落</th></tr></thead>\n<tbody>\n"
            for report in reports.prefix(maxReports) {
                main += """
                    <tr><td>\(HTML.escape(report.unit ?? "—"))</td><td>\(report.year.map(String.init) ?? "—")</td><td><a href="\(Link.report(path: report.path, line: nil, query: nil))">\(HTML.escape(report.title ?? report.path))</a></td><td class="num">\(report.passages)</td></tr>

                    """
            }
            main += "</tbody>\n</table>\n"
            if summary.reports > reports.count {
                main += "<p class=\"hint\">只列出前 \(maxReports) 份；用搜索框查找其余报告。</p>\n"
            }
        }
        main += "</section>"
        return Layout.page(title: "首页", query: nil, bodyClass: "home", main: main)
    }
}
