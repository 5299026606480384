import Foundation
import MCP
import Testing

/// No answer passes 20,000 characters: a larger one is cut at a whole hit, row or line and
/// says where to go on, and going on loses nothing.
@Suite(.serialized)
struct AnswerCapTests {
    @Test func aLargeSearchIsCutAtAWholeHitAndPagesOnWithoutGapOrOverlap() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        var seen: [String] = []
        var offset = 0
        var pages = 0
        var cut = false
        while seen.count < 80 {
            let result = try await server.call("search", ["query": "乡村振兴", "limit": 50, "offset": .int(offset)])
            #expect(result.isError != true)
            #expect(result.characters <= 20_000, "page \(pages): \(result.characters) characters")
            let answer = try result.json
            let hits = try #require(answer["hits"] as? [[String: Any]])
            #expect(answer["offset"] as? Int == offset)
            if hits.count < 50, answer["nextOffset"] is Int {
                cut = true
                #expect((answer["note"] as? String)?.contains("offset \(offset + hits.count)") == true)
            }
            #expect(result.links.count == hits.count)
            seen += hits.map { "\($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["text"] as? String ?? "")" }
            pages += 1
            guard let next = answer["nextOffset"] as? Int else { break }
            #expect(next == offset + hits.count)
            offset = next
        }
        #expect(cut, "fifty windowed hits pass 20,000 characters: the answer was cut")
        #expect(pages >= 2)
        #expect(Set(seen).count == seen.count, "no hit twice across pages")
        #expect(await server.stop() == 0)
    }

    @Test func aLongSectionIsCutAtAWholeLineAndReadsOnFromNextLine() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let path = MCPFixture.longReport
        var line = 4  // the first paragraph of the long section
        var shown: [Int] = []
        while true {
            let result = try await server.call("show", ["path": .string(path), "line": .int(line)])
            #expect(result.isError != true, "\(result.text)")
            #expect(result.characters <= 20_000)
            let view = try result.json
            #expect(try canonical(view["section"] as Any) == canonical(["一、总体情况", MCPFixture.longSectionHeading]))
            let lines = try #require(view["lines"] as? [[String: Any]]).compactMap { $0["line"] as? Int }
            shown += lines.filter { !shown.contains($0) }
            guard let next = view["nextLine"] as? Int else { break }
            #expect((view["note"] as? String)?.contains("show with line \(next)") == true)
            #expect(next > line)
            line = next
        }
        #expect(shown.count == MCPFixture.longSectionLines + 1, "the heading and every paragraph, each once")
        #expect(shown == shown.sorted())
        #expect(await server.stop() == 0)
    }

    @Test func aWholeReportAsAResourceIsCutAndSaysWhereToReadOn() async throws {
        let fixture = try MCPFixture.get()
        let server = try await StdioServer.start(["--index", fixture.indexURL.path], in: fixture.root)
        let (resources, _) = try await server.client.listResources()
        let long = try #require(resources.first { $0.name == MCPFixture.longReport })
        let text = try #require(try await server.client.readResource(uri: long.uri).first?.text)
        #expect(text.unicodeScalars.count <= 20_000)
        let last = try #require(text.split(separator: "\n").last)
        #expect(last.hasPrefix("… cut at 20000 characters: read baogao://report/"), "\(last)")
        let onward = try #require(last.split(separator: " ").first { $0.hasPrefix("baogao://") })
        let more = try #require(try await server.client.readResource(uri: String(onward)).first?.text)
        #expect(more.contains("编号\(MCPFixture.longSectionLines)。") || more.contains("… cut at"))
        #expect(await server.stop() == 0)
    }
}
