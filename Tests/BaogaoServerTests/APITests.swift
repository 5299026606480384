import BaogaoKit
import BaogaoServer
import Foundation
import HummingbirdTesting
import Testing

/// The JSON API answers what the command line prints, for the same index and query.
struct APITests {
    /// A CLI hit with its path as the API gives it: relative to the indexed folder.
    static func relative(_ hit: [String: Any]) -> [String: Any] {
        var hit = hit
        if let path = hit["path"] as? String, path.hasPrefix("reports/") { hit["path"] = String(path.dropFirst(8)) }
        return hit
    }

    static func roundedScore(_ hit: [String: Any]) -> [String: Any] {
        var hit = hit
        if let score = hit["score"] as? Double { hit["score"] = (score * 1e9).rounded() / 1e9 }
        return hit
    }

    @Test(arguments: ["乡村振兴", "万人助万企", "乡村振兴 OR 营商环境", "乡村振兴 -帮扶 year:2021..2023", "unit:农业 振兴"])
    func searchGivesTheHitsOfSearchJSON(query: String) async throws {
        let fixture = try Fixture.get()
        let cli = try BinaryRunner.run(["search", query, "--index", fixture.indexURL.path, "--json", "--limit", "0"], in: fixture.root)
        #expect(cli.status == 0, "\(cli.stderr)")
        let expected = try BinaryRunner.jsonLines(cli).map(Self.relative)
        #expect(!expected.isEmpty)

        let body = try await withApp(fixture.index) { client in
            try await client.get(url("/api/search", ["q": query, "limit": "1000"])).json()
        }
        #expect(body["query"] as? String == query)
        #expect(body["totalHits"] as? Int == expected.count)
        #expect(body["offset"] as? Int == 0)
        #expect(body["limit"] as? Int == 1000)
        let reports = Set(expected.compactMap { $0["path"] as? String })
        #expect(body["totalReports"] as? Int == reports.count)
        let hits = try #require(body["hits"] as? [[String: Any]])
        // Scores to nine places: the page of 1,000 and the whole list (--limit 0) are ranked
        // by paths that sum bm25's parts in another order.
        #expect(try canonical(hits.map(Self.roundedScore)) == canonical(expected.map(Self.roundedScore)))
    }

    @Test func limitAndOffsetPageThroughTheSameHits() async throws {
        let fixture = try Fixture.get()
        let (all, pages) = try await withApp(fixture.index) { client in
            let all = try await client.get(url("/api/search", ["q": "乡村振兴", "limit": "1000"])).json()
            var pages: [[String: Any]] = []
            for offset in stride(from: 0, to: 12, by: 3) {
                pages.append(try await client.get(url("/api/search", ["q": "乡村振兴", "limit": "3", "offset": String(offset)])).json())
            }
            return (try canonical(all), try pages.map(canonical))
        }
        let allHits = try #require(try JSONSerialization.jsonObject(with: Data(all.utf8)) as? [String: Any])
        let total = try #require(allHits["totalHits"] as? Int)
        #expect(total >= 9)
        var paged: [Any] = []
        for page in pages {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(page.utf8)) as? [String: Any])
            #expect(object["totalHits"] as? Int == total)
            let hits = try #require(object["hits"] as? [Any])
            #expect(hits.count <= 3)
            paged += hits
        }
        #expect(try canonical(paged) == canonical(Array((allHits["hits"] as! [Any]).prefix(12))))
    }

    @Test(arguments: ["unit", "year", "report"])
    func unitsGivesTheRowsOfUnitsJSON(by: String) async throws {
        let fixture = try Fixture.get()
        let query = "乡村振兴 OR 万人助万企"
        let cli = try BinaryRunner.run(["units", query, "--by", by, "--index", fixture.indexURL.path, "--json"], in: fixture.root)
        #expect(cli.status == 0, "\(cli.stderr)")
        let expected = try BinaryRunner.jsonLines(cli).map { row -> [String: Any] in
            var row = Self.relative(row)
            row["best"] = Self.relative(row["best"] as! [String: Any])
            return row
        }
        let body = try await withApp(fixture.index) { client in
            try await client.get(url("/api/units", ["q": query, "by": by])).json()
        }
        #expect(body["by"] as? String == by)
        let rows = try #require(body["rows"] as? [[String: Any]])
        #expect(try canonical(rows) == canonical(expected))
        #expect(body["totalHits"] as? Int == expected.reduce(0) { $0 + ($1["passages"] as! Int) })
    }

    @Test func unitsComeAPageAtATime() async throws {
        let fixture = try Fixture.get()
        let query = "乡村振兴 OR 万人助万企"
        try await withApp(fixture.index) { client in
            let all = try await client.get(url("/api/units", ["q": query, "by": "report"])).json()
            let every = try #require(all["rows"] as? [[String: Any]])
            #expect(every.count > 3)
            #expect(all["totalRows"] as? Int == every.count)
            #expect(all["limit"] as? Int == ServerSettings().maxRowsPerAnswer && all["offset"] as? Int == 0)
            var paged: [[String: Any]] = []
            for offset in stride(from: 0, to: every.count + 2, by: 2) {
                let page = try await client.get(url("/api/units", ["q": query, "by": "report", "limit": "2",
                                                                   "offset": "\(offset)"])).json()
                #expect(page["limit"] as? Int == 2 && page["offset"] as? Int == offset)
                #expect(page["totalRows"] as? Int == every.count && page["totalHits"] as? Int == all["totalHits"] as? Int)
                paged += try #require(page["rows"] as? [[String: Any]])
            }
            #expect(try canonical(paged) == canonical(every))
            for bad in ["limit=0", "limit=10001", "limit=x", "offset=-1"] {
                let response = try await client.get("/api/units?q=%E4%B9%A1&\(bad)")
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    /// Regression: without `limit`, `/api/units?by=report` answered every row at once (a
    /// common phrase at a 532,250-report archive: 1.25 GB of memory for one request).
    @Test func noAnswerHoldsMoreRowsThanTheMaximum() async throws {
        let fixture = try Fixture.get()
        var settings = ServerSettings()
        settings.maxRowsPerAnswer = 2
        try await withApp(fixture.index, settings: settings) { client in
            let units = try await client.get(url("/api/units", ["q": "乡村振兴 OR 万人助万企", "by": "report"])).json()
            #expect((units["rows"] as? [Any])?.count == 2 && units["limit"] as? Int == 2)
            #expect((units["totalRows"] as? Int ?? 0) > 2)
            let reports = try await client.get("/api/reports").json()
            #expect((reports["reports"] as? [Any])?.count == 2 && (reports["total"] as? Int ?? 0) > 2)
            let filtered = try await client.get(url("/api/reports", ["q": "乡村振兴"])).json()
            #expect((filtered["reports"] as? [Any])?.count == 2 && (filtered["total"] as? Int ?? 0) > 2)
            for path in ["/api/units?q=%E4%B9%A1&limit=3", "/api/reports?limit=3"] {
                #expect(try await client.get(path).status == .badRequest, "\(path)")
            }
        }
    }

    @Test func reportsListsTheIndexAndFilters() async throws {
        let fixture = try Fixture.get()
        let cli = try BinaryRunner.run(["reports", "--index", fixture.indexURL.path, "--json"], in: fixture.root)
        let expected = try BinaryRunner.jsonLines(cli).map(Self.relative)
        let (all, filtered) = try await withApp(fixture.index) { client in
            (try await client.get("/api/reports").json(), try await client.get(url("/api/reports", ["q": "year:2022"])).json())
        }
        #expect(all["total"] as? Int == Fixture.reports.count)
        #expect(try canonical(all["reports"] as Any) == canonical(expected))
        #expect(all.keys.contains("query"))
        let years = (filtered["reports"] as? [[String: Any]] ?? []).map { $0["year"] as? Int }
        #expect(years == [2022, 2022])
        #expect(filtered["query"] as? String == "year:2022")
    }

    @Test func reportsComeInPagesWhenAsked() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            let all = try await client.get("/api/reports").json()
            let every = try #require(all["reports"] as? [[String: Any]])
            #expect(all["offset"] as? Int == 0)
            #expect(all["limit"] as? Int == ServerSettings().maxRowsPerAnswer)
            var paged: [[String: Any]] = []
            for offset in stride(from: 0, to: every.count + 2, by: 2) {
                let page = try await client.get(url("/api/reports", ["limit": "2", "offset": "\(offset)"])).json()
                #expect(page["total"] as? Int == every.count)
                #expect(page["limit"] as? Int == 2 && page["offset"] as? Int == offset)
                paged += try #require(page["reports"] as? [[String: Any]])
            }
            #expect(try canonical(paged) == canonical(every))
            // With a query the page is one of its reports, the total all of them.
            let matching = try await client.get(url("/api/reports", ["q": "乡村振兴"])).json()
            let first = try await client.get(url("/api/reports", ["q": "乡村振兴", "limit": "1", "offset": "1"])).json()
            let reports = try #require(matching["reports"] as? [[String: Any]])
            #expect(reports.count > 2)
            #expect(first["total"] as? Int == reports.count)
            #expect(try canonical(first["reports"] as Any) == canonical([reports[1]]))
            for bad in ["limit=0", "limit=10001", "limit=x", "offset=-1"] {
                let response = try await client.get("/api/reports?" + bad)
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test func reportGivesTheOutlineAndEveryPassage() async throws {
        let fixture = try Fixture.get()
        let path = "sub/市农业农村局_2023_工作总结.txt"
        let body = try await withApp(fixture.index) { client in
            try await client.get(url("/api/report", ["path": path, "q": "乡村振兴"])).json()
        }
        let report = try #require(body["report"] as? [String: Any])
        #expect(report["path"] as? String == path)
        #expect(report["unit"] as? String == "市农业农村局")
        let lines = Fixture.reports[path]!.split(separator: "\n").map(String.init)
        let passages = try #require(body["passages"] as? [[String: Any]])
        #expect(passages.map { $0["text"] as? String } == lines)
        #expect(passages.map { $0["line"] as? Int } == Array(1...lines.count))
        // Highlights slice out the query's term, in Unicode scalars.
        let third = Array((passages[2]["text"] as! String).unicodeScalars)
        let ranges = try #require(passages[2]["highlights"] as? [[Int]])
        #expect(ranges.count == 2)
        for r in ranges { #expect(String(String.UnicodeScalarView(third[r[0]..<r[1]])) == "乡村振兴") }

        let cli = try BinaryRunner.run(["show", "reports/" + path, "--index", fixture.indexURL.path, "--json"], in: fixture.root)
        let outline = try BinaryRunner.jsonLines(cli)
        #expect(try canonical(body["outline"] as Any) == canonical(outline))
        #expect((body["outline"] as? [[String: Any]])?.first?["heading"] as? String == "一、主要工作")
    }

    @Test func sectionGivesWhatShowJSONPrints() async throws {
        let fixture = try Fixture.get()
        let path = "市XX办_2021_机关党建工作总结.txt"
        let cli = try BinaryRunner.run(["show", "reports/\(path):5", "--query", "乡村振兴", "--index", fixture.indexURL.path, "--json"],
                                       in: fixture.root)
        #expect(cli.status == 0, "\(cli.stderr)")
        let expected = try #require(try BinaryRunner.jsonLines(cli).first)
        let body = try await withApp(fixture.index) { client in
            try await client.get(url("/api/section", ["path": path, "line": "5", "q": "乡村振兴"])).json()
        }
        #expect(try canonical(body) == canonical(expected))
        #expect(body["section"] as? [String] == ["一、政治忠诚，强化理想信念教育", "（二）助力乡村振兴"])
    }

    @Test func everyAnswerIsJSON() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            for path in ["/api/search?q=%E4%B9%A1", "/api/units?q=%E4%B9%A1", "/api/reports", "/api/nothing"] {
                let response = try await client.get(path)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(path)")
                _ = try response.json()
            }
        }
    }
}
