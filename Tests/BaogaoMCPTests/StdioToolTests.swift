import BaogaoKit
import BaogaoTestSupport
import Foundation
import MCP
import Testing

/// The real `baogao mcp` process over stdio, driven by the SDK's own client: every tool, and
/// its answers against what the command line prints.
@Suite(.serialized)
struct StdioToolTests {
    @Test func listsFourReadOnlyToolsWithSchemasAndTheQueryLanguage() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let (tools, _) = try await server.client.listTools()
        #expect(tools.map(\.name) == ["search", "units", "show", "reports"])
        for tool in tools {
            #expect(tool.annotations.readOnlyHint == true, "\(tool.name)")
            #expect(tool.annotations.destructiveHint == false, "\(tool.name)")
            #expect(tool.inputSchema.objectValue?["type"] == "object", "\(tool.name)")
            #expect(tool.outputSchema?.objectValue?["type"] == "object", "\(tool.name)")
        }
        let search = try #require(tools.first { $0.name == "search" })
        #expect(search.inputSchema.objectValue?["required"] == ["query"])
        for lesson in ["exact phrase", "\"数字 政府\"", " OR ", "-疫情", "unit:", "year:2019..2021"] {
            #expect(search.description?.contains(lesson) == true, "the description teaches \(lesson)")
        }
        #expect(await server.stop() == 0)
    }

    @Test func searchGivesTheCommandLinesHitsTrimmedWithLinksThatRead() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let result = try await server.call("search", ["query": "万人助万企", "limit": 5])
        #expect(result.isError != true)
        let answer = try result.json
        // structuredContent is the same JSON as the text.
        let structured = try #require(result.structuredContent)
        let decoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(structured))
        #expect(try canonical(decoded) == canonical(answer))

        // The hits are those of `search --json`, key for key; only the passage is windowed.
        let cli = try BaogaoBinary.run(["search", "万人助万企", "--index", fixture.indexURL.path, "--json", "--limit", "5"],
                                       in: fixture.folder)
        let expected = try cli.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let hits = try #require(answer["hits"] as? [[String: Any]])
        #expect(hits.count == expected.count && !hits.isEmpty)
        for (hit, line) in zip(hits, expected) {
            #expect(Set(hit.keys) == Set(line.keys))
            for key in ["path", "line", "section", "unit", "year", "title", "match"] {
                #expect(try canonical(hit[key] as Any) == canonical(line[key] as Any), "\(key)")
            }
            let text = try #require(hit["text"] as? String)
            #expect(text.unicodeScalars.count <= 242)
            #expect(text.contains("万人助万企"))
        }
        #expect(answer["query"] as? String == "万人助万企")
        #expect(answer["totalHits"] as? Int ?? 0 >= hits.count)

        // One resource link per hit, and each reads as the section holding the line.
        #expect(result.links.count == hits.count)
        let first = try #require(result.links.first)
        let path = try #require(hits[0]["path"] as? String), line = try #require(hits[0]["line"] as? Int)
        #expect(first.uri.hasPrefix("baogao://report/") && first.uri.hasSuffix("#L\(line)"))
        #expect(first.name == "\(path):\(line)")
        let contents = try await server.client.readResource(uri: first.uri)
        let read = try #require(contents.first?.text)
        let marked = try #require(read.split(separator: "\n").first { $0.hasPrefix(">") })
        #expect(marked.contains("万人助万企"), "the line asked for is marked: \(marked)")
        let section = try #require(hits[0]["section"] as? [String])
        #expect(read.contains(section.joined(separator: " › ")))
        #expect(await server.stop() == 0)
    }

    @Test func unitsCountsAsTheCommandLineDoes() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        for by in ["unit", "year"] {
            let result = try await server.call("units", ["query": "乡村振兴 OR 乡村全面振兴", "by": .string(by)])
            #expect(result.isError != true)
            let answer = try result.json
            let rows = try #require(answer["rows"] as? [[String: Any]])
            let cli = try BaogaoBinary.run(["units", "乡村振兴", "OR", "乡村全面振兴", "--by", by, "--index", fixture.indexURL.path,
                                            "--json"], in: fixture.folder)
            let expected = try cli.stdout.split(separator: "\n").map {
                try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(rows.count == expected.count && rows.count > 1)
            for (row, line) in zip(rows, expected) {
                for key in [by, "reports", "passages", "years"] {
                    #expect(try canonical(row[key] as Any) == canonical(line[key] as Any), "\(by) \(key)")
                }
            }
            #expect(answer["by"] as? String == by)
            #expect(answer["totalPassages"] as? Int == rows.reduce(0) { $0 + ($1["passages"] as? Int ?? 0) })
            #expect(answer["totalRows"] as? Int == rows.count)
            // A page of one row: the second row, with where the next page starts.
            let page = try await server.call("units", ["query": "乡村振兴 OR 乡村全面振兴", "by": .string(by), "limit": 1, "offset": 1]).json
            let pageRows = try #require(page["rows"] as? [[String: Any]])
            #expect(pageRows.count == 1 && page["totalRows"] as? Int == rows.count)
            #expect(try canonical(pageRows[0][by] as Any) == canonical(rows[1][by] as Any))
            #expect(pageRows[0]["passages"] as? Int == rows[1]["passages"] as? Int)
            #expect(page["nextOffset"] as? Int == (rows.count > 2 ? 2 : nil))
        }
        #expect(await server.stop() == 0)
    }

    @Test func showReadsASectionAndAnOutline() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let path = "市XX办_2021_机关党建工作总结.txt"
        let hit = try #require((try await server.call("search", ["query": "乡村振兴 unit:市XX办 year:2021", "limit": 1]).json["hits"]
                                as? [[String: Any]])?.first)
        let line = try #require(hit["line"] as? Int)
        #expect(hit["path"] as? String == path)

        let section = try await server.call("show", ["path": .string(path), "line": .int(line), "query": "乡村振兴"])
        #expect(section.isError != true)
        let view = try section.json
        #expect(try canonical(view["section"] as Any) == canonical(hit["section"] as Any))
        #expect(view["focus"] as? Int == line)
        let lines = try #require(view["lines"] as? [[String: Any]])
        let focused = try #require(lines.first { $0["line"] as? Int == line })
        #expect((focused["highlights"] as? [[Int]])?.isEmpty == false)
        #expect((view["report"] as? [String: Any])?["unit"] as? String == "市XX办")
        #expect(view["nextLine"] is NSNull)

        // "path:line" as hits are cited works too, and gives the same section.
        let cited = try await server.call("show", ["path": .string("\(path):\(line)")])
        #expect(try canonical(cited.json["section"] as Any) == canonical(view["section"] as Any))

        let outline = try await server.call("show", ["path": .string(path)])
        let headings = try #require(outline.json["outline"] as? [[String: Any]])
        #expect(headings.first?["heading"] as? String == "一、坚持政治引领，筑牢思想根基")
        #expect(headings.contains { $0["depth"] as? Int == 1 })
        #expect(await server.stop() == 0)
    }

    @Test func reportsListsAndFilters() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let all = try await server.call("reports", [:]).json
        #expect(all["total"] as? Int == 17)
        #expect((all["reports"] as? [[String: Any]])?.count == 17)
        #expect(all["nextOffset"] is NSNull)

        let filtered = try await server.call("reports", ["query": "year:2022"]).json
        let reports = try #require(filtered["reports"] as? [[String: Any]])
        #expect(!reports.isEmpty && reports.allSatisfy { $0["year"] as? Int == 2022 })

        let paged = try await server.call("reports", ["limit": 5, "offset": 5]).json
        #expect((paged["reports"] as? [[String: Any]])?.count == 5)
        #expect(paged["nextOffset"] as? Int == 10)
        #expect(await server.stop() == 0)
    }
}
