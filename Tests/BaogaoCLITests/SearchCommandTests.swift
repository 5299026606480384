import Foundation
import Testing

/// `baogao index` and `baogao search` as a user runs them: real binary, real files.
struct SearchCommandTests {
    static let report = """
        市XX办2021年度机关党建工作总结
        XX:
        2021年，市XX办坚持以党建引领业务工作。现将一年来的工作汇报如下。
        一、政治忠诚，强化理想信念教育
        （一）坚定践行“两个维护”。深入学习贯彻党的十九届六中全会精神。
        （二）助力乡村振兴。选派驻村工作队，推进乡村振兴各项任务落实。
        二、持续优化营商环境
        制定“万人助万企”活动方案，县级干部每人联系1-2家企业。
        """

    /// A folder with one report and an index path beside it.
    func fixture() throws -> (root: URL, folder: URL, index: String) {
        let root = try temporaryFolder()
        let folder = root.appendingPathComponent("reports")
        try write(Self.report, to: folder.appendingPathComponent("市XX办_2021_机关党建工作总结.txt"))
        return (root, folder, root.appendingPathComponent("reports.sqlite").path)
    }

    @Test func indexThenSearchJSON() throws {
        let (root, folder, index) = try fixture()
        let indexed = try CLIRunner.run(["index", folder.path, "--index", index], in: root)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("1 reports, 8 passages") || indexed.stdout.contains("1 report"))

        let found = try CLIRunner.run(["search", "乡村振兴", "--index", index, "--json"], in: root)
        #expect(found.status == 0, "\(found.stderr)")
        let lines = found.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let hit = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        for key in ["path", "line", "section", "text", "highlights", "unit", "year", "title", "score"] {
            #expect(hit.keys.contains(key), "missing \(key)")
        }
        #expect(hit["path"] as? String == "reports/市XX办_2021_机关党建工作总结.txt")
        #expect(hit["line"] as? Int == 6)
        #expect(hit["text"] as? String == "（二）助力乡村振兴。选派驻村工作队，推进乡村振兴各项任务落实。")
        #expect(hit["unit"] as? String == "市XX办")
        #expect(hit["year"] as? Int == 2021)
        #expect(hit["title"] as? String == "机关党建工作总结")
        #expect(hit["score"] is Double)

        // Highlights are [start, end) offsets in Unicode scalars that slice out the term.
        let text = Array((hit["text"] as! String).unicodeScalars)
        let highlights = try #require(hit["highlights"] as? [[Int]])
        #expect(highlights.count == 2)
        for h in highlights {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: text[h[0]..<h[1]])
            #expect(String(view) == "乡村振兴")
        }
    }

    @Test func textOutputShowsWhereTheHitStands() throws {
        let (root, folder, index) = try fixture()
        _ = try CLIRunner.run(["index", folder.path, "--index", index], in: root)
        let found = try CLIRunner.run(["search", "万人助万企", "--index", index], in: root)
        #expect(found.status == 0)
        #expect(found.stdout.contains("市XX办 · 2021 · 机关党建工作总结"))
        #expect(found.stdout.contains("reports/市XX办_2021_机关党建工作总结.txt:8"))
        #expect(found.stdout.contains("二、持续优化营商环境"))
        #expect(found.stdout.contains("1 hit in 1 report"))
        #expect(!found.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")

        let colored = try CLIRunner.run(["search", "万人助万企", "--index", index, "--color", "always"], in: root)
        #expect(colored.stdout.contains("\u{1B}[1;31m万人助万企\u{1B}[0m"))
    }

    @Test func exitStatusIsOneWhenNothingMatches() throws {
        let (root, folder, index) = try fixture()
        _ = try CLIRunner.run(["index", folder.path, "--index", index], in: root)
        let none = try CLIRunner.run(["search", "数字政府", "--index", index], in: root)
        #expect(none.status == 1)
        #expect(none.stdout.contains("no hits"))
        let json = try CLIRunner.run(["search", "数字政府", "--index", index, "--json"], in: root)
        #expect(json.status == 1)
        #expect(json.stdout.isEmpty)
    }

    @Test(arguments: [
        (["search", "\"乡村振兴"], "unbalanced quote at column 1"),
        (["search", "，。"], "has no letters, digits or characters to search for"),
        (["search", "乡村", "--limit=-3"], "--limit must be 0 or more"),
        (["search", "乡村", "--index", "missing.sqlite"], "no index at"),
        (["index", "no-such-folder", "--index", "x.sqlite"], "is not a folder"),
    ])
    func errorsExitTwoWithAMessage(_ arguments: [String], _ message: String) throws {
        let (root, folder, index) = try fixture()
        _ = try CLIRunner.run(["index", folder.path, "--index", index], in: root)
        var args = arguments
        if args.first == "search" && !args.contains("--index") { args += ["--index", index] }
        let result = try CLIRunner.run(args, in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("SQLite error"))
        #expect(!result.stderr.contains("fts5"))
    }

    @Test func limitZeroPrintsEveryHit() throws {
        let (root, folder, index) = try fixture()
        _ = try CLIRunner.run(["index", folder.path, "--index", index], in: root)
        let one = try CLIRunner.run(["search", "党", "--index", index, "--json", "--limit", "1"], in: root)
        let all = try CLIRunner.run(["search", "党", "--index", index, "--json", "--limit", "0"], in: root)
        #expect(one.stdout.split(separator: "\n").count == 1)
        #expect(all.stdout.split(separator: "\n").count == 3)
    }

    @Test func aFileThatIsNotAnIndexIsNeverOverwritten() throws {
        let (root, folder, _) = try fixture()
        let notes = root.appendingPathComponent("notes.sqlite")
        try write("my notes, not a database", to: notes)
        let result = try CLIRunner.run(["index", folder.path, "--index", notes.path], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a"))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes, not a database")
        let search = try CLIRunner.run(["search", "乡村", "--index", notes.path], in: root)
        #expect(search.status == 2)
        #expect(search.stderr.contains("is not a Baogao index"))
    }
}
