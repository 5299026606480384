import Foundation
import Testing

/// `baogao search` without --index: builds index/baogao.sqlite from corpus/ on first use and
/// refreshes it when corpus/ changes.
struct DefaultIndexTests {
    @Test func firstSearchBuildsAndLaterSearchesRefresh() throws {
        let root = try temporaryFolder()
        try write("县教育局2022年工作总结\n一、推进乡村振兴\n乡村学校建设稳步推进。\n",
                  to: root.appendingPathComponent("corpus/县教育局_2022_工作总结.txt"))

        let first = try CLIRunner.run(["search", "乡村学校"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("corpus/县教育局_2022_工作总结.txt:3"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("index/baogao.sqlite").path))

        // A new report appears, an old one changes: the next search sees both.
        try write("市农业农村局2023年工作总结\n乡村学校周边道路全部硬化。\n",
                  to: root.appendingPathComponent("corpus/sub/市农业农村局_2023_工作总结.txt"))
        try write("县教育局2022年工作总结\n一、推进乡村振兴\n新建乡村学校三所。\n",
                  to: root.appendingPathComponent("corpus/县教育局_2022_工作总结.txt"))
        let second = try CLIRunner.run(["search", "乡村学校", "--json"], in: root)
        #expect(second.status == 0)
        let paths = second.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["path"] as? String
        }
        #expect(Set(paths) == ["corpus/县教育局_2022_工作总结.txt", "corpus/sub/市农业农村局_2023_工作总结.txt"])
        #expect(second.stdout.contains("新建乡村学校三所"))
        #expect(!second.stdout.contains("乡村学校建设稳步推进"))

        // A removed report leaves the index.
        try FileManager.default.removeItem(at: root.appendingPathComponent("corpus/sub/市农业农村局_2023_工作总结.txt"))
        let third = try CLIRunner.run(["search", "道路"], in: root)
        #expect(third.status == 1)
    }

    @Test func noCorpusAndNoIndexIsAClearError() throws {
        let root = try temporaryFolder()
        let result = try CLIRunner.run(["search", "乡村"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no index at index/baogao.sqlite and no corpus/ folder"))
    }

    @Test func indexDefaultsToCorpusAndTheDefaultIndex() throws {
        let root = try temporaryFolder()
        try write("一、总体情况\n万人助万企活动扎实开展。\n", to: root.appendingPathComponent("corpus/a.txt"))
        let result = try CLIRunner.run(["index"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 reports") || result.stdout.contains("1 report"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("index/baogao.sqlite").path))
    }

    @Test func undecodableFilesAreSkippedWithTheirReasonAndTheRestIsIndexed() throws {
        let root = try temporaryFolder()
        try write("一、总体情况\n万人助万企活动扎实开展。\n", to: root.appendingPathComponent("corpus/good.txt"))
        try Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x00, 0x13]).write(to: root.appendingPathComponent("corpus/bad.txt"))
        let result = try CLIRunner.run(["index"], in: root)
        #expect(result.status == 0)
        #expect(result.stderr.contains("bad.txt"), "stderr: \(result.stderr)")
        #expect(result.stdout.contains("skipped 1"))
        let found = try CLIRunner.run(["search", "万人助万企"], in: root)
        #expect(found.status == 0)
    }
}
