import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `baogao check` finds damage put there on purpose, `baogao index --rebuild` repairs it, and
/// an index of another version is rebuilt with a message, never read.
@Suite(.serialized)
struct CheckCommandTests {
    struct Fixture {
        var root: URL
        var folder: URL
        var index: URL
        var clean: IndexDump

        init(_ name: String) throws {
            root = try temporaryFolder(name)
            folder = root.appendingPathComponent("reports")
            index = root.appendingPathComponent("index.sqlite")
            try GeneratedReports(count: 12, seed: 3, paragraphs: 24).materialize(version: 1, in: folder)
            let build = try CLIRunner.run(["index", folder.path, "--index", index.path], in: root)
            #expect(build.status == 0, "\(build.stderr)")
            clean = try IndexDump(index)
        }

        func run(_ arguments: [String]) throws -> CLIRunner.Output {
            try CLIRunner.run(arguments + ["--index", index.path], in: root)
        }

        /// Runs SQL on the index with the tokenizer registered, as the damage a bug could do.
        func damage(_ sql: String) throws {
            let database = try IndexDatabase.connect(index)
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: sql)
            }
        }

        /// check finds `problem`, --rebuild repairs it, and check passes again.
        func expectFoundAndRepaired(_ problem: String) throws {
            let check = try run(["check"])
            #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("PROBLEM  \(problem)"), "\(check.stdout)")
            #expect(check.stdout.contains("run `baogao index --rebuild --index"), "\(check.stdout)")
            #expect(!check.stdout.contains("SQLITE_"), "\(check.stdout)")
            let rebuild = try run(["index", folder.path, "--rebuild"])
            #expect(rebuild.status == 0, "\(rebuild.stderr)")
            let again = try run(["check"])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(try IndexDump(index) == clean)
        }
    }

    @Test func aSoundIndexPassesWithEveryCheckNamed() throws {
        let f = try Fixture("baogao-check")
        let check = try f.run(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        for line in ["ok       SQLite integrity", "ok       versions (schema \(IndexSchema.schemaVersion), tokenizer \(IndexSchema.tokenizerVersion))",
                     "ok       full-text index", "ok       passages, sections and reports",
                     "ok       files on disk match the index", "the index is sound"] {
            #expect(check.stdout.contains(line), "\(line) in \(check.stdout)")
        }
    }

    @Test func aMissingFTSRowIsFoundAndRepaired() throws {
        let f = try Fixture("baogao-check-fts")
        try f.damage("""
            INSERT INTO passages_fts(passages_fts, rowid, text)
            SELECT 'delete', id, text FROM passages WHERE id = (SELECT min(id) FROM passages)
            """)
        try f.expectFoundAndRepaired("full-text index: the full-text index does not match the passages")
    }

    @Test func aDeletedPassageIsFoundAndRepaired() throws {
        let f = try Fixture("baogao-check-passage")
        try f.damage("DELETE FROM passages WHERE id = (SELECT max(id) FROM passages)")
        try f.expectFoundAndRepaired("passages, sections and reports: 1 report(s) have a passage count that differs")
    }

    @Test func truncatedCharacterBitmapsAreFoundAndRepaired() throws {
        let f = try Fixture("baogao-check-chars")
        try f.damage("UPDATE report_chars SET bits = zeroblob(1) WHERE report_id = (SELECT min(id) FROM reports)")
        try f.expectFoundAndRepaired("passages, sections and reports: 1 report(s) have character bitmaps that do not cover their passages")
    }

    @Test func orphanedPassagesAndSectionsAreFoundAndRepaired() throws {
        let f = try Fixture("baogao-check-orphans")
        try f.damage("DELETE FROM reports WHERE id = (SELECT min(id) FROM reports)")
        let check = try f.run(["check"])
        #expect(check.stdout.contains("section(s) belong to no report"), "\(check.stdout)")
        try f.expectFoundAndRepaired("passages, sections and reports: ")
    }

    @Test func aSectionUnderAnotherReportsParentIsFound() throws {
        let f = try Fixture("baogao-check-parent")
        try f.damage("""
            UPDATE sections SET parent_id = (SELECT min(id) FROM sections)
            WHERE id = (SELECT max(id) FROM sections)
            """)
        try f.expectFoundAndRepaired("passages, sections and reports: 1 section(s) have a parent missing, later or in another report")
    }

    @Test func aSectionTrailThatLiesIsFoundAndRepaired() throws {
        let f = try Fixture("baogao-check-trail")
        try f.damage("UPDATE sections SET trail = trail || '（五）' WHERE id = (SELECT max(id) FROM sections WHERE parent_id IS NOT NULL)")
        try f.expectFoundAndRepaired("passages, sections and reports: 1 section(s) have a trail that is not their parent's and their heading")
    }

    @Test func damagedPagesAreFoundAndRepaired() throws {
        let f = try Fixture("baogao-check-pages")
        // Scribble over a page in use: the root page of the passages table.
        let (page, pageSize) = try IndexDatabase.connect(f.index).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'passages'") ?? 0,
             try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        }
        #expect(page > 1)
        let handle = try FileHandle(forUpdating: f.index)
        try handle.seek(toOffset: UInt64((page - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
        try handle.close()
        let check = try f.run(["check"])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("PROBLEM  "), "\(check.stdout)")
        #expect(check.stdout.contains("damaged") || check.stdout.contains("does not match"), "\(check.stdout)")
        let rebuild = try f.run(["index", f.folder.path, "--rebuild"])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(try f.run(["check"]).status == 0)
        #expect(try IndexDump(f.index) == f.clean)
    }

    @Test func filesChangedOnDiskAreListedButAreNoDamage() throws {
        let f = try Fixture("baogao-check-changes")
        let names = try FileManager.default.contentsOfDirectory(atPath: f.folder.path).sorted()
        try Data("一、总体情况\n改过的内容。\n".utf8).write(to: f.folder.appendingPathComponent(names[0]))
        try FileManager.default.removeItem(at: f.folder.appendingPathComponent(names[1]))
        try write("新的报告。\n", to: f.folder.appendingPathComponent("新报告.txt"))
        // Touched with the same bytes: not a change.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: f.folder.appendingPathComponent(names[2]).path)
        // Skipped when indexed, and still there: not a change either.
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]).write(to: f.folder.appendingPathComponent("image.txt"))
        _ = try f.run(["index", f.folder.path])
        try Data("一、总体情况\n再次改过。\n".utf8).write(to: f.folder.appendingPathComponent(names[3]))

        let check = try f.run(["check"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("1 file changed since indexing"), "\(check.stdout)")
        #expect(check.stdout.contains("changed  \(names[3])"), "\(check.stdout)")
        #expect(!check.stdout.contains("image.txt"), "\(check.stdout)")

        try FileManager.default.removeItem(at: f.folder.appendingPathComponent(names[4]))
        try write("又一个新的报告。\n", to: f.folder.appendingPathComponent("另一个.txt"))
        let more = try f.run(["check", "--hashes"])
        #expect(more.status == 0)
        for line in ["3 files changed", "changed  \(names[3])", "deleted  \(names[4])", "new      另一个.txt"] {
            #expect(more.stdout.contains(line), "\(line) in \(more.stdout)")
        }
    }

    @Test func checkSaysWhenItCannotCheck() throws {
        let root = try temporaryFolder("baogao-check-cannot")
        let missing = try CLIRunner.run(["check", "--index", root.appendingPathComponent("none.sqlite").path], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no index at"), "\(missing.stderr)")
        try write("not a database, just text\n", to: root.appendingPathComponent("notes.sqlite"))
        let foreign = try CLIRunner.run(["check", "--index", root.appendingPathComponent("notes.sqlite").path], in: root)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("notes.sqlite is not a Baogao index"), "\(foreign.stderr)")
        // Refused by --rebuild too: it is not ours to overwrite.
        let rebuild = try CLIRunner.run(["index", root.path, "--index", root.appendingPathComponent("notes.sqlite").path, "--rebuild"], in: root)
        #expect(rebuild.status == 2)
        #expect(try String(contentsOf: root.appendingPathComponent("notes.sqlite"), encoding: .utf8) == "not a database, just text\n")
    }

    @Test(arguments: [("tokenizer_version", "bigram-0.fold-0", "tokenizer bigram-0.fold-0"),
                      ("schema_version", "1", "schema version 1")])
    func anIndexOfAnotherVersionIsRebuiltNeverRead(key: String, value: String, why: String) throws {
        let f = try Fixture("baogao-version")
        try f.damage("UPDATE meta SET value = '\(value)' WHERE key = '\(key)'")

        let search = try f.run(["search", "乡村振兴"])
        #expect(search.status == 2)
        #expect(search.stdout.isEmpty)
        #expect(search.stderr.contains("was built by another version of Baogao (\(why)"), "\(search.stderr)")
        #expect(search.stderr.contains("baogao index --rebuild"))
        let check = try f.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("PROBLEM  versions: built by another version of Baogao (\(why)"), "\(check.stdout)")

        let index = try f.run(["index", f.folder.path])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("rebuilt the index (\(why), expected"), "\(index.stdout)")
        #expect(try f.run(["check"]).status == 0)
        #expect(try IndexDump(f.index) == f.clean)
    }

    /// An index made before the headings' index is read as it is (section: filters read every
    /// heading), given it by the next `baogao index`, which says so once.
    @Test func anIndexWithoutItsHeadingsIndexIsGivenItByTheNextRun() throws {
        let f = try Fixture("baogao-headings")
        let before = try f.run(["search", "-c", "工作 section:一"])
        #expect(before.status == 0 && !before.stdout.isEmpty, "\(before.stderr)")
        try f.damage("DROP TABLE headings_fts; DROP TRIGGER sections_ad")
        let without = try f.run(["search", "-c", "工作 section:一"])
        #expect(without.status == before.status && without.stdout == before.stdout, "\(without.stdout) \(without.stderr)")
        let index = try f.run(["index", f.folder.path])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("added the index of section headings"), "\(index.stdout)")
        #expect(!(try f.run(["index", f.folder.path]).stdout.contains("section headings")))
        #expect(try f.run(["check"]).status == 0)
        #expect(try f.run(["search", "-c", "工作 section:一"]).stdout == before.stdout)
    }
}
