import BaogaoKit

/// What the report view shows: the whole report from the index, and where the reader arrives.
struct ReportPageData: Sendable {
    var document: ReportDocument
    /// The line asked for (`line=`), when it is one of the report's.
    var focus: Int?
    /// The section holding `focus`.
    var section: SectionView?
    /// The query whose matches are marked (`q=`).
    var query: String?
}

/// The report view: its outline on the side, the text with an anchor on every line (`#L12`),
/// headings as headings, the matching section tinted and the arrival line marked, the
/// query's matches highlighted. A hit links here as `/report?path=…&line=31&q=…#L31`.
///
/// ```swift
/// ReportPage.render(ReportPageData(document: doc, focus: 31, section: view, query: "乡村振兴"))
/// ```
enum ReportPage {
    static func render(_ data: ReportPageData) -> String {
        let report = data.document.report
        let headings = Dictionary(data.document.outline.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        let sectionLines = Set(data.section?.lines.map(\.line) ?? [])
        let sectionStart = data.section.flatMap { $0.section.isEmpty ? nil : $0.lines.first?.line }

        var toc = ""
        for entry in data.document.outline {
            let current = entry.line == sectionStart ? " current" : ""
            toc += "<li class=\"depth-\(min(entry.depth, 4))\(current)\"><a href=\"#L\(entry.line)\">\(HTML.escape(entry.heading))</a></li>\n"
        }

        var text = ""
        var page: Int?
        for shown in data.document.passages {
            if let next = shown.page, next != page {
                text += "<div class=\"page-break\" id=\"P\(next)\">p.\(next)</div>\n"
                page = next
            }
            var classes = ["line"]
            if sectionLines.contains(shown.line) { classes.append("in-section") }
            if shown.line == data.focus { classes.append("focus") }
            let number = "<a class=\"ln\" href=\"#L\(shown.line)\">\(shown.line)</a>"
            if let heading = headings[shown.line] {
                text += headingLine(shown, heading: heading, classes: classes, number: number)
            } else {
                text += "<p id=\"L\(shown.line)\" class=\"\(classes.joined(separator: " "))\">\(number)<span class=\"t\">\(Highlighter.html(shown.text, highlights: shown.highlights))</span></p>\n"
            }
        }

        var head = ""
        if let query = data.query {
            head += "<p class=\"back\"><a href=\"\(Link.search(query))\">‹ 返回“\(HTML.escape(query))”的搜索结果</a></p>\n"
        }
        head += "<h1>\(HTML.escape(report.title ?? report.path))</h1>\n"
        head += "<p class=\"about\"><span class=\"unit\">\(HTML.escape(report.unit ?? "未知单位"))</span><i> · </i><span class=\"year\">\(report.year.map(String.init) ?? "年份未知")</span><i> · </i><span class=\"path\">\(HTML.escape(report.path))</span></p>\n"
        if let focus = data.focus, let section = data.section {
            let trail = section.section.isEmpty ? "正文之前" : section.section.map(HTML.escape).joined(separator: " › ")
            head += "<p class=\"arrival\"><a href=\"#L\(focus)\">第 \(focus) 行</a><i> · </i><span class=\"crumbs\">\(trail)</span></p>\n"
        }

        let main = """
            <div class="report-layout">
            <aside class="toc">
            <details class="toc-box" open>
            <summary>目录</summary>
            \(toc.isEmpty ? "<p class=\"hint\">这份报告没有识别出标题层级。</p>" : "<ol>\n\(toc)</ol>")
            </details>
            </aside>
            <article class="report" \(HTML.attribute("data-path", report.path))\(data.focus.map { " data-focus=\"\($0)\"" } ?? "")>
            <header class="report-head">
            \(head)</header>
            <div class="text">
            \(text)</div>
            </article>
            </div>
            """
        return Layout.page(title: report.title ?? report.path, query: data.query, bodyClass: "report-view", main: main)
    }

    /// A heading line: a heading element when the line is the heading alone, else a paragraph
    /// whose heading part (an inline heading, up to the first 。) is bold.
    static func headingLine(_ shown: ShownLine, heading: OutlineEntry, classes: [String], number: String) -> String {
        let scalars = Array(shown.text.unicodeScalars)
        let leading = scalars.prefix { $0.properties.isWhitespace }.count
        let headingScalars = Array(heading.heading.unicodeScalars)
        let body = scalars[leading...]
        let classes = (classes + ["heading", "depth-\(min(heading.depth, 4))"]).joined(separator: " ")
        if body.starts(with: headingScalars), body.count > headingScalars.count {
            let split = leading + headingScalars.count
            return "<p id=\"L\(shown.line)\" class=\"\(classes) inline\">\(number)<span class=\"t\"><strong>"
                + Highlighter.html(scalars, highlights: shown.highlights, range: 0..<split) + "</strong>"
                + Highlighter.html(scalars, highlights: shown.highlights, range: split..<scalars.count) + "</span></p>\n"
        }
        let level = min(heading.depth + 2, 5)
        return "<h\(level) id=\"L\(shown.line)\" class=\"\(classes)\">\(number)<span class=\"t\">"
            + Highlighter.html(scalars, highlights: shown.highlights) + "</span></h\(level)>\n"
    }
}
