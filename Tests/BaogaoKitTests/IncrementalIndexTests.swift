import BaogaoTestSupport
import Foundation
import Testing
@testable import BaogaoKit

/// Re-running the indexer after edits, additions, deletions, renames and touches gives the
/// index a clean rebuild of the same folder gives.
struct IncrementalIndexTests {
    func setTime(_ url: URL, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: url.path)
    }

    @Test func anEditedFolderMatchesACleanRebuild() throws {
        let root = try temporaryFolder("baogao-incremental")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        func file(_ path: String) -> URL { folder.appendingPathComponent(path) }
        try write([
            "a.txt": Data("一、总体情况\n乡村振兴稳步推进。\n".utf8),
            "b.txt": Data("二、主要做法\n营商环境持续优化。\n".utf8),
            "f.txt": Data("将被删除的报告：乡村振兴。\n".utf8),
            "g.txt": Data("将被改名的报告：乡村振兴。\n".utf8),
            "h.txt": Data("只改时间的报告：乡村振兴。\n".utf8),
            "d.html": Data("<h2>总体情况</h2><p>网页里的乡村振兴。</p>".utf8),
            "e.csv": Data("title,text\n甲,第一行乡村振兴。\n乙,第二行营商环境。\n".utf8),
        ], in: folder)
        try SampleReport.docxTyped.write(to: file("sub/c.docx"))

        let first = try Indexer.index(folder: folder, into: index)
        #expect(first.added == 8)
        #expect(first.reports == 9)
        #expect(try consistencyProblems(index) == [])

        // Edit, add, delete, rename, touch; change one row of a collection and add another.
        try Data("一、总体情况\n乡村振兴全面推进，成效明显。\n新增一段。\n".utf8).write(to: file("a.txt"))
        try setTime(file("a.txt"), 1_700_000_000)
        try write(["new.txt": Data("新的报告：数字政府建设。\n".utf8)], in: folder)
        try FileManager.default.removeItem(at: file("f.txt"))
        try FileManager.default.moveItem(at: file("g.txt"), to: file("sub/g2.txt"))
        try setTime(file("h.txt"), 1_700_000_000)
        try Data("title,text\n甲,第一行乡村振兴（修订）。\n乙,第二行营商环境。\n丙,第三行数字政府。\n".utf8).write(to: file("e.csv"))
        try setTime(file("e.csv"), 1_700_000_100)

        let second = try Indexer.index(folder: folder, into: index)
        #expect(second.added == 2)      // new.txt, sub/g2.txt
        #expect(second.updated == 2)    // a.txt, e.csv
        #expect(second.removed == 2)    // f.txt, g.txt
        #expect(second.unchanged == 4)  // b.txt, c.docx, d.html, and h.txt (touched, same bytes)
        #expect(second.filesRead == 5)
        #expect(try consistencyProblems(index) == [])

        let clean = root.appendingPathComponent("clean.sqlite")
        _ = try Indexer.index(folder: folder, into: clean)
        let incremental = try IndexSnapshot(index)
        let rebuilt = try IndexSnapshot(clean)
        #expect(incremental == rebuilt)
        #expect(incremental.reports.map(\.path) == [
            "a.txt", "b.txt", "d.html", "e.csv#1", "e.csv#2", "e.csv#3", "h.txt", "new.txt", "sub/c.docx", "sub/g2.txt",
        ])
        for query in ["乡村振兴", "营商环境", "数字政府", "修订", "将被删除", "总体情况"] {
            #expect(try hits(query, in: index) == hits(query, in: clean), "\(query)")
        }
        #expect(try hits("将被删除", in: index).isEmpty)
        #expect(try hits("修订", in: index) == ["e.csv#1:1"])

        // Nothing changed: nothing is read, nothing is written.
        let third = try Indexer.index(folder: folder, into: index)
        #expect(third.filesRead == 0)
        #expect(third.unchanged == 8)
        #expect(!third.changedIndex)
        #expect(try IndexSnapshot(index) == rebuilt)
    }

    /// A name and its canonically equivalent form (é composed, or e and a combining accent, as
    /// macOS writes it) are two files on disk: a rename from one to the other is a file gone
    /// and a file added, for `baogao index` and `baogao check` alike, and the index keeps the
    /// name the disk has (Swift's String equality takes the two for one).
    @Test func aRenameToACanonicallyEquivalentNameIsSeen() throws {
        let root = try temporaryFolder("baogao-equivalent-names")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        let composed = "caf\u{E9}报告.txt", decomposed = "cafe\u{301}报告.txt"
        try write([composed: Data("乡村振兴稳步推进。\n".utf8), "b.txt": Data("营商环境持续优化。\n".utf8)], in: folder)
        _ = try Indexer.index(folder: folder, into: index)

        try FileManager.default.moveItem(atPath: folder.path + "/" + composed, toPath: folder.path + "/" + decomposed)
        let check = try IndexChecker.check(index)
        #expect(check.changes.map { [Array($0.path.utf8), Array($0.kind.rawValue.utf8)] }.sorted { $0.lexicographicallyPrecedes($1) { $0.lexicographicallyPrecedes($1) } }
                == [[Array(composed.utf8), Array("deleted".utf8)], [Array(decomposed.utf8), Array("new".utf8)]]
                    .sorted { $0.lexicographicallyPrecedes($1) { $0.lexicographicallyPrecedes($1) } })

        let second = try Indexer.index(folder: folder, into: index)
        #expect(second.added == 1 && second.removed == 1 && second.unchanged == 1)
        let hits = try Searcher(index: IndexDatabase.connect(index)).search(try SearchQuery(parsing: "乡村振兴"), limit: nil).hits
        #expect(hits.map { Array($0.path.utf8) } == [Array(decomposed.utf8)])
        #expect(try consistencyProblems(index) == [])
    }

    @Test func aFileThatBecomesUnreadableLeavesTheIndex() throws {
        let root = try temporaryFolder("baogao-incremental")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("index.sqlite")
        try write(["a.txt": Data("乡村振兴稳步推进。\n".utf8), "b.docx": try SampleReport.docxTyped.data()], in: folder)
        _ = try Indexer.index(folder: folder, into: index)
        #expect(try hits("乡村振兴", in: index).contains("b.docx:2"))

        // The .docx is overwritten by garbage: its old passages must not linger.
        try Data("PK\u{3}\u{4} broken".utf8).write(to: folder.appendingPathComponent("b.docx"))
        try setTime(folder.appendingPathComponent("b.docx"), 1_700_000_000)
        let second = try Indexer.index(folder: folder, into: index)
        #expect(second.removed == 1)
        #expect(second.skipped.map(\.path) == ["b.docx"])
        #expect(try hits("乡村振兴", in: index) == ["a.txt:1"])
        #expect(try consistencyProblems(index) == [])
    }

    @Test func progressIsReportedForEveryFileRead() throws {
        let root = try temporaryFolder("baogao-incremental")
        let folder = root.appendingPathComponent("reports")
        var files: [String: Data] = [:]
        for i in 0..<20 { files["r\(i).txt"] = Data("第\(i)篇报告。\n".utf8) }
        try write(files, in: folder)
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var seen: [IndexProgress] = []
        }
        let log = Log()
        var options = IndexOptions()
        options.progress = { p in log.lock.withLock { log.seen.append(p) } }
        _ = try Indexer.index(folder: folder, into: root.appendingPathComponent("i.sqlite"), options: options)
        let seen = log.seen
        #expect(seen.first?.filesDone == 0)
        #expect(seen.first?.filesTotal == 20)
        #expect(seen.filter { !$0.isFinished && $0.merge == nil }.map(\.filesDone) == Array(0...20))
        // A build: then its final merge, from nothing written to every page.
        let merge = seen.drop { $0.merge == nil }.dropLast()
        #expect(merge.count >= 2 && merge.allSatisfy { $0.merge != nil && $0.filesDone == 20 })
        #expect(merge.first?.merge?.pagesWritten == 0)
        #expect(merge.last.map { $0.merge?.pagesWritten == $0.merge?.pagesTotal } == true)
        #expect(seen.last?.isFinished == true)
        #expect(seen.last?.bytesDone == seen.last?.bytesTotal)
        #expect(Set(seen.compactMap(\.currentFile)).count == 20)
    }
}
