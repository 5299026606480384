import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// `-c`, `-l`, `units --by report`, `--vimgrep` and `--json --limit 0` name the same matching
/// passages for the same query: phrases sampled (seeded) from the sample corpus and from
/// reports that share a paragraph word for word, quoted and not. Identical passages are one
/// hit with `copies` in JSON and one line each in `--vimgrep`: every location once.
@Suite(.serialized)
struct OutputsAgreeTests {
    static let sampled = 24
    static let fixed = ["我代表省人民政府", "\"请予审议\"", "政府工作报告", "乡村振兴", "省政协委员 OR 万人助万企"]

    let root: URL
    let lines: [[Unicode.Scalar]]

    init() throws {
        root = try temporaryFolder()
        let folder = root.appendingPathComponent("reports")
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: corpus, to: folder)
        try IdenticalPassages.write(into: folder.appendingPathComponent("政府工作报告"))
        let indexed = try CLIRunner.run(["index", "reports", "--index", "r.sqlite", "--quiet"], in: root)
        try #require(indexed.status == 0, "\(indexed.stderr)")
        var lines: [[Unicode.Scalar]] = []
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        where ["txt", "md"].contains(file.pathExtension) {
            lines += try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { Array($0.unicodeScalars) }
        }
        self.lines = lines
    }

    /// A run of 2–6 ideographs of a random line, quoted half the time; nil when the line has
    /// none there.
    func sample(_ rng: inout SeededGenerator) -> String? {
        let line = lines[Int.random(in: 0..<lines.count, using: &rng)]
        guard line.count >= 2 else { return nil }
        let start = Int.random(in: 0..<(line.count - 1), using: &rng)
        let run = line[start...].prefix { ScalarClass.of($0.value) == .ideograph }.prefix(Int.random(in: 2...6, using: &rng))
        guard run.count >= 2 else { return nil }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: run)
        return Bool.random(using: &rng) ? "\"\(String(text))\"" : String(text)
    }

    func run(_ arguments: [String]) throws -> String {
        let out = try CLIRunner.run(arguments + ["--index", "r.sqlite"], in: root)
        #expect(out.status == 0 || out.status == 1, "\(arguments): \(out.stderr)")
        return out.stdout
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// Matching passages per report, as a dictionary of path → count.
    static func perReport(_ locations: [String]) -> [String: Int] {
        locations.reduce(into: [:]) { $0[String($1[..<$1.lastIndex(of: ":")!]), default: 0] += 1 }
    }

    @Test func everyOutputNamesTheSamePassages() throws {
        var rng = SeededGenerator(seed: 20261203)
        var queries = Self.fixed
        while queries.count < Self.fixed.count + Self.sampled {
            if let query = sample(&rng), !queries.contains(query) { queries.append(query) }
        }
        var folded = 0
        for query in queries {
            // As a shell passes them: a quoted phrase is one word.
            let words = query.hasPrefix("\"") ? [query] : query.split(separator: " ").map(String.init)
            let hits = try jsonLines(try run(["search"] + words + ["--json", "--limit", "0"]))
                .filter { $0["match"] as? String != "related" }
            var json: [String] = []
            for hit in hits {
                json.append("\(hit["path"] as! String):\(hit["line"] as! Int)")
                let copies = hit["copies"] as? [[String: Any]] ?? []
                #expect(hit["duplicates"] as? Int == (copies.isEmpty ? nil : copies.count), "\(query)")
                json += copies.map { "\($0["path"] as! String):\($0["line"] as! Int)" }
                folded += copies.count
            }
            #expect(Set(json).count == json.count, "\(query): a location twice in --json")

            let vimgrep = try run(["search"] + words + ["--vimgrep"]).split(separator: "\n").map { line in
                line.split(separator: ":", maxSplits: 2).prefix(2).joined(separator: ":")
            }
            #expect(vimgrep.sorted() == json.sorted(), "\(query): --vimgrep and --json --limit 0 differ")

            let counts = try run(["search"] + words + ["-c"]).split(separator: "\n").reduce(into: [String: Int]()) {
                let cut = $1.lastIndex(of: ":")!
                $0[String($1[..<cut])] = Int($1[$1.index(after: cut)...])!
            }
            #expect(counts == Self.perReport(json), "\(query): -c and --json --limit 0 differ")

            let files = try run(["search"] + words + ["-l"]).split(separator: "\n").map(String.init)
            #expect(Set(files) == Set(counts.keys) && files.count == counts.count, "\(query): -l and -c differ")

            let units = try jsonLines(try run(["units"] + words + ["--by", "report", "--json"]))
            let unitCounts = units.reduce(into: [String: Int]()) { $0[$1["path"] as! String] = $1["passages"] as? Int }
            #expect(unitCounts == counts, "\(query): units --by report and -c differ")
        }
        // The property ran over folded copies, not only over hits standing alone.
        #expect(folded >= 5)
    }
}
