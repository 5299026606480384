import BaogaoKit
import BaogaoTestSupport
import Foundation
import Testing

/// The real `baogao serve` binary on a free port, fetched over loopback (``HTTPFetch``).
@Suite(.serialized)
struct ServeEndToEndTests {
    @Test func serveAnswersTheAPIAndThePageOverLoopback() async throws {
        let fixture = try Fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        #expect(server.base.host == "127.0.0.1", "loopback by default")
        #expect(server.startup < 3, "took \(server.startup) s to listen")
        print("baogao serve listened after \(String(format: "%.3f", server.startup)) s")

        let cli = try BinaryRunner.run(["search", "乡村振兴", "--index", fixture.indexURL.path, "--json", "--limit", "0"], in: fixture.root)
        let expected = try BinaryRunner.jsonLines(cli).map(APITests.relative)
        let api = try await HTTPFetch.get(URL(string: url("api/search", ["q": "乡村振兴", "limit": "1000"]), relativeTo: server.base)!)
        #expect(api.status == 200)
        #expect(api.contentType == "application/json; charset=utf-8")
        #expect(try canonical(api.json()["hits"] as Any) == canonical(expected))

        let page = try await HTTPFetch.get(URL(string: url("/", ["q": "万人助万企"]), relativeTo: server.base)!)
        #expect(page.status == 200)
        #expect(page.text.contains("<mark>万人助万企</mark>"))
        let css = try await HTTPFetch.get(URL(string: "assets/baogao.css", relativeTo: server.base)!)
        #expect(css.status == 200)
        #expect(css.text.contains("line-height: 1.8"))

        let bad = try await HTTPFetch.get(URL(string: "api/report?path=..%2F..%2Fetc%2Fpasswd", relativeTo: server.base)!)
        #expect(bad.status == 404)
        #expect((try bad.json()["error"] as? String)?.contains("no report at") == true)
        let post = try await HTTPFetch.get(URL(string: "api/search?q=x", relativeTo: server.base)!, method: "POST")
        #expect(post.status == 405)

        // Ctrl-C stops it cleanly.
        #expect(server.stop() == 0)
    }

    @Test func manyConcurrentRequestsAllSucceed() async throws {
        let fixture = try Fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        let queries = ["乡村振兴", "万人助万企", "乡村振兴 OR 营商环境", "unit:农业 振兴"]
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<64 {
                let target = URL(string: url("api/search", ["q": queries[n % queries.count]]), relativeTo: server.base)!
                group.addTask { try await HTTPFetch.get(target).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.count == 64)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
    }

    @Test func serveBuildsTheDefaultIndexFromCorpus() async throws {
        let root = TestFolders.root.appendingPathComponent("baogao-serve-default-\(UUID().uuidString)")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for (path, text) in Fixture.reports where !path.contains("/") && !path.contains("<") {
            try Data((text + "\n").utf8).write(to: corpus.appendingPathComponent(path))
        }
        let server = try RunningServer([], in: root)
        defer { server.stop() }
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("index/baogao.sqlite").path))
        #expect(server.banner.contains("index/baogao.sqlite"))
        let answer = try await HTTPFetch.get(URL(string: url("api/search", ["q": "万人助万企"]), relativeTo: server.base)!)
        let body = try answer.json()
        #expect(body["totalHits"] as? Int == 1)
        #expect((body["hits"] as? [[String: Any]])?.first?["path"] as? String == "市XX办_2021_机关党建工作总结.txt")
    }

    @Test func aBusyPortIsAClearError() throws {
        let fixture = try Fixture.get()
        let first = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { first.stop() }
        let second = try BinaryRunner.run(["serve", "--index", fixture.indexURL.path, "--port", String(first.base.port!)],
                                          in: fixture.root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot serve on 127.0.0.1:\(first.base.port!)"), "\(second.stderr)")
    }
}
