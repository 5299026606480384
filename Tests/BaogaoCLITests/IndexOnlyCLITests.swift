import BaogaoTestSupport
import Foundation
import Testing

/// `baogao index FOLDER --only PATH` as a real process: it reads the report named and nothing
/// else, and a path outside the folder or with --rebuild is an error naming it (exit 2).
struct IndexOnlyCLITests {
    @Test func onlyThePathNamedIsReadAndBadPathsAreRefused() throws {
        let root = try temporaryFolder("baogao-only-cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("2026"), withIntermediateDirectories: true)
        try Data("一、总体情况\n乡村振兴稳步推进。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let first = try CLIRunner.run(["index", folder.path, "--index", index], in: root)
        #expect(first.status == 0, "\(first.stderr)")

        try Data("新的报告：数字政府建设。\n".utf8).write(to: folder.appendingPathComponent("2026/new.txt"))
        try Data("另一个：营商环境。\n".utf8).write(to: folder.appendingPathComponent("other.txt"))
        let only = try CLIRunner.run(["index", folder.path, "--index", index, "--only", "2026/new.txt"], in: root)
        #expect(only.status == 0, "\(only.stderr)")
        #expect(only.stdout.contains("added 1, updated 0, removed 0, unchanged 0"), "\(only.stdout)")
        #expect(only.stdout.contains("only the path given compared (--only)"), "\(only.stdout)")
        let found = try CLIRunner.run(["search", "数字政府", "--index", index], in: root)
        #expect(found.status == 0 && found.stdout.contains("new.txt"))
        let notYet = try CLIRunner.run(["search", "营商环境", "--index", index], in: root)
        #expect(notYet.status == 1, "other.txt was not named: \(notYet.stdout)")

        for (arguments, message) in [(["--only", "../x.txt"], "is not inside"), (["--only", "a.txt", "--rebuild"], "--rebuild")] {
            let bad = try CLIRunner.run(["index", folder.path, "--index", index] + arguments, in: root)
            #expect(bad.status == 2, "\(arguments)")
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
    }
}
