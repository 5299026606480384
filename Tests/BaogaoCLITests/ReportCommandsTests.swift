import Foundation
import Testing

/// `units`, `show`, `reports` and search's grep-like modes, as a user runs them.
struct ReportCommandsTests {
    static let files = [
        "市XX办_2021_机关党建工作总结.txt": """
            市XX办2021年度机关党建工作总结
            一、政治忠诚，强化理想信念教育
            （一）助力乡村振兴。选派驻村工作队，推进乡村振兴。
            （二）优化营商环境。开展“万人助万企”活动。
            """,
        "市XX办_2022_机关党建工作总结.txt": """
            市XX办2022年度机关党建工作总结
            一、党建引领
            （一）全面推进乡村振兴。
            """,
        "市农业农村局_2022_乡村振兴工作总结.txt": """
            市农业农村局2022年乡村振兴工作总结
            一、产业发展
            推进乡村振兴，发展特色产业。
            乡村振兴示范村建设X个。
            """,
    ]

    func fixture() throws -> (root: URL, index: String) {
        let root = try temporaryFolder()
        for (name, text) in Self.files {
            try write(text, to: root.appendingPathComponent("reports/\(name)"))
        }
        let index = root.appendingPathComponent("r.sqlite").path
        let result = try CLIRunner.run(["index", "reports", "--index", index], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        return (root, index)
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func unitsCountsPerUnitYearAndReport() throws {
        let (root, index) = try fixture()
        let byUnit = try CLIRunner.run(["units", "乡村振兴", "--index", index, "--json"], in: root)
        #expect(byUnit.status == 0, "\(byUnit.stderr)")
        let rows = try jsonLines(byUnit.stdout)
        #expect(rows.map { $0["unit"] as? String } == ["市农业农村局", "市XX办"])
        #expect(rows.map { $0["passages"] as? Int } == [3, 2])
        #expect(rows.map { $0["reports"] as? Int } == [1, 2])
        #expect(rows[1]["years"] as? [Int] == [2021, 2022])
        let best = try #require(rows[0]["best"] as? [String: Any])
        for key in ["path", "line", "section", "text", "highlights", "unit", "year", "title", "score"] {
            #expect(best.keys.contains(key))
        }

        let byYear = try jsonLines(try CLIRunner.run(["units", "乡村振兴", "--by", "year", "--index", index, "--json"], in: root).stdout)
        #expect(byYear.map { $0["year"] as? Int } == [2021, 2022])
        #expect(byYear.map { $0["passages"] as? Int } == [1, 4])

        let oneUnit = try jsonLines(try CLIRunner.run(["units", "乡村振兴", "unit:XX办", "--by", "year", "--index", index, "--json"], in: root).stdout)
        #expect(oneUnit.map { $0["passages"] as? Int } == [1, 1])

        let byReport = try jsonLines(try CLIRunner.run(["units", "乡村振兴", "--by", "report", "--index", index, "--json"], in: root).stdout)
        #expect(byReport.count == 3)
        #expect(byReport[0]["path"] as? String == "reports/市农业农村局_2022_乡村振兴工作总结.txt")

        let text = try CLIRunner.run(["units", "乡村振兴", "--index", index], in: root)
        #expect(text.stdout.contains("市农业农村局  3 passages in 1 report  2022"))
        #expect(text.stdout.contains("市XX办  2 passages in 2 reports  2021–2022"))
    }

    @Test func unknownUnitListsTheNearest() throws {
        let (root, index) = try fixture()
        let result = try CLIRunner.run(["units", "乡村振兴", "unit:市农业局", "--index", index], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown unit “市农业局”"))
        #expect(result.stderr.contains("市农业农村局"))
        let years = try CLIRunner.run(["search", "乡村振兴", "year:2030", "--index", index], in: root)
        #expect(years.status == 2)
        #expect(years.stderr.contains("no reports from 2030"))
        #expect(years.stderr.contains("2021, 2022"))
    }

    @Test func showPrintsTheSectionWithHighlights() throws {
        let (root, index) = try fixture()
        let result = try CLIRunner.run(["show", "reports/市XX办_2021_机关党建工作总结.txt:3", "--query", "乡村振兴",
                                        "--index", index, "--color", "always"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("市XX办 · 2021 · 机关党建工作总结"))
        #expect(result.stdout.contains("一、政治忠诚，强化理想信念教育 › （一）助力乡村振兴"))
        #expect(result.stdout.contains("\u{1B}[1;31m乡村振兴\u{1B}[0m"))
        #expect(!result.stdout.contains("优化营商环境。"), "only the section holding line 3")

        let outline = try CLIRunner.run(["show", "reports/市XX办_2021_机关党建工作总结.txt", "--index", index], in: root)
        #expect(outline.stdout.contains("2  一、政治忠诚，强化理想信念教育"))
        #expect(outline.stdout.contains("3    （一）助力乡村振兴"))

        let missing = try CLIRunner.run(["show", "reports/nope.txt:3", "--index", index], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("is not in the index"))
    }

    @Test func reportsListsWithSources() throws {
        let (root, index) = try fixture()
        let all = try jsonLines(try CLIRunner.run(["reports", "--index", index, "--json"], in: root).stdout)
        #expect(all.count == 3)
        let sources = try #require(all[0]["sources"] as? [String: Any])
        #expect(sources["unit"] as? String == "file-name")
        let filtered = try jsonLines(try CLIRunner.run(["reports", "unit:XX办", "year:2022", "--index", index, "--json"], in: root).stdout)
        #expect(filtered.map { $0["path"] as? String } == ["reports/市XX办_2022_机关党建工作总结.txt"])
    }

    @Test func grepLikeModes() throws {
        let (root, index) = try fixture()
        let files = try CLIRunner.run(["search", "乡村振兴", "-l", "--index", index], in: root)
        #expect(files.stdout.split(separator: "\n").count == 3)
        let counts = try CLIRunner.run(["search", "乡村振兴", "-c", "--index", index], in: root)
        #expect(counts.stdout.contains("reports/市农业农村局_2022_乡村振兴工作总结.txt:3"))
        let vim = try CLIRunner.run(["search", "营商环境", "--vimgrep", "--index", index], in: root)
        // Column counts bytes: "（二）优化" is 15 bytes before 营商环境.
        #expect(vim.stdout == "reports/市XX办_2021_机关党建工作总结.txt:4:16:（二）优化营商环境。开展“万人助万企”活动。\n")
        let context = try CLIRunner.run(["search", "营商环境", "--context", "1", "--index", index], in: root)
        #expect(context.stdout.contains("3- （一）助力乡村振兴"))
        let excluded = try CLIRunner.run(["search", "乡村振兴", "-示范村", "-c", "--index", index], in: root)
        #expect(excluded.stdout.contains("reports/市农业农村局_2022_乡村振兴工作总结.txt:2\n"))
    }

    /// Regression: an exclusion of a filter (`-section:…`, `-title:…`) was read as a group of
    /// short options (“unknown option '-s'”), since search has -c and -l. It now means what it
    /// means after `--`; `-c` and `-l` stay options.
    @Test(arguments: [
        (["乡村振兴", "-section:党建"], ["reports/市XX办_2021_机关党建工作总结.txt", "reports/市农业农村局_2022_乡村振兴工作总结.txt"]),
        (["乡村振兴", "-title:机关"], ["reports/市农业农村局_2022_乡村振兴工作总结.txt"]),
        (["乡村振兴", "-section:党建", "-unit:市农业农村局"], ["reports/市XX办_2021_机关党建工作总结.txt"]),
    ])
    func exclusionsOfFiltersAreQueryWordsNotOptions(_ words: [String], files: [String]) throws {
        let (root, index) = try fixture()
        for mode in ["-l", "-c"] {
            let written = try CLIRunner.run(["search"] + words + [mode, "--index", index], in: root)
            #expect(written.status == 0, "\(words): \(written.stderr)")
            let afterDashes = try CLIRunner.run(["search", mode, "--index", index, "--"] + words, in: root)
            #expect(written.stdout == afterDashes.stdout, "\(words) \(mode)")
            if mode == "-l" { #expect(written.stdout.split(separator: "\n").map(String.init).sorted() == files, "\(words)") }
        }
        let units = try CLIRunner.run(["units"] + words + ["--by", "report", "--index", index], in: root)
        #expect(units.status == 0, "\(words): \(units.stderr)")
    }

    @Test func completionScriptIsGenerated() throws {
        let root = try temporaryFolder()
        let result = try CLIRunner.run(["--generate-completion-script", "bash"], in: root)
        #expect(result.status == 0)
        #expect(result.stdout.contains("baogao"))
        #expect(result.stdout.contains("units"))
    }
}
