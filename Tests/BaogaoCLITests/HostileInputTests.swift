import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// `baogao index` run as a real process on folders built to hurt it: each bad file is named
/// with its reason, the run completes, everything else is indexed, and the process's peak
/// memory stays bounded.
///
/// BAOGAO_HOSTILE_LINE_MB sets the size of the one-line file (default 50), BAOGAO_TINY_FILES
/// the number of tiny files (default 20,000; 100,000 by hand took 20 s in a debug build with a
/// peak of 99 MB).
@Suite(.serialized)
struct HostileInputTests {
    static let megabyte = 1 << 20

    func runIndex(_ folder: URL, into index: URL) throws -> ChildProcess.Exit {
        try ChildProcess(["index", folder.path, "--index", index.path]).wait(atMost: 600)
    }

    /// The reason given on stderr for a skipped file, if any.
    func reason(_ path: String, in exit: ChildProcess.Exit, folder: URL) -> String? {
        let prefix = "baogao: skipped \((folder.path as NSString).appendingPathComponent(path)): "
        return exit.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    @Test func badFilesAreNamedWithTheirReasonsAndTheRestIsIndexed() throws {
        let root = try temporaryFolder("baogao-hostile-cli")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")

        var invalid = Data("一、总体情况\n".utf8)
        for i in 0..<200 {
            invalid += Data("第\(i)段乡村振兴稳步推进。".utf8) + Data([0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80]) + Data("\n".utf8)
        }
        var oneBadByte = Data("一、总体情况\n".utf8)
        for i in 0..<200 { oneBadByte += Data("第\(i)段营商环境持续优化。\n".utf8) }
        oneBadByte += Data([0xFF]) + Data("最后一段。\n".utf8)
        var nul = Data("一、总体情况\n带有空字符的报告：营商环境".utf8)
        nul += Data([0, 0, 0]) + Data("持续优化。\n".utf8)
        var binary = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<20_000 { binary.append(UInt8.random(in: 0...255, using: &rng)) }
        try write([
            "good.txt": Data("一、总体情况\n万人助万企活动扎实开展。\n".utf8),
            "invalid-utf8.txt": invalid,
            "one-bad-byte.txt": oneBadByte,
            "nul.txt": nul,
            "image.txt": binary,
            "deep.md": Data(Self.deepHeadings(10_000).utf8),
            // Found by the readers' fuzz target: a long run of digits overflowed the year reader.
            "long-number.txt": Data(("报告编号" + String(repeating: "2111", count: 12) + "年\n"
                                     + String(repeating: "二〇二一", count: 12) + "年工作总结\n").utf8),
            "bomb.docx": try ZipBomb.docx(),
        ], in: folder)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("self.txt").path, withDestinationPath: "self.txt")
        try fm.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("sub/loop").path, withDestinationPath: "..")

        let started = Date()
        let exit = try runIndex(folder, into: index)
        let seconds = Date().timeIntervalSince(started)
        #expect(exit.status == 0, "\(exit.stderr)")
        let expected = [
            "image.txt": "binary file",
            "invalid-utf8.txt": "mixed or damaged UTF-8 (invalid byte 0xFF at offset",
            "nul.txt": "binary file (NUL byte at offset",
            "bomb.docx": "zip bomb",
            "self.txt": "symbolic link",
            "sub/loop": "symbolic link loops back",
        ]
        for (path, why) in expected {
            #expect(reason(path, in: exit, folder: folder)?.contains(why) == true, "\(path): \(exit.stderr)")
        }
        // A few damaged bytes are replaced and said so; many make the file skipped, as above.
        #expect(exit.stdout.contains("note: \(folder.path)/one-bad-byte.txt: mixed or damaged encoding"), "\(exit.stdout)")
        let check = try CLIRunner.run(["check", "--index", index.path], in: root)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try rankedHits("万人助万企", in: index) == ["good.txt:2"])
        #expect(try rankedHits("第199段营商环境", in: index) == ["one-bad-byte.txt:201"])
        #expect(try rankedHits("最深的段落", in: index).count == 1)
        let numbered = try rankedHits("报告编号", in: index)
        #expect(numbered == ["long-number.txt:1"])
        let outline = try CLIRunner.run(["show", "deep.md", "--index", index.path], in: root)
        #expect(outline.status == 0, "\(outline.stderr)")
        print("hostile folder: \(String(format: "%.1f", seconds)) s, peak memory \(exit.peakMemory / Self.megabyte) MB")
        #expect(exit.peakMemory < 400 * Self.megabyte)
    }

    /// An unreadable file is named with the system's reason. Root reads through any
    /// permission, so as root the run drops to user nobody with setpriv (util-linux).
    @Test func anUnreadableFileIsNamedWithItsReason() throws {
        let root = try temporaryFolder("baogao-unreadable")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let place = root.appendingPathComponent("index")
        try write(["a.txt": Data("一、总体情况\n可以读的报告。\n".utf8), "secret.txt": Data("不可读。\n".utf8)], in: folder)
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        chmod(place.path, 0o777)
        chmod(folder.appendingPathComponent("secret.txt").path, 0)
        let arguments = ["index", folder.path, "--index", place.appendingPathComponent("i.sqlite").path]
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        let child: ChildProcess
        if geteuid() != 0 {
            child = try ChildProcess(arguments)
        } else if FileManager.default.isExecutableFile(atPath: setpriv.path) {
            child = try ChildProcess(["--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.executable.path] + arguments,
                                     executable: setpriv)
        } else {
            print("running as root without setpriv: an unreadable file cannot be made; test not run")
            return
        }
        let exit = child.wait(atMost: 60)
        #expect(exit.status == 0, "\(exit.stderr)")
        #expect(reason("secret.txt", in: exit, folder: folder) == "cannot be read (Permission denied)", "\(exit.stderr)")
        #expect(exit.stdout.contains("1 reports, 2 passages"), "\(exit.stdout)")
    }

    /// 10,000 headings, each as deep as the numbering allows under the one before it, then
    /// a numbered line 10,000 levels deep and a line of 10,000 `#`.
    static func deepHeadings(_ count: Int) -> String {
        let kinds = ["第一编 编", "第一部分 部分", "第一章 章", "第一节 节", "一、大项", "（一）中项", "1. 小项", "（1）细项",
                     "# 标题", "## 标题", "### 标题", "#### 标题", "##### 标题", "###### 标题"]
        var lines: [String] = []
        lines.reserveCapacity(count * 2 + 4)
        for i in 0..<count {
            lines.append(kinds[i % kinds.count] + "\(i)")
            if i % 100 == 0 { lines.append("第\(i)个标题下的段落。") }
        }
        lines.append(Array(repeating: "1", count: count).joined(separator: ".") + " 深层编号")
        lines.append(String(repeating: "#", count: count) + " 不是标题")
        lines.append("最深的段落在这里。")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aFiftyMegabyteLineIsIndexedInBoundedMemory() throws {
        let megabytes = Int(ProcessInfo.processInfo.environment["BAOGAO_HOSTILE_LINE_MB"] ?? "") ?? 50
        let root = try temporaryFolder("baogao-long-line")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let phrases = GeneratedReports.phrases.map { Data(($0 + "，").utf8) }
        var line = Data()
        line.reserveCapacity(megabytes * Self.megabyte + 100)
        var i = 0
        while line.count < megabytes * Self.megabyte {
            line.append(phrases[i % phrases.count])
            i += 7
        }
        line.append(Data("一行的最后一句话。".utf8))
        try line.write(to: folder.appendingPathComponent("one-line.txt"))
        try Data("一、总体情况\n另一份报告：营商环境持续优化。\n".utf8).write(to: folder.appendingPathComponent("other.txt"))

        let started = Date()
        let exit = try runIndex(folder, into: index)
        let seconds = Date().timeIntervalSince(started)
        #expect(exit.status == 0, "\(exit.stderr)")
        #expect(try rankedHits("一行的最后一句话", in: index) == ["one-line.txt:1"])
        #expect(try rankedHits("另一份报告", in: index) == ["other.txt:2"])
        // A common word in every piece of the line: answered quickly, as with many paragraphs.
        let searchStarted = Date()
        let search = try ChildProcess(["search", "乡村振兴", "--index", index.path]).wait(atMost: 120)
        let searchSeconds = Date().timeIntervalSince(searchStarted)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(searchSeconds < 20)
        print("one line of \(megabytes) MB: indexed in \(String(format: "%.1f", seconds)) s, peak memory "
              + "\(exit.peakMemory / Self.megabyte) MB; a search for a common word took \(String(format: "%.2f", searchSeconds)) s, "
              + "peak \(search.peakMemory / Self.megabyte) MB")
        #expect(exit.peakMemory < max(400, 8 * megabytes) * Self.megabyte)
        #expect(search.peakMemory < 400 * Self.megabyte)
    }

    @Test func manyTinyFilesAreIndexedInBoundedMemory() throws {
        let count = Int(ProcessInfo.processInfo.environment["BAOGAO_TINY_FILES"] ?? "") ?? 20_000
        let root = try temporaryFolder("baogao-tiny-files")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        // Written with plain POSIX calls: Foundation's per-file overhead would dominate.
        for i in 0..<count {
            let dir = folder.appendingPathComponent(String(format: "%03d", i / 1000)).path
            if i % 1000 == 0 { mkdir(folder.path, 0o755); mkdir(dir, 0o755) }
            let fd = open("\(dir)/r\(i).txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let text = "第\(i)号报告：乡村振兴。\n"
            _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
            close(fd)
        }
        let started = Date()
        let exit = try runIndex(folder, into: index)
        let seconds = Date().timeIntervalSince(started)
        #expect(exit.status == 0, "\(exit.stderr)")
        #expect(exit.stdout.contains("\(count) reports, \(count) passages"), "\(exit.stdout)")
        #expect(try rankedHits("第\(count - 1)号报告", in: index) == [String(format: "%03d", (count - 1) / 1000) + "/r\(count - 1).txt:1"])
        print("\(count) tiny files: indexed in \(String(format: "%.1f", seconds)) s, peak memory \(exit.peakMemory / Self.megabyte) MB")
        #expect(exit.peakMemory < 500 * Self.megabyte)

        // Nothing changed: the second run only compares sizes and times.
        let again = try runIndex(folder, into: index)
        #expect(again.stdout.contains("unchanged \(count)"), "\(again.stdout)")
    }
}
