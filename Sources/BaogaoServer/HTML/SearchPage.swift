import BaogaoKit

/// What the results page shows: one page of hits, the facets and the chart's aggregations.
struct SearchPageData: Sendable {
    /// How the trend chart groups the mentions.
    enum Chart: String, Sendable { case year, unit }

    var query: String
    var page: Int
    var pageSize: Int
    var chart: Chart
    var results: SearchResults
    var units: GroupCounts
    var years: GroupCounts
    /// The years of the index's reports, for the chart's axis.
    var indexYears: [Int]
}

/// The results page: summary, trend chart, hits (unit · year · title, breadcrumb, highlighted
/// snippet, path:line), pagination and facets. Everything from the index is escaped.
///
/// ```swift
/// let html = SearchPage.render(data)   // a whole document, `/?q=…&page=…`
/// ```
enum SearchPage {
    static func render(_ data: SearchPageData) -> String {
        let results = data.results
        let pages = max(1, (results.totalHits + data.pageSize - 1) / data.pageSize)
        var main = "<div class=\"results-layout\">\n<section class=\"results\" aria-label=\"搜索结果\">\n"
        if results.totalHits == 0 {
            main += """
                <p class="summary none">没有找到“\(HTML.escape(data.query))”。</p>
                <p class="hint">每个词都按完整短语匹配，标点不跨越；试试更短的词，或用 OR 连接同义词（如 乡村振兴 OR 乡村全面振兴）。</p>

                """
        } else {
            main += "<p class=\"summary\">共 <b>\(results.totalHits)</b> 处，来自 <b>\(results.totalReports)</b> 份报告"
            main += pages > 1 ? "<span class=\"page-of\"> · 第 \(data.page) / \(pages) 页</span></p>\n" : "</p>\n"
            if results.hits.isEmpty {
                main += "<p class=\"hint\">这一页没有结果。<a href=\"\(Link.search(data.query))\">回到第 1 页</a></p>\n"
            }
        }
        if !results.hits.isEmpty {
            let first = (data.page - 1) * data.pageSize + 1
            main += "<ol class=\"hits\" start=\"\(first)\">\n"
            main += results.hits.map { hit($0, query: data.query) }.joined()
            main += "</ol>\n"
            main += pager(query: data.query, page: data.page, pages: pages, chart: data.chart)
        }
        main += "</section>\n"
        if results.totalHits > 0 {
            main += "<aside class=\"side\">\n" + chart(data) + Facets.render(units: data.units.rows, years: data.years.rows, query: data.query) + "</aside>\n"
        }
        main += "</div>"
        return Layout.page(title: data.query, query: data.query, bodyClass: "search", main: main)
    }

    /// One hit: unit · year · title, the breadcrumb, the snippet and where it stands.
    static func hit(_ hit: SearchHit, query: String) -> String {
        let link = Link.report(path: hit.path, line: hit.line, query: query)
        let crumbs = hit.section.map { "<span>\(HTML.escape($0))</span>" }.joined(separator: "<i> › </i>")
        var notes = ""
        switch hit.match {
        case .exact: break
        case .variant: notes += "<span class=\"note\" title=\"词语之间隔了几个字，如“乡村全面振兴”之于“乡村振兴”\">近似</span>"
        case .related: notes += "<span class=\"note related\" title=\"词语分开出现，不计入结果数\">相关</span>"
        }
        return """
            <li class="hit match-\(hit.match.rawValue)" \(HTML.attribute("data-path", hit.path)) data-line="\(hit.line)">
            <div class="about"><span class="unit">\(HTML.escape(hit.unit ?? "未知单位"))</span><i> · </i><span class="year">\(hit.year.map(String.init) ?? "年份未知")</span><i> · </i><a class="title" href="\(link)">\(HTML.escape(hit.title ?? hit.path))</a>\(notes)</div>
            \(crumbs.isEmpty ? "" : "<div class=\"crumbs\">\(crumbs)</div>")
            <p class="snippet">\(Highlighter.snippet(hit.text, highlights: hit.highlights))</p>
            <div class="where"><a href="\(link)">\(HTML.escape(hit.path)):\(hit.line)</a>\(hit.page.map { " <span class=\"page\">p.\($0)</span>" } ?? "")</div>
            \(copies(hit.copies ?? [], query: query))</li>

            """
    }

    /// “另有 N 处相同段落”, opening (a `<details>`: no script) to every other place holding the
    /// passage: unit · year · title and path:line, each a link to the report view at its line.
    static func copies(_ copies: [HitCopy], query: String) -> String {
        guard !copies.isEmpty else { return "" }
        var out = "<details class=\"copies\"><summary>另有 \(copies.count) 处相同段落</summary>\n<div class=\"copy-list\">\n"
        for copy in copies {
            let link = Link.report(path: copy.path, line: copy.line, query: query)
            let about = [copy.unit ?? "未知单位", copy.year.map(String.init) ?? "年份未知", copy.title ?? copy.path]
                .map(HTML.escape).joined(separator: "<i> · </i>")
            out += "<p class=\"copy\">"
            out += "<a href=\"\(link)\">\(about)</a> <span class=\"copy-where\">\(HTML.escape(copy.path)):\(copy.line)</span></p>\n"
        }
        return out + "</div></details>\n"
    }

    /// Previous, a few numbered pages around this one, next.
    static func pager(query: String, page: Int, pages: Int, chart: SearchPageData.Chart) -> String {
        guard pages > 1 else { return "" }
        let chartParameter = chart == .unit ? "unit" : nil
        func item(_ n: Int, _ label: String, rel: String? = nil) -> String {
            let relAttribute = rel.map { " rel=\"\($0)\"" } ?? ""
            return n == page
                ? "<span class=\"current\" aria-current=\"page\">\(label)</span>"
                : "<a href=\"\(Link.search(query, page: n, chart: chartParameter))\"\(relAttribute)>\(label)</a>"
        }
        var shown = Set([1, pages])
        for n in max(1, page - 2)...min(pages, page + 2) { shown.insert(n) }
        var out = "<nav class=\"pager\" aria-label=\"分页\">"
        if page > 1 { out += item(page - 1, "‹ 上一页", rel: "prev") }
        var last = 0
        for n in shown.sorted() {
            if n > last + 1 { out += "<span class=\"gap\">…</span>" }
            out += item(n, String(n))
            last = n
        }
        if page < pages { out += item(page + 1, "下一页 ›", rel: "next") }
        return out + "</nav>\n"
    }

    /// The trend chart with its toggle between years and units.
    static func chart(_ data: SearchPageData) -> String {
        let svg = data.chart == .unit
            ? TrendChart.units(data.units.rows, query: data.query)
            : TrendChart.years(data.years.rows, axis: data.indexYears, query: data.query)
        let byYear = data.chart == .year ? "<span class=\"current\">按年份</span>" : "<a href=\"\(Link.search(data.query, page: data.page))\">按年份</a>"
        let byUnit = data.chart == .unit ? "<span class=\"current\">按单位</span>" : "<a href=\"\(Link.search(data.query, page: data.page, chart: "unit"))\">按单位</a>"
        return """
            <figure class="trend">
            <figcaption><span>提及次数</span><span class="toggle">\(byYear)\(byUnit)</span></figcaption>
            \(svg)
            </figure>

            """
    }

    /// The page for a query that cannot run: the message, and the query with the problem marked.
    static func invalid(_ query: String, message: String, column: Int?) -> String {
        var marked = HTML.escape(query)
        if let column, column >= 1, column <= query.count {
            let chars = Array(query)
            marked = HTML.escape(String(chars[..<(column - 1)])) + "<mark class=\"caret\">" + HTML.escape(String(chars[column - 1]))
                + "</mark>" + HTML.escape(String(chars[column...]))
        }
        let main = """
            <section class="query-error">
            <h1>查询无法执行</h1>
            <p class="message">\(HTML.escape(message))</p>
            <p><code>\(marked)</code></p>
            </section>
            """
        return Layout.page(title: query, query: query, bodyClass: "search invalid", main: main)
    }
}
