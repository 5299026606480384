import Foundation
import Testing
@testable import BaogaoKit

/// metadata.csv: read in the encodings Excel writes, matched to files, applied over inference,
/// and applied again when it changes.
struct MetadataFileTests {
    static let csv = """
        path,unit,year,title
        sub\\a.txt,市XX办公室,2021,"机关党建工作总结,修订稿"
        b.txt,,2019年,
        c.txt,县教育局,,
        laws.csv#2,河北省人大常委会,,
        missing.txt,某单位,,
        dup.txt,某单位,,
        e.txt,某单位,20x1,
        """

    @Test(arguments: ["utf8", "utf8bom", "gbk"])
    func readsWhatExcelWrites(_ encoding: String) throws {
        let data: Data
        switch encoding {
        case "utf8": data = Data(Self.csv.utf8)
        case "utf8bom": data = TestEncodings.utf8WithBOM(Self.csv)
        default: data = TestEncodings.gb18030(Self.csv.replacingOccurrences(of: "\n", with: "\r\n"))
        }
        let file = try MetadataFile.parse(data)
        let resolved = file.resolve(against: ["sub/a.txt", "x/b.txt", "c.txt", "laws.csv", "1/dup.txt", "2/dup.txt", "e.txt"])
        #expect(resolved.entries["sub/a.txt"] == MetadataFile.Entry(unit: "市XX办公室", year: 2021, title: "机关党建工作总结,修订稿"))
        #expect(resolved.entries["x/b.txt"] == MetadataFile.Entry(unit: nil, year: 2019, title: nil))
        #expect(resolved.entries["c.txt"]?.unit == "县教育局")
        #expect(resolved.entries["laws.csv#2"]?.unit == "河北省人大常委会")
        #expect(resolved.problems == [
            "row 8: year “20x1” is not a year",
            "row 6: no file “missing.txt”",
            "row 7: “dup.txt” names 2 files; give its path",
        ])
    }

    @Test func chineseHeadersAndAMissingPathColumn() throws {
        let file = try MetadataFile.parse(Data("路径,单位,年份,标题\na.txt,县教育局,2022,总结\n".utf8))
        #expect(file.resolve(against: ["a.txt"]).entries["a.txt"]?.title == "总结")
        #expect(throws: BaogaoError.self) { try MetadataFile.parse(Data("unit,year\nx,2020\n".utf8)) }
    }

    @Test func itWinsOverInferenceAndIsAppliedAgainWhenItChanges() throws {
        let root = try temporaryFolder("baogao-metadata")
        let folder = root.appendingPathComponent("reports")
        let index = root.appendingPathComponent("i.sqlite")
        try write([
            "市XX办_2021_机关党建工作总结.txt": Data("市XX办2021年度机关党建工作总结\n一、总体情况\n全年工作稳步推进。\n".utf8),
            "laws.csv": Data("title,province,full_text\n条例甲,河南省,第一条 甲。\n条例乙,河北省,第一条 乙。\n".utf8),
        ], in: folder)
        _ = try Indexer.index(folder: folder, into: index)
        let inferred = try IndexSnapshot(index)
        #expect(inferred.reports.count == 3, "metadata.csv is not indexed, the collection is")

        // GBK, with quotes, as Excel on Windows saves it; a bare file name; a collection row.
        let csv = "path,unit,year,title\r\n市XX办_2021_机关党建工作总结.txt,市XX办公室,2020,\"总结,修订稿\"\r\nlaws.csv#2,河北省人大,,\r\n"
        try TestEncodings.gb18030(csv).write(to: folder.appendingPathComponent("metadata.csv"))
        let second = try Indexer.index(folder: folder, into: index)
        #expect(second.rereadBecause == "metadata.csv appeared")
        let applied = try IndexSnapshot(index)
        let report = try #require(applied.report("市XX办_2021_机关党建工作总结.txt"))
        #expect(report.unit == "市XX办公室")
        #expect(report.year == 2020)
        #expect(report.title == "总结,修订稿")
        #expect([report.unitSource, report.yearSource, report.titleSource] == ["metadata.csv", "metadata.csv", "metadata.csv"])
        #expect(applied.report("laws.csv#2")?.unit == "河北省人大")
        #expect(applied.report("laws.csv#2")?.title == "条例乙", "fields left empty keep their value")
        #expect(applied.report("laws.csv#1") == inferred.report("laws.csv#1"))
        #expect(applied.files == ["laws.csv", "市XX办_2021_机关党建工作总结.txt"])

        // An unchanged metadata.csv reads nothing again.
        let third = try Indexer.index(folder: folder, into: index)
        #expect(third.filesRead == 0)
        #expect(third.rereadBecause == nil)

        // Changed: applied again. Removed: inference is back.
        try Data("path,unit\n市XX办_2021_机关党建工作总结.txt,市XX办机关党委\n".utf8)
            .write(to: folder.appendingPathComponent("metadata.csv"))
        let fourth = try Indexer.index(folder: folder, into: index)
        #expect(fourth.rereadBecause == "metadata.csv changed")
        let changed = try IndexSnapshot(index)
        #expect(changed.report("市XX办_2021_机关党建工作总结.txt")?.unit == "市XX办机关党委")
        #expect(changed.report("市XX办_2021_机关党建工作总结.txt")?.year
                == inferred.report("市XX办_2021_机关党建工作总结.txt")?.year)
        #expect(changed.report("laws.csv#2") == inferred.report("laws.csv#2"))

        try FileManager.default.removeItem(at: folder.appendingPathComponent("metadata.csv"))
        let fifth = try Indexer.index(folder: folder, into: index)
        #expect(fifth.rereadBecause == "metadata.csv was removed")
        #expect(try IndexSnapshot(index) == inferred)
        #expect(try consistencyProblems(index) == [])
    }

    @Test func problemsInMetadataCSVReachTheSummary() throws {
        let root = try temporaryFolder("baogao-metadata")
        let folder = root.appendingPathComponent("reports")
        try write([
            "a.txt": Data("正文。\n".utf8),
            "metadata.csv": Data("path,unit\nnot-there.txt,甲\n".utf8),
        ], in: folder)
        let summary = try Indexer.index(folder: folder, into: root.appendingPathComponent("i.sqlite"))
        #expect(summary.remarks == [SkippedFile(path: "metadata.csv", reason: "row 2: no file “not-there.txt”")])

        try Data("unit,year\n甲,2020\n".utf8).write(to: folder.appendingPathComponent("metadata.csv"))
        let broken = try Indexer.index(folder: folder, into: root.appendingPathComponent("i.sqlite"))
        #expect(broken.skipped.first { $0.path == "metadata.csv" }?.reason.contains("no path column") == true)
        #expect(broken.reports == 1)
    }
}
