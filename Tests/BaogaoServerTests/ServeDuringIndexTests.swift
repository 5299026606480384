import BaogaoSpawn
import BaogaoTestSupport
import Foundation
import Testing

/// A running `baogao serve` keeps answering while `baogao index --rebuild` rewrites its index
/// (in place, in one transaction, WAL), and sees the new reports once it commits.
@Suite(.serialized)
struct ServeDuringIndexTests {
    @Test func theServerAnswersThroughARebuildAndSeesItsResult() async throws {
        let root = TestFolders.root.appendingPathComponent("baogao-serve-index-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let phrases = ["乡村振兴稳步推进", "营商环境持续优化", "数字政府建设取得新进展", "生态环境质量明显改善"]
        for i in 0..<300 {
            var text = "一、总体情况\n"
            for j in 0..<60 { text += "\(phrases[(i + j) % 4])，\(phrases[(i * j) % 4])，第\(i)-\(j)项。\n" }
            try Data(text.utf8).write(to: folder.appendingPathComponent("单位\(i % 9)_\(2018 + i % 6)_总结\(i).txt"))
        }
        #expect(try BinaryRunner.run(["index", folder.path, "--index", index.path], in: root).status == 0)
        let server = try RunningServer(["--index", index.path], in: root)
        defer { server.stop() }

        // The first request warms the server up (the unit names, the tables).
        let warm = try await HTTPFetch.get(URL(string: "api/search?q=%E7%AC%AC7-3%E9%A1%B9", relativeTo: server.base)!)
        #expect(warm.status == 200)
        try Data("一、新增\n重建后才有的报告：独一无二的短语。\n".utf8).write(to: folder.appendingPathComponent("新增.txt"))
        let rebuild = SpawnedProcess()
        rebuild.executableURL = BinaryRunner.executable
        rebuild.arguments = ["index", folder.path, "--index", index.path, "--rebuild", "--quiet"]
        rebuild.standardOutput = FileHandle.nullDevice
        rebuild.standardError = FileHandle.nullDevice
        try rebuild.run()
        var answers = 0
        var failures: [String] = []
        while rebuild.isRunning {
            // 第7-3项: a passage or two, so each answer is quick whatever the machine's load.
            let api = try await HTTPFetch.get(URL(string: "api/search?q=%E7%AC%AC7-3%E9%A1%B9", relativeTo: server.base)!)
            answers += 1
            if api.status != 200 { failures.append("\(api.status) \(api.text)") }
            // The health check stays green through the rebuild: load balancers keep the server.
            let health = try await HTTPFetch.get(URL(string: "healthz", relativeTo: server.base)!)
            if health.status != 200 { failures.append("healthz \(health.status) \(health.text)") }
        }
        rebuild.waitUntilExit()
        #expect(rebuild.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        // How many requests overlap the rebuild depends on the load (other tests share the
        // cores and the task pool); at least one always does.
        #expect(answers >= 1)
        let after = try await HTTPFetch.get(URL(string: "api/search?q=%E7%8B%AC%E4%B8%80%E6%97%A0%E4%BA%8C", relativeTo: server.base)!)
        #expect(after.status == 200)
        #expect(after.text.contains("新增.txt"), "\(after.text)")
        print("serve during a rebuild: \(answers) answers, \(failures.count) failures")
    }

    @Test func anUpdateByIndexIsVisibleToTheNextRequest() async throws {
        let root = TestFolders.root.appendingPathComponent("baogao-serve-update-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("一、总体情况\n乡村振兴稳步推进。\n".utf8).write(to: folder.appendingPathComponent("县农业局_2024_总结.txt"))
        #expect(try BinaryRunner.run(["index", folder.path, "--index", index.path], in: root).status == 0)
        let server = try RunningServer(["--index", index.path], in: root)
        defer { server.stop() }
        let search = URL(string: url("api/search", ["q": "数字政府"]), relativeTo: server.base)!
        #expect(try await HTTPFetch.get(search).json()["totalHits"] as? Int == 0)
        let before = try PrometheusText(try await HTTPFetch.get(URL(string: "metrics", relativeTo: server.base)!).text)
        #expect(before["baogao_index_reports"] == 1)

        try Data("一、数字化\n数字政府建设取得新进展。\n".utf8).write(to: folder.appendingPathComponent("县数据局_2025_总结.txt"))
        #expect(try BinaryRunner.run(["index", folder.path, "--index", index.path], in: root).status == 0)
        let after = try await HTTPFetch.get(search).json()
        #expect(after["totalHits"] as? Int == 1)
        #expect((after["hits"] as? [[String: Any]])?.first?["path"] as? String == "县数据局_2025_总结.txt")
        let metrics = try PrometheusText(try await HTTPFetch.get(URL(string: "metrics", relativeTo: server.base)!).text)
        #expect(metrics["baogao_index_reports"] == 2)
        #expect((metrics["baogao_index_last_update_timestamp_seconds"] ?? 0) >= (before["baogao_index_last_update_timestamp_seconds"] ?? .infinity))
    }
}
