import BaogaoKit
import Foundation
import MCP
import Testing

/// `/mcp` on the real `baogao serve`, driven by the MCP SDK's client over HTTP: the same tools
/// as `baogao mcp`, answering as the JSON API does, behind the server's middleware.
@Suite(.serialized)
struct MCPOverHTTPTests {
    @Test func theSDKClientCallsEveryToolOverHTTP() async throws {
        let fixture = try Fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        let client = Client(name: "baogao-tests", version: "1.0")
        let endpoint = URL(string: "mcp", relativeTo: server.base)!.absoluteURL
        let initialized = try await client.connect(transport: MCPHTTPTransport(endpoint: endpoint))
        #expect(initialized.serverInfo.name == "baogao")
        #expect(initialized.instructions?.contains("unit:") == true)

        let (tools, _) = try await client.listTools()
        #expect(tools.map(\.name) == ["search", "units", "show", "reports"])
        #expect(tools.allSatisfy { $0.annotations.readOnlyHint == true && $0.outputSchema != nil })

        func call(_ name: String, _ arguments: [String: Value]) async throws -> (CallTool.Result, [String: Any]) {
            let result = try await client.send(CallTool.request(.init(name: name, arguments: arguments))).value
            guard case .text(let text, _, _)? = result.content.first else { throw FixtureError("no text in \(name)") }
            if result.isError == true { return (result, ["error": text]) }
            return (result, try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:])
        }

        // search answers the API's hits (the passages are short here: nothing to trim).
        let (searchResult, search) = try await call("search", ["query": "乡村振兴", "limit": 3])
        let api = try await HTTPFetch.get(URL(string: "api/search?q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4&limit=3", relativeTo: server.base)!)
        #expect(try canonical(search["hits"] as Any) == canonical(try api.json()["hits"] as Any))
        #expect(search["totalHits"] as? Int == (try api.json()["totalHits"] as? Int))
        #expect(searchResult.structuredContent != nil)

        let (_, units) = try await call("units", ["query": "乡村振兴", "by": "year"])
        #expect((units["rows"] as? [[String: Any]])?.isEmpty == false)
        let (_, reports) = try await call("reports", ["query": "year:2021"])
        #expect((reports["reports"] as? [[String: Any]])?.count == 1)
        let (_, show) = try await call("show", ["path": "市XX办_2021_机关党建工作总结.txt", "line": 5])
        #expect((show["section"] as? [String])?.first == "一、政治忠诚，强化理想信念教育")
        #expect((show["lines"] as? [[String: Any]])?.contains { $0["line"] as? Int == 5 } == true)

        let (bad, error) = try await call("search", ["query": "\"乡村振兴"])
        #expect(bad.isError == true)
        #expect((error["error"] as? String) == "bad query: unbalanced quote at column 1")

        // The hits' resource links read over HTTP too.
        var link: String?
        for item in searchResult.content { if case .resourceLink(let uri, _, _, _, _, _) = item { link = link ?? uri } }
        let uri = try #require(link)
        let text = try #require(try await client.readResource(uri: uri).first?.text)
        #expect(text.contains(">"))
        await client.disconnect()
        #expect(server.stop() == 0)
    }

    /// The answer budget holds over HTTP too: sixty long matching paragraphs, asked for fifty
    /// at a time, come cut at a whole hit with nextOffset.
    @Test func aLargeAnswerIsCutOverHTTPAsOverStdio() async throws {
        let paragraphs = (1...60).map { n in
            "第\(n)项，\(n)号村围绕乡村振兴目标，坚持规划先行、产业为基、生态为本，完善基础设施，发展特色种植\(n * 3)亩，"
                + "带动农户\(n * 7)户增收，同时持续深化农村改革，健全自治、法治、德治相结合的乡村治理体系，建成高标准农田\(n * 5)亩，"
                + "群众满意度持续提升，为全县乡村振兴提供了可复制、可推广的经验做法，编号\(n)。"
        }
        let fixture = try Fixture(reports: ["县乡村振兴局_2024_专项报告.txt": (["一、总体情况"] + paragraphs).joined(separator: "\n")],
                                  name: "baogao-mcp-cap")
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        let client = Client(name: "baogao-tests", version: "1.0")
        _ = try await client.connect(transport: MCPHTTPTransport(endpoint: URL(string: "mcp", relativeTo: server.base)!.absoluteURL))
        let result = try await client.send(CallTool.request(.init(name: "search", arguments: ["query": "乡村振兴", "limit": 50]))).value
        // The text (the JSON) and the links are all a model reads.
        let size = result.content.reduce(0) { total, item in
            if case .text(let text, _, _) = item { return total + text.unicodeScalars.count }
            if case .resourceLink(let uri, let name, let title, let description, _, _) = item {
                return total + uri.count + name.count + (title?.count ?? 0) + (description?.count ?? 0)
            }
            return total
        }
        #expect(size <= 20_000)
        let answer = try #require(result.structuredContent?.objectValue)
        let hits = try #require(answer["hits"]?.arrayValue)
        #expect(hits.count < 50 && !hits.isEmpty)
        #expect(answer["nextOffset"]?.intValue == hits.count)
        await client.disconnect()
        #expect(server.stop() == 0)
    }

    @Test func mcpRefusesForeignOriginsGetAndLargeBodiesAndTheAPIStaysReadOnly() async throws {
        let fixture = try Fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        let endpoint = URL(string: "mcp", relativeTo: server.base)!
        func post(_ body: String, headers: [String: String] = [:]) async throws -> HTTPFetch.Answer {
            let json = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
            return try await HTTPFetch.send(endpoint, method: "POST", headers: json.merging(headers) { $1 },
                                            body: Data(body.utf8))
        }
        let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#
        let ok = try await post(list)
        #expect(ok.status == 200)
        #expect(ok.text.contains("\"search\""))
        let foreign = try await post(list, headers: ["Origin": "http://evil.example"])
        #expect(foreign.status == 403, "a web page elsewhere cannot call the tools (DNS rebinding)")
        let large = try await post(#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":""#
                                   + String(repeating: "x", count: 20_000) + "\"}}")
        #expect(large.status == 413)
        let get = try await HTTPFetch.get(endpoint)
        #expect(get.status == 405)
        let api = try await HTTPFetch.get(URL(string: "api/search?q=x", relativeTo: server.base)!, method: "POST")
        #expect(api.status == 405, "POST is open to /mcp only")
        #expect(server.stop() == 0)
    }
}
