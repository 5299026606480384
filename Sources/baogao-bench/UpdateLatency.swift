import BaogaoKit
import Foundation

/// An update of one report in a large index: `baogao index` (the release binary, or the
/// `Indexer` in a child process without it) after adding a file, changing it and deleting it.
/// The folder and the index are left as they were.
struct UpdateLatency: Codable {
    var addSeconds: Double
    var changeSeconds: Double
    var deleteSeconds: Double
    /// What ran: "baogao index" or "Indexer".
    var tool: String

    static let fileName = "zz-baogao-bench-update.txt"

    static func measure(folder: URL, index: URL, baogao: String?, sample: URL) throws -> UpdateLatency {
        let file = folder.appendingPathComponent(fileName)
        let text = try String(contentsOf: sample, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        func run() throws -> Double {
            let start = Clock.now()
            if let baogao {
                let outcome = try Spawn.run(baogao, ["index", folder.path, "--index", index.path, "--quiet"])
                guard outcome.status == 0 else {
                    throw BenchError("baogao index failed (status \(outcome.status)): " + String(decoding: outcome.stdout, as: UTF8.self))
                }
            } else {
                _ = try Indexer.index(folder: folder, into: index)
            }
            return Clock.milliseconds(since: start) / 1000
        }
        try Data(("市统计局_2026_更新测试报告\n" + text).utf8).write(to: file)
        let add = try run()
        try Data(("市统计局_2026_更新测试报告\n一、新增一节\n推进统计现代化改革。\n" + text).utf8).write(to: file)
        // A different size, so that the change is seen without hashing.
        let change = try run()
        try FileManager.default.removeItem(at: file)
        let delete = try run()
        return UpdateLatency(addSeconds: add, changeSeconds: change, deleteSeconds: delete,
                             tool: baogao == nil ? "Indexer" : "baogao index")
    }
}
