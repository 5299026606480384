import BaogaoKit
@testable import BaogaoServer
import Foundation
import HummingbirdTesting
import Testing

/// Everything from the index reaches the page as text: a report whose file name, unit, title,
/// headings and passages hold `<script>alert(1)</script>` and `"><img src=x onerror=alert(1)>`
/// renders them escaped, in text and in attributes (href, data-path, data-unit, value).
struct EscapingTests {
    static let xssPath = #""><img src=x onerror=alert(1)>_2022_<script>alert(1)<script>.txt"#

    /// Fails when `page` holds any payload unescaped, or any markup but the server's own.
    static func expectInert(_ page: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!page.contains("<script>alert"), "\(context)", sourceLocation: sourceLocation)
        #expect(!page.contains("<img"), "\(context)", sourceLocation: sourceLocation)
        #expect(!page.contains("\"><img"), "\(context): an attribute was broken out of", sourceLocation: sourceLocation)
        #expect(!page.contains("alert(1)<"), "\(context)", sourceLocation: sourceLocation)
        // The only script is the server's own.
        #expect(matches(of: "(<script)", in: page).count == 1, "\(context)", sourceLocation: sourceLocation)
        #expect(page.contains("<script src=\"/assets/baogao.js?v="), sourceLocation: sourceLocation)
    }

    @Test func resultsFacetsAndChartsShowThePayloadsAsText() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            for query in ["乡村振兴", "乡村振兴 unit:农业 OR unit:\"\"\"><img\"", "alert", "img src", "onerror"] {
                for chart in ["year", "unit"] {
                    let response = try await client.get(url("/", ["q": query, "chart": chart]))
                    Self.expectInert(response.text, "\(query) \(chart)")
                }
            }
            let page = try await client.get(url("/", ["q": "乡村振兴", "chart": "unit"])).text
            // Text: the title, the unit, the breadcrumb and the snippet show the payloads escaped.
            #expect(page.contains("<span class=\"unit\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>"))
            #expect(page.contains(">&lt;script&gt;alert(1)&lt;script&gt;</a>"))
            #expect(page.contains("<span>一、&lt;script&gt;alert(1)&lt;/script&gt;乡村振兴部署</span>"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;，见成效"))
            // Attributes carry the escaped value and give it back intact.
            #expect(attributeValues("data-path", in: page).contains(Self.xssPath))
            #expect(attributeValues("data-unit", in: page).contains(Payload.attribute))
            let hrefs = attributeValues("href", in: page)
            #expect(hrefs.contains { queryParameter("path", of: $0) == Self.xssPath })
            // The unit facet quotes the name so the filter reads back as the same unit.
            let facet = try #require(hrefs.first { queryParameter("q", of: $0)?.contains("unit:\"") == true })
            let narrowed = try #require(queryParameter("q", of: facet))
            #expect(narrowed == "乡村振兴 unit:\"\"\"><img src=x onerror=alert(1)>\"")
            let result = try await client.get(url("/api/search", ["q": narrowed])).json()
            let hits = result["hits"] as! [[String: Any]]
            #expect(!hits.isEmpty)
            #expect(hits.allSatisfy { $0["unit"] as? String == Payload.attribute })
        }
    }

    @Test func theReportViewShowsThePayloadsAsText() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            let page = try await client.get(url("/report", ["path": Self.xssPath, "line": "3", "q": "乡村振兴 \"<script>\""])).text
            Self.expectInert(page, "report view")
            #expect(page.contains("<title>&lt;script&gt;alert(1)&lt;script&gt; · 报告检索</title>"))
            #expect(page.contains("<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;工作总结"))
            #expect(page.contains("推进<mark>乡村振兴</mark>，&quot;&gt;&lt;img src=x onerror=alert(1)&gt;，完成全年任务。"))
            #expect(page.contains("<mark>&lt;script&gt;</mark>"))
            #expect(attributeValues("data-path", in: page) == [Self.xssPath])
            let toc = try #require(matches(of: #"(<aside class="toc">.*?</aside>)"#, in: page).first)
            #expect(toc.contains("一、&lt;script&gt;alert(1)&lt;/script&gt;乡村振兴部署"))
            #expect(toc.contains("（一）&quot;&gt;&lt;img src=x onerror=alert(1)&gt;专项"))
            // The search box holds the query as a value, escaped.
            #expect(attributeValues("value", in: page).contains("乡村振兴 \"<script>\""))
        }
    }

    @Test func theHomeAndErrorPagesShowThePayloadsAsText() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            Self.expectInert(try await client.get("/").text, "home")
            let notFound = try await client.get(url("/report", ["path": Payload.script + Payload.attribute]))
            #expect(notFound.status == .notFound)
            Self.expectInert(notFound.text, "404")
            let bad = try await client.get(url("/", ["q": Payload.attribute + " \"" + Payload.script]))
            #expect(bad.status == .badRequest)
            Self.expectInert(bad.text, "bad query")
            let empty = try await client.get(url("/", ["q": "\"<script>alert(2)</script>\""]))
            Self.expectInert(empty.text, "no hits")
            #expect(empty.text.contains("没有找到“&quot;&lt;script&gt;alert(2)&lt;/script&gt;&quot;”"))
        }
    }

    @Test(arguments: [
        (#"<script>alert(1)</script>"#, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (#""><img src=x onerror=alert(1)>"#, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("a & b 'c'", "a &amp; b &#39;c&#39;"),
        ("控制\u{0}字符\u{1B}", "控制\u{FFFD}字符\u{FFFD}"),
        ("乡村振兴\t\n", "乡村振兴\t\n"),
    ])
    func escapeTable(input: String, escaped: String) {
        #expect(HTML.escape(input) == escaped)
    }

    @Test func highlightsAreEscapedInsideAndAroundTheMarks() {
        let text = "a<b>乡村振兴</b>&c"
        #expect(Highlighter.html(text, highlights: [[4, 8]]) == "a&lt;b&gt;<mark>乡村振兴</mark>&lt;/b&gt;&amp;c")
        #expect(Highlighter.html("<x>", highlights: [[0, 3]]) == "<mark>&lt;x&gt;</mark>")
        // Out-of-range or inverted ranges never cut outside the text.
        #expect(Highlighter.html("<x>", highlights: [[2, 9], [3, 1]]) == "&lt;x<mark>&gt;</mark>")
    }

    @Test func linksArePercentEncodedThenEscaped() {
        let href = Link.report(path: Payload.attribute, line: 3, query: "a&b")
        #expect(href == "/report?path=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E&amp;line=3&amp;q=a%26b#L3")
        #expect(Facets.filter("unit", "市XX办") == "unit:市XX办")
        #expect(Facets.filter("unit", "X \"Y\"") == "unit:\"X \"\"Y\"\"\"")
    }
}
