import Foundation
import Testing
@testable import BaogaoKit

/// `baogao index --only PATH` (``IndexOptions/only``): the paths named are compared with the
/// index, a file added, changed or deleted there gives the index a whole run would, and what
/// changed elsewhere waits for the next whole run, unscanned.
struct OnlyPathsTests {
    struct Folder {
        let root: URL
        let folder: URL
        let index: URL
        func file(_ path: String) -> URL { folder.appendingPathComponent(path) }

        func run(_ only: [String]?) throws -> IndexSummary {
            var options = IndexOptions()
            options.only = only
            return try Indexer.index(folder: folder, into: index, options: options)
        }
    }

    func folder() throws -> Folder {
        let root = try temporaryFolder("baogao-only")
        let f = Folder(root: root, folder: root.appendingPathComponent("reports"), index: root.appendingPathComponent("index.sqlite"))
        try write([
            "a.txt": Data("一、总体情况\n乡村振兴稳步推进。\n".utf8),
            "b.txt": Data("二、主要做法\n营商环境持续优化。\n".utf8),
            "sub/c.txt": Data("数字政府建设。\n".utf8),
            "sub/d.txt": Data("将被删除的报告：乡村振兴。\n".utf8),
            "e.doc": Data("旧格式".utf8),
        ], in: f.folder)
        _ = try f.run(nil)
        return f
    }

    func setTime(_ url: URL, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: url.path)
    }

    @Test func addedChangedAndDeletedFilesGiveWhatAWholeRunGives() throws {
        let f = try folder()
        try write(["new/n.txt": Data("新的报告：乡村振兴，数字政府。\n".utf8)], in: f.folder)
        try Data("一、总体情况\n乡村振兴全面推进（修订）。\n".utf8).write(to: f.file("a.txt"))
        try setTime(f.file("a.txt"), 1_700_000_000)
        try FileManager.default.removeItem(at: f.file("sub/d.txt"))

        let summary = try f.run(["new", f.file("a.txt").path, "sub/d.txt"])
        #expect(summary.added == 1 && summary.updated == 1 && summary.removed == 1)
        #expect(summary.unchanged == 0)
        #expect(summary.reports == 4)
        #expect(try consistencyProblems(f.index) == [])
        #expect(try IndexChecker.check(f.index).problems == [])

        let clean = f.root.appendingPathComponent("clean.sqlite")
        _ = try Indexer.index(folder: f.folder, into: clean)
        #expect(try IndexSnapshot(f.index) == IndexSnapshot(clean))
        for query in ["乡村振兴", "修订", "数字政府", "将被删除", "乡", "政府"] {
            #expect(try hits(query, in: f.index) == hits(query, in: clean), "\(query)")
            let q = try SearchQuery(parsing: query)
            #expect(try Searcher(index: IndexDatabase.open(at: f.index)).count(q)
                    == Searcher(index: IndexDatabase.open(at: clean)).count(q), "\(query)")
        }
        // The last whole run's skipped file is still on record.
        #expect(try IndexChecker.check(f.index).changes.isEmpty)
    }

    @Test func whatChangedElsewhereIsLeftForTheNextWholeRun() throws {
        let f = try folder()
        try Data("二、主要做法\n营商环境（改过）。\n".utf8).write(to: f.file("b.txt"))
        try setTime(f.file("b.txt"), 1_700_000_000)
        try write(["sub/x.txt": Data("另一个新报告。\n".utf8)], in: f.folder)

        let only = try f.run(["sub/x.txt"])
        #expect(only.added == 1 && only.updated == 0 && only.removed == 0)
        #expect(try hits("改过", in: f.index).isEmpty)
        #expect(try IndexChecker.check(f.index).changes.map(\.path) == ["b.txt"])

        let whole = try f.run(nil)
        #expect(whole.updated == 1 && whole.added == 0)
        #expect(try hits("改过", in: f.index) == ["b.txt:2"])
    }

    @Test func aPathNeitherOnDiskNorIndexedIsNamed() throws {
        let f = try folder()
        try FileManager.default.removeItem(at: f.file("sub/d.txt"))
        let summary = try f.run(["sub/typo.txt", "sub/d.txt"])
        #expect(summary.remarks == [SkippedFile(path: "sub/typo.txt", reason: "no such file or folder, and the index holds nothing there")])
        #expect(summary.removed == 1)
    }

    @Test func aPathNamedTwiceOrInsideAnotherIsReadOnce() throws {
        let f = try folder()
        try write(["sub/c.txt": Data("数字政府建设（新）。\n".utf8)], in: f.folder)
        try setTime(f.file("sub/c.txt"), 1_700_000_000)
        let summary = try f.run(["sub", "sub/c.txt", "./sub/c.txt", "sub/"])
        #expect(summary.updated == 1 && summary.filesRead == 1 && summary.skipped.isEmpty)
        #expect(try consistencyProblems(f.index) == [])
    }

    /// A folder's files are those whose paths start with its name and "/": names that sort
    /// next to them ("-" and "." before "/", "0" after it) are other files.
    @Test func aFoldersNeighboursInByteOrderAreNotInsideIt() throws {
        let f = try folder()
        try write(["sub-notes.txt": Data("旁边的报告。\n".utf8), "sub.txt": Data("同名文件。\n".utf8),
                   "sub0.txt": Data("零号文件。\n".utf8), "sub/0.txt": Data("里面的报告。\n".utf8)], in: f.folder)
        _ = try f.run(nil)
        for name in ["sub-notes.txt", "sub.txt", "sub0.txt"] { try FileManager.default.removeItem(at: f.file(name)) }
        try FileManager.default.removeItem(at: f.file("sub/0.txt"))

        let summary = try f.run(["sub"])
        #expect(summary.removed == 1 && summary.unchanged == 2)
        #expect(try IndexChecker.check(f.index).changes.map(\.path) == ["sub-notes.txt", "sub.txt", "sub0.txt"])
        #expect(try hits("里面", in: f.index).isEmpty)
        #expect(try hits("旁边", in: f.index) == ["sub-notes.txt:1"])
    }

    @Test(arguments: [("../elsewhere.txt", "is not inside"), ("/etc/passwd", "is not inside"), (".", "is the whole folder")])
    func aPathOutsideTheFolderIsRefused(_ path: String, message: String) throws {
        let f = try folder()
        let before = try IndexSnapshot(f.index)
        #expect { try f.run([path]) } throws: { ($0 as? BaogaoError)?.message.contains(message) == true }
        #expect(try IndexSnapshot(f.index) == before)
    }

    @Test func aNewIndexHoldsOnlyThePathsNamed() throws {
        let root = try temporaryFolder("baogao-only")
        try write(["a.txt": Data("乡村振兴。\n".utf8), "b.txt": Data("营商环境。\n".utf8)], in: root.appendingPathComponent("r"))
        var options = IndexOptions()
        options.only = ["a.txt"]
        let index = root.appendingPathComponent("i.sqlite")
        let summary = try Indexer.index(folder: root.appendingPathComponent("r"), into: index, options: options)
        #expect(summary.added == 1 && summary.reports == 1)
        #expect(try IndexChecker.check(index).problems == [])
        #expect(try IndexChecker.check(index).changes.map(\.path) == ["b.txt"])
    }

    @Test func theFolderDescriptionsMustBeUnchanged() throws {
        let f = try folder()
        try Data("path,unit\na.txt,县农业农村局\n".utf8).write(to: f.file("metadata.csv"))
        #expect { try f.run(["a.txt"]) } throws: { error in
            let message = (error as? BaogaoError)?.message ?? ""
            return message.contains("metadata.csv") && message.contains("without --only")
        }
        _ = try f.run(nil)
        // With metadata.csv unchanged, a report it names takes its unit when read through --only.
        try Data("一、总体情况\n乡村振兴（再改）。\n".utf8).write(to: f.file("a.txt"))
        try setTime(f.file("a.txt"), 1_700_000_500)
        _ = try f.run(["a.txt"])
        #expect(try IndexSnapshot(f.index).report("a.txt")?.unit == "县农业农村局")
    }
}

extension OnlyPathsTests {
    @Test func aRebuildCannotBePartial() throws {
        let f = try folder()
        var options = IndexOptions(rebuild: true)
        options.only = ["a.txt"]
        #expect { try Indexer.index(folder: f.folder, into: f.index, options: options) } throws: {
            ($0 as? BaogaoError)?.message.contains("must be built again") == true
        }
        #expect(try IndexSnapshot(f.index).reports.count == 4)
    }
}
