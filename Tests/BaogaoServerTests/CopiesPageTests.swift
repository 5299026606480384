import BaogaoKit
import BaogaoTestSupport
import Foundation
import Testing

/// A hit standing for identical passages: the API carries its `copies` as `search --json`
/// does, and the page's “另有 N 处相同段落” opens (a `<details>`, no script) to every one of
/// them, each linking to the report view at its line.
struct CopiesPageTests {
    static let query = "我代表省人民政府"
    static let fixture: Result<Fixture, any Error> = Result {
        try Fixture(reports: IdenticalPassages.reports, name: "baogao-copies")
    }

    @Test func theAPIGivesTheCopiesOfSearchJSON() async throws {
        let fixture = try Self.fixture.get()
        let cli = try BinaryRunner.run(["search", Self.query, "--index", fixture.indexURL.path, "--json"], in: fixture.root)
        let expected = try BinaryRunner.jsonLines(cli).map { hit -> [String: Any] in
            var hit = APITests.relative(hit)
            hit["copies"] = (hit["copies"] as? [[String: Any]])?.map(APITests.relative)
            return hit
        }
        let body = try await withApp(fixture.index) { client in
            try await client.get(url("/api/search", ["q": Self.query])).json()
        }
        let hits = try #require(body["hits"] as? [[String: Any]])
        #expect(try canonical(hits) == canonical(expected))
        let copies = try #require(hits.first?["copies"] as? [[String: Any]])
        #expect(copies.count == 5)
        #expect(hits.first?["duplicates"] as? Int == 5)
        // Six places: the hit's own and its five copies, each with its section.
        let places = [hits[0]] + copies
        #expect(Set(places.map { "\($0["path"] as! String):\($0["line"] as! Int)" }).count == 6)
        #expect(places.contains { $0["path"] as? String == "丁县人民政府_2023_政府工作报告.txt" && $0["line"] as? Int == 4
                    && $0["section"] as? [String] == ["一、总体要求", "（一）指导思想"] })
    }

    @Test func thePageListsEveryCopyWithALinkToItsLine() async throws {
        let fixture = try Self.fixture.get()
        let (page, api) = try await withApp(fixture.index) { client in
            (try await client.get(url("/", ["q": Self.query])).text,
             try await client.get(url("/api/search", ["q": Self.query])).json())
        }
        let copies = try #require((api["hits"] as? [[String: Any]])?.first?["copies"] as? [[String: Any]])
        let details = try #require(matches(of: #"(<details class="copies">.*?</details>)"#, in: page).first)
        #expect(details.contains("<summary>另有 5 处相同段落</summary>"))
        let links = attributeValues("href", in: details)
        #expect(links.count == copies.count)
        for (href, copy) in zip(links, copies) {
            #expect(queryParameter("path", of: href) == copy["path"] as? String)
            #expect(queryParameter("line", of: href) == String(copy["line"] as! Int))
            #expect(queryParameter("q", of: href) == Self.query)
            #expect(href.hasSuffix("#L\(copy["line"] as! Int)"))
        }
        #expect(details.contains("丙市人民政府<i> · </i>2025<i> · </i>政府工作报告"))
        // A hit without copies has no list.
        let single = try await withApp(fixture.index) { client in try await client.get(url("/", ["q": "新质生产力"])).text }
        #expect(!single.contains("<details class=\"copies\""))
        #expect(single.contains("<li class=\"hit"))
    }

    @Test func aCopysLinkOpensItsReportAtItsLine() async throws {
        let fixture = try Self.fixture.get()
        let page = try await withApp(fixture.index) { client in try await client.get(url("/", ["q": Self.query])).text }
        let details = try #require(matches(of: #"(<details class="copies">.*?</details>)"#, in: page).first)
        for href in attributeValues("href", in: details) {
            let line = try #require(queryParameter("line", of: href))
            let report = try await withApp(fixture.index) { client in try await client.get(String(href.split(separator: "#")[0])).text }
            let focused = try #require(matches(of: #"<p id="L\#(line)" class="([^"]*)""#, in: report).first, "\(href)")
            #expect(focused.contains("focus"), "\(href)")
            #expect(report.contains("省政协委员") || report.contains("省政協委員"), "\(href)")
        }
    }
}
