import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Every report's unit and year, kept by a process between queries: `units` answers from it
/// only while the index's reports and their metadata are those it was read from.
struct UnitsAndYearsTests {
    static func report(_ title: String, _ line: String) -> Data {
        Data("\(title)\n一、主要工作\n\(line)\n".utf8)
    }

    /// `units` as a server answers it: from the kept table (every report scanned the first time).
    static func units(_ text: String, _ index: IndexDatabase, kept: Bool = true) throws -> Aggregation {
        try Aggregator(index: index, rankedAtMost: Aggregator.rankedAtMost, readByIDAtMost: 0, keptUnitsAndYears: kept)
            .aggregate(try SearchQuery(parsing: text), by: .unit)
    }

    @Test func keptUntilTheReportsOrTheirMetadataChange() throws {
        let root = try temporaryFolder("baogao-units-kept")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        try write([
            "市发改委2023年工作总结.txt": Self.report("市发改委2023年工作总结", "推进乡村振兴，完成投资500万元。"),
            "县教育局2022年工作总结.txt": Self.report("县教育局2022年工作总结", "教育助力乡村振兴。"),
        ], in: folder)
        let url = root.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let index = try IndexDatabase.open(at: url)

        let first = try Self.units("乡村振兴", index)
        #expect(Set(first.rows.compactMap(\.unit)) == ["市发展和改革委员会", "县教育局"])
        let table = try index.read { db in
            try UnitsAndYears.shared(db, ranges: try #require(try ReportRanges.load(db, shared: true)), reading: false)
        }
        let kept = try #require(table, "the scan is kept")
        #expect(Set(kept.units) == ["市发展和改革委员会", "县教育局"])
        #expect(Set(kept.yearOfRange) == [2022, 2023])

        // units.csv renames a unit: the reports' metadata change, the files do not.
        try Data("alias,unit\n市发改委,市发展改革委\n".utf8).write(to: folder.appendingPathComponent("units.csv"))
        let renamed = try Indexer.index(folder: folder, into: url)
        #expect(renamed.rederived == 1)
        #expect(renamed.filesRead == 0)
        let second = try Self.units("乡村振兴", index)
        #expect(Set(second.rows.compactMap(\.unit)) == ["市发展改革委", "县教育局"])
        #expect(second == (try Self.units("乡村振兴", index, kept: false)))

        // A report added: counted under its unit.
        try write(["市农业农村局2024年工作总结.txt": Self.report("市农业农村局2024年工作总结", "全面推进乡村振兴。")], in: folder)
        #expect(try Indexer.index(folder: folder, into: url).added == 1)
        let third = try Self.units("乡村振兴", index)
        #expect(Set(third.rows.compactMap(\.unit)) == ["市发展改革委", "县教育局", "市农业农村局"])
        #expect(third.totalReports == 3)
        #expect(third == (try Self.units("乡村振兴", index, kept: false)))
    }
}
