import BaogaoKit
import Foundation

/// An update of one report in a large index: `baogao index` (the release binary, or the
/// `Indexer` in a child process without it) after adding a file, changing it and deleting it,
/// over the whole folder and then with `--only` the file. The folder and the index are left as
/// they were.
struct UpdateLatency: Codable {
    var addSeconds: Double
    var changeSeconds: Double
    var deleteSeconds: Double
    /// The same with `--only` the file (nil in reports of older runs).
    var only: [Double]?
    /// What ran: "baogao index" or "Indexer".
    var tool: String
    /// The full-text index's segments before the six updates and after them (nil in reports
    /// of older runs).
    var segments: [Int]?

    static let fileName = "zz-baogao-bench-update.txt"

    static func measure(folder: URL, index: URL, baogao: String?, sample: URL) throws -> UpdateLatency {
        let file = folder.appendingPathComponent(fileName)
        let text = try String(contentsOf: sample, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        func run(only: Bool) throws -> Double {
            let start = Clock.now()
            if let baogao {
                let outcome = try Spawn.run(baogao, ["index", folder.path, "--index", index.path, "--quiet"]
                                                    + (only ? ["--only", fileName] : []))
                guard outcome.status == 0 else {
                    throw BenchError("baogao index failed (status \(outcome.status)): " + String(decoding: outcome.stdout, as: UTF8.self))
                }
            } else {
                var options = IndexOptions()
                options.only = only ? [fileName] : nil
                _ = try Indexer.index(folder: folder, into: index, options: options)
            }
            return Clock.milliseconds(since: start) / 1000
        }
        func addChangeDelete(only: Bool) throws -> [Double] {
            try Data(("市统计局_2026_更新测试报告\n" + text).utf8).write(to: file)
            let add = try run(only: only)
            try Data(("市统计局_2026_更新测试报告\n一、新增一节\n推进统计现代化改革。\n" + text).utf8).write(to: file)
            // A different size, so that the change is seen without hashing.
            let change = try run(only: only)
            try FileManager.default.removeItem(at: file)
            return [add, change, try run(only: only)]
        }
        func segments() throws -> Int { try IndexDatabase.open(at: index).statistics().ftsSegments ?? 0 }
        let before = try segments()
        let whole = try addChangeDelete(only: false)
        let only = try addChangeDelete(only: true)
        return UpdateLatency(addSeconds: whole[0], changeSeconds: whole[1], deleteSeconds: whole[2],
                             only: only, tool: baogao == nil ? "Indexer" : "baogao index",
                             segments: [before, try segments()])
    }
}
