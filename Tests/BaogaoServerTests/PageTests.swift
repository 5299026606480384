import BaogaoKit
import BaogaoServer
import Foundation
import HummingbirdTesting
import Testing

/// The pages: results, pagination, facets, the trend chart and the report view, checked
/// against the API's numbers for the same query.
struct PageTests {
    @Test func resultsShowWhereEachHitStands() async throws {
        let fixture = try Fixture.get()
        let (page, api) = try await withApp(fixture.index) { client in
            (try await client.get(url("/", ["q": "万人助万企"])).text,
             try await client.get(url("/api/search", ["q": "万人助万企"])).json())
        }
        #expect(page.contains("<html lang=\"zh-CN\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(attributeValues("value", in: page).contains("万人助万企"))
        #expect(page.contains("共 <b>2</b> 处，来自 <b>2</b> 份报告"))
        let hits = api["hits"] as! [[String: Any]]
        let items = matches(of: #"(<li class="hit .*?</li>)"#, in: page)
        #expect(items.count == hits.count)
        for (item, hit) in zip(items, hits) {
            let unit = hit["unit"] as! String, year = hit["year"] as! Int, title = hit["title"] as! String
            #expect(item.contains("<span class=\"unit\">\(unit)</span><i> · </i><span class=\"year\">\(year)</span><i> · </i>"))
            #expect(item.contains(">\(title)</a>"))
            let crumbs = (hit["section"] as! [String]).map { "<span>\($0)</span>" }.joined(separator: "<i> › </i>")
            #expect(item.contains("<div class=\"crumbs\">\(crumbs)</div>"))
            #expect(item.contains("<mark>万人助万企</mark>"))
            #expect(attributeValues("data-path", in: item) == [hit["path"] as! String])
            // The hit links to the report view at its line, carrying the query.
            let href = try #require(attributeValues("href", in: item).first)
            #expect(queryParameter("path", of: href) == hit["path"] as? String)
            #expect(queryParameter("line", of: href) == String(hit["line"] as! Int))
            #expect(queryParameter("q", of: href) == "万人助万企")
            #expect(href.hasSuffix("#L\(hit["line"] as! Int)"))
        }
    }

    @Test func longPassagesShowAWindowAroundTheFirstMatch() async throws {
        let prefix = String(repeating: "前文很长的内容，", count: 40)
        let suffix = String(repeating: "后文也很长，", count: 40)
        let fixture = try Fixture(reports: ["市XX办_2022_长段落.txt": "长段落\n一、部分\n\(prefix)关键词在这里\(suffix)"], name: "baogao-long")
        let page = try await withApp(fixture.index) { client in try await client.get(url("/", ["q": "关键词"])).text }
        let snippet = try #require(matches(of: #"<p class="snippet">(.*?)</p>"#, in: page).first)
        #expect(snippet.hasPrefix("…"))
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.contains("<mark>关键词</mark>"))
        let shown = snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(shown.count == 162)
        #expect(shown.distance(from: shown.startIndex, to: shown.range(of: "关键词")!.lowerBound) == 41)
    }

    @Test func pagesHoldTheQueryAndPageThroughAllHits() async throws {
        let sample = try Fixture.sample.get()
        let query = "党"
        let (first, second, api) = try await withApp(sample.index) { client in
            (try await client.get(url("/", ["q": query])).text,
             try await client.get(url("/", ["q": query, "page": "2"])).text,
             try await client.get(url("/api/search", ["q": query, "limit": "10", "offset": "10"])).json())
        }
        let total = try #require(api["totalHits"] as? Int)
        #expect(total > 20)
        let pages = (total + 9) / 10
        #expect(first.contains("第 1 / \(pages) 页"))
        #expect(second.contains("第 2 / \(pages) 页"))
        #expect(second.contains("<ol class=\"hits\" start=\"11\">"))
        // Page 2 shows hits 11–20, as the API's offset 10 gives them.
        let expected = (api["hits"] as! [[String: Any]]).map { "\($0["path"] as! String):\($0["line"] as! Int)" }
        let shown = matches(of: #"<div class="where"><a [^>]*>(.*?)</a>"#, in: second).map(unescapeHTML)
        #expect(shown == expected)
        // The pager links keep the query and name their pages.
        let pager = try #require(matches(of: #"(<nav class="pager".*?</nav>)"#, in: first).first)
        let links = attributeValues("href", in: pager)
        #expect(links.allSatisfy { queryParameter("q", of: $0) == query })
        #expect(links.contains { queryParameter("page", of: $0) == "2" })
        #expect(links.contains { queryParameter("page", of: $0) == String(pages) })
        #expect(first.contains("rel=\"next\""))
    }

    @Test func facetsCountWhatUnitsCountsAndAddTheirFilter() async throws {
        let fixture = try Fixture.get()
        let query = "乡村振兴"
        let (page, units, years) = try await withApp(fixture.index) { client in
            (try await client.get(url("/", ["q": query])).text,
             try await client.get(url("/api/units", ["q": query, "by": "unit"])).json(),
             try await client.get(url("/api/units", ["q": query, "by": "year"])).json())
        }
        let unitRows = units["rows"] as! [[String: Any]]
        let facet = try #require(matches(of: #"(<section class="facet facet-unit">.*?</section>)"#, in: page).first)
        let names = matches(of: #"<span class="name">(.*?)</span>"#, in: facet).map(unescapeHTML)
        let counts = matches(of: #"<span class="count">(\d+)</span>"#, in: facet).compactMap { Int($0) }
        #expect(names == unitRows.map { $0["unit"] as! String })
        #expect(counts == unitRows.map { $0["passages"] as! Int })

        let yearFacet = try #require(matches(of: #"(<section class="facet facet-year">.*?</section>)"#, in: page).first)
        let yearNames = matches(of: #"<span class="name">(\d+)年</span>"#, in: yearFacet).compactMap { Int($0) }
        let yearCounts = matches(of: #"<span class="count">(\d+)</span>"#, in: yearFacet).compactMap { Int($0) }
        let yearRows = (years["rows"] as! [[String: Any]]).sorted { ($0["year"] as! Int) > ($1["year"] as! Int) }
        #expect(yearNames == yearRows.map { $0["year"] as! Int })
        #expect(yearCounts == yearRows.map { $0["passages"] as! Int })

        // Following a facet's link narrows the query to it: the hits are the facet's count.
        let links = attributeValues("href", in: facet)
        #expect(links.count == unitRows.count)
        let rowCounts = unitRows.map { $0["passages"] as! Int }
        try await withApp(fixture.index) { client in
            for (link, count) in zip(links, rowCounts) {
                let narrowed = try #require(queryParameter("q", of: link))
                #expect(narrowed.hasPrefix(query + " unit:"))
                let result = try await client.get(url("/api/search", ["q": narrowed])).json()
                #expect(result["totalHits"] as? Int == count, "\(narrowed)")
                // On the narrowed page the facet is active and its link removes the filter.
                let narrowedPage = try await client.get(link.replacingOccurrences(of: "&amp;", with: "&")).text
                let active = try #require(matches(of: #"(<li class="active">.*?</li>)"#, in: narrowedPage).first)
                #expect(queryParameter("q", of: try #require(attributeValues("href", in: active).first)) == query)
            }
        }
    }

    @Test func theYearChartHasOneBarPerYearProportionalToTheCounts() async throws {
        let fixture = try Fixture.get()
        let query = "乡村振兴"
        let (page, years) = try await withApp(fixture.index) { client in
            (try await client.get(url("/", ["q": query])).text,
             try await client.get(url("/api/units", ["q": query, "by": "year"])).json())
        }
        var expected: [Int: Int] = [:]
        for row in years["rows"] as! [[String: Any]] { expected[row["year"] as! Int] = row["passages"] as? Int }
        let svg = try #require(matches(of: #"(<svg class="chart chart-year".*?</svg>)"#, in: page).first)
        let rects = matches(of: #"(<rect [^>]*>)"#, in: svg)
        // The index's reports span 2019–2023: one bar per year, 2020 and 2019 empty.
        let barYears = rects.compactMap { Int(attributeValues("data-year", in: $0).first ?? "") }
        #expect(barYears == Array(2019...2023))
        let top = Double(expected.values.max()!)
        for rect in rects {
            let year = Int(attributeValues("data-year", in: rect)[0])!
            let count = Int(attributeValues("data-count", in: rect)[0])!
            let height = Double(attributeValues("height", in: rect)[0])!
            #expect(count == expected[year] ?? 0, "\(year)")
            #expect(abs(height - Double(count) / top * 120) < 0.01, "\(year): \(height)")
        }
        #expect(expected[2019] == nil && expected[2020] == nil)
        #expect(expected.count >= 3)
        // A bar links to the query narrowed to its year.
        let link = try #require(matches(of: #"<a href="([^"]*)"><rect[^>]*data-year="2022""#, in: svg).first)
        #expect(queryParameter("q", of: unescapeHTML(link)) == "乡村振兴 year:2022")
    }

    @Test func theUnitChartHasOneBarPerUnit() async throws {
        let fixture = try Fixture.get()
        let query = "乡村振兴"
        let (page, units) = try await withApp(fixture.index) { client in
            (try await client.get(url("/", ["q": query, "chart": "unit"])).text,
             try await client.get(url("/api/units", ["q": query])).json())
        }
        let rows = units["rows"] as! [[String: Any]]
        let svg = try #require(matches(of: #"(<svg class="chart chart-unit".*?</svg>)"#, in: page).first)
        let rects = matches(of: #"(<rect [^>]*>)"#, in: svg)
        #expect(rects.map { attributeValues("data-unit", in: $0).first } == rows.map { $0["unit"] as? String })
        let top = Double(rows.map { $0["passages"] as! Int }.max()!)
        for (rect, row) in zip(rects, rows) {
            let width = Double(attributeValues("width", in: rect)[0])!
            #expect(abs(width - Double(row["passages"] as! Int) / top * 150) < 0.01)
        }
        #expect(page.contains("<span class=\"current\">按单位</span>"))
    }

    @Test func theReportViewJumpsToTheMatchingSection() async throws {
        let fixture = try Fixture.get()
        let path = "市XX办_2021_机关党建工作总结.txt"
        let (page, document, section) = try await withApp(fixture.index) { client in
            (try await client.get(url("/report", ["path": path, "line": "5", "q": "乡村振兴"])).text,
             try await client.get(url("/api/report", ["path": path])).json(),
             try await client.get(url("/api/section", ["path": path, "line": "5"])).json())
        }
        // The outline on the side, each entry linking to its heading's anchor.
        let toc = try #require(matches(of: #"(<aside class="toc">.*?</aside>)"#, in: page).first)
        let outline = document["outline"] as! [[String: Any]]
        #expect(attributeValues("href", in: toc) == outline.map { "#L\($0["line"] as! Int)" })
        #expect(matches(of: ##"<a href="#L\d+">(.*?)</a>"##, in: toc) == outline.map { $0["heading"] as! String })
        // Every line has its anchor; headings are headings.
        let passages = document["passages"] as! [[String: Any]]
        let ids = matches(of: #"<(?:p|h\d) id="L(\d+)""#, in: page).compactMap(Int.init)
        #expect(ids == passages.map { $0["line"] as! Int })
        #expect(page.contains("<h2 id=\"L3\" class=\"line heading depth-0\">"))
        // The arrival line is marked, its section tinted, the outline entry current.
        #expect(page.contains("data-focus=\"5\""))
        let sectionLines = (section["lines"] as! [[String: Any]]).map { $0["line"] as! Int }
        let tinted = matches(of: #"id="L(\d+)" class="[^"]*in-section"#, in: page).compactMap(Int.init)
        #expect(tinted == sectionLines)
        #expect(matches(of: #"id="L(\d+)" class="[^"]*focus"#, in: page) == ["5"])
        #expect(toc.contains("<li class=\"depth-1 current\"><a href=\"#L5\">（二）助力乡村振兴</a></li>"))
        // The query's matches are marked everywhere, and the way back keeps the query.
        #expect(matches(of: "(<mark>乡村振兴</mark>)", in: page).count == 3)
        #expect(page.contains("返回“乡村振兴”的搜索结果"))
        #expect(page.contains("<span class=\"crumbs\">一、政治忠诚，强化理想信念教育 › （二）助力乡村振兴</span>"))
    }

    @Test func theHomePageListsTheReports() async throws {
        let fixture = try Fixture.get()
        let page = try await withApp(fixture.index) { client in try await client.get("/").text }
        let links = attributeValues("href", in: page).filter { $0.hasPrefix("/report?") }
        #expect(Set(links.compactMap { queryParameter("path", of: $0) }) == Set(Fixture.reports.keys))
        #expect(page.contains("在 <b>\(Fixture.reports.count)</b> 份报告"))
    }
}
