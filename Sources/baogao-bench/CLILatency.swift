import BaogaoBenchKit
import Foundation

/// End-to-end latency of the `baogao search` release binary against `rg -c` for the same
/// phrases over the same files, on one corpus.
struct CLIComparison: Codable {
    var corpus: String
    var textBytes: Int
    var queries: Int
    /// Median wall time of `baogao search PHRASE --index …` (ranked top 10, printed).
    var baogaoMedianMs: Double
    var baogaoP95Ms: Double
    /// Median wall time of `rg -c -F PHRASE FOLDER`; `nil` when ripgrep is not installed.
    var rgMedianMs: Double?
    var rgP95Ms: Double?
    /// Baogao's median over rg's.
    var ratio: Double?
    /// Baogao answers whose hit count differed from the brute-force count (must be 0).
    var baogaoWrong: Int
}

enum CLILatency {
    /// The `baogao` binary built next to this one (`swift build -c release` builds both).
    static func baogaoBinary() -> String? {
        guard let folder = Bundle.main.executableURL?.deletingLastPathComponent() else { return nil }
        let path = folder.appendingPathComponent("baogao").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Whether the binary at `path` loads the Swift runtime from shared libraries (built
    /// without `--static-swift-stdlib`): its dynamic string table, near the start of the file,
    /// names libswiftCore.so.
    static func loadsSharedSwiftRuntime(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        let head = (try? file.read(upToCount: 4 << 20)) ?? Data()
        return head.range(of: Data("libswiftCore.so".utf8)) != nil
    }

    /// Runs every query once with each tool (alternating which goes first), after one warm-up
    /// run of each.
    static func compare(corpus label: String, folder: URL, index: URL, textBytes: Int,
                        queries: [BenchQuery], baogao: String, rg: String?) throws -> CLIComparison {
        func runBaogao(_ q: BenchQuery) throws -> (Double, Bool) {
            let outcome = try Spawn.run(baogao, ["search"] + q.quotedTerms + ["--index", index.path, "--color", "never"],
                                        environment: ["NO_COLOR": "1"])
            let summary = String(decoding: outcome.stdout, as: UTF8.self)
                .split(separator: "\n").last.map(String.init) ?? ""
            let total = summary.hasPrefix("no hits") ? 0 : Int(summary.prefix { $0.isNumber })
            let right = total == q.expected && outcome.status == (q.expected > 0 ? 0 : 1)
            return (outcome.milliseconds, right)
        }
        func runRg(_ q: BenchQuery) throws -> Double {
            try Spawn.run(rg!, ["-c", "-F", "--no-messages", "--", q.terms[0], folder.path]).milliseconds
        }
        if let first = queries.first {
            _ = try runBaogao(first)
            if rg != nil { _ = try runRg(first) }
        }
        var baogaoTimes: [Double] = []
        var rgTimes: [Double] = []
        var wrong = 0
        for (n, q) in queries.enumerated() {
            if n % 2 == 1, rg != nil { rgTimes.append(try runRg(q)) }
            let (time, right) = try runBaogao(q)
            baogaoTimes.append(time)
            if !right { wrong += 1 }
            if n % 2 == 0, rg != nil { rgTimes.append(try runRg(q)) }
        }
        let b = LatencySummary(milliseconds: baogaoTimes)
        let r = LatencySummary(milliseconds: rgTimes)
        return CLIComparison(
            corpus: label, textBytes: textBytes, queries: queries.count,
            baogaoMedianMs: b?.p50 ?? 0, baogaoP95Ms: b?.p95 ?? 0,
            rgMedianMs: r?.p50, rgP95Ms: r?.p95,
            ratio: r.map { (b?.p50 ?? 0) / $0.p50 }, baogaoWrong: wrong)
    }

    /// A few single-phrase queries of every length, for the slower end-to-end runs.
    static func subset(_ queries: [BenchQuery], perLength: Int) -> [BenchQuery] {
        QuerySampler.lengths.flatMap { length in
            queries.filter { $0.group == String(length) }.prefix(perLength)
        }
    }
}
