/// The frame of every page: head (styles, script, viewport for phones), the header with the
/// search box holding the query, the main content, and the query-language help.
///
/// ```swift
/// Layout.page(title: "乡村振兴", query: "乡村振兴", bodyClass: "search", main: resultsHTML)
/// ```
enum Layout {
    /// A complete HTML document. `title` and `query` are plain text (escaped here); `main` is HTML.
    static func page(title: String, query: String?, bodyClass: String, main: String) -> String {
        let version = HTML.escape(Assets.bundled.version)
        return """
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · 报告检索</title>
            <link rel="stylesheet" href="/assets/baogao.css?v=\(version)">
            <link rel="icon" href="/assets/favicon.svg?v=\(version)" type="image/svg+xml">
            <script src="/assets/baogao.js?v=\(version)" defer></script>
            </head>
            <body class="\(HTML.escape(bodyClass))">
            <header class="top">
            <a class="brand" href="/">报告<span>Baogao</span></a>
            <form class="search" action="/" method="get" role="search">
            <input type="search" name="q" \(HTML.attribute("value", query ?? "")) placeholder="输入要查找的词句，如 万人助万企" aria-label="查询" autocomplete="off" spellcheck="false">
            <button type="submit">搜索</button>
            </form>
            </header>
            <main>
            \(main)
            </main>
            \(help)
            </body>
            </html>
            """
    }

    /// The query language in brief, folded away under the page.
    static let help = """
        <footer class="help">
        <details>
        <summary>查询语法</summary>
        <table>
        <tr><td><code>乡村振兴 营商环境</code></td><td>同时包含两个词（各为完整短语）</td></tr>
        <tr><td><code>"数字 政府"</code></td><td>含空格的短语</td></tr>
        <tr><td><code>乡村振兴 OR 乡村全面振兴</code></td><td>任一</td></tr>
        <tr><td><code>乡村振兴 -疫情</code></td><td>排除</td></tr>
        <tr><td><code>(乡村振兴 OR 乡村全面振兴) -疫情</code></td><td>括号分组</td></tr>
        <tr><td><code>unit:农业</code> <code>year:2021</code> <code>year:2019..2021</code></td><td>按单位、年份筛选</td></tr>
        <tr><td><code>section:营商环境</code> <code>title:总结</code></td><td>按章节标题、报告标题筛选</td></tr>
        </table>
        </details>
        </footer>
        """
}
