import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// When the metadata rules or units.csv change, the next index run derives every report's
/// metadata again from the index, without reading a file.
struct MetadataRefreshTests {
    @Test func newRulesAndUnitsCSVDeriveAgainWithoutReadingFiles() throws {
        let root = try temporaryFolder("baogao-refresh")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        try write([
            "市发改委2023年工作总结.txt": Data("市发改委2023年工作总结\n一、主要工作\n全年完成任务。\n".utf8),
            "归档/工作总结.txt": Data("工作总结\n今年以来，我局扎实推进各项工作。\n一、主要工作\n全年完成任务。\nXX县农业农村局\n2021年12月30日\n".utf8),
            "laws.csv": Data("title,province,full_text\n条例甲,河南省,第一条 甲。\n".utf8),
        ], in: folder)
        let url = root.appendingPathComponent("i.sqlite")
        let first = try Indexer.index(folder: folder, into: url)
        #expect(first.rederivedBecause == nil, "a new index derives nothing again")
        let built = try IndexSnapshot(url)
        #expect(built.report("市发改委2023年工作总结.txt")?.unit == "市发展和改革委员会")

        // An index derived by older rules: its metadata is derived again, no file is read.
        let index = try IndexDatabase.open(at: url)
        try index.write { db in
            try IndexSchema.setMeta(db, "metadata_rules", "1")
            try db.execute(sql: "UPDATE reports SET unit = '旧名', year = 1999 WHERE path = '归档/工作总结.txt'")
            try db.execute(sql: "UPDATE reports SET unit = '旧省' WHERE path = 'laws.csv#1'")
        }
        let second = try Indexer.index(folder: folder, into: url)
        #expect(second.rederivedBecause == "the metadata rules changed")
        #expect(second.filesRead == 0)
        #expect(second.rederived == 2)
        let refreshed = try IndexSnapshot(url)
        #expect(refreshed.report("归档/工作总结.txt") == built.report("归档/工作总结.txt"))
        #expect(refreshed.report("laws.csv#1")?.unit == "河南省", "a column's unit is kept as the column gave it")
        #expect(refreshed.passages == built.passages)

        // units.csv appears: units named again; removed: the built-in names are back.
        try Data("alias,unit\n市发改委,市发展改革委\nXX县农业农村局,XX县农业农村局（乡村振兴局）\n".utf8)
            .write(to: folder.appendingPathComponent("units.csv"))
        let third = try Indexer.index(folder: folder, into: url)
        #expect(third.rederivedBecause == "units.csv appeared")
        #expect(third.filesRead == 0)
        let aliased = try IndexSnapshot(url)
        #expect(aliased.report("市发改委2023年工作总结.txt")?.unit == "市发展改革委")
        #expect(aliased.report("归档/工作总结.txt")?.unit == "XX县农业农村局（乡村振兴局）")
        #expect(aliased.files == built.files, "units.csv is not a report")
        #expect(try Indexer.index(folder: folder, into: url).rederivedBecause == nil, "unchanged: nothing again")

        try FileManager.default.removeItem(at: folder.appendingPathComponent("units.csv"))
        let fourth = try Indexer.index(folder: folder, into: url)
        #expect(fourth.rederivedBecause == "units.csv was removed")
        #expect(try IndexSnapshot(url).reports == built.reports)
        #expect(try consistencyProblems(url).isEmpty)
    }

    @Test func summaryCountsReportsWithoutUnitOrYear() throws {
        let root = try temporaryFolder("baogao-missing")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        try write([
            "县教育局_2022_工作总结.txt": Data("县教育局2022年工作总结\n一、主要工作\n".utf8),
            "会议记录.txt": Data("会议记录\n今天开会。\n".utf8),
            "2021年心得.txt": Data("心得体会\n学习了文件。\n".utf8),
        ], in: folder)
        let summary = try Indexer.index(folder: folder, into: root.appendingPathComponent("i.sqlite"))
        #expect(summary.withoutUnit == 2)
        #expect(summary.withoutYear == 1)
    }
}
