import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// Units and years measured on a labelled set of reports under everyday names (see
/// ``LabelledReports``), indexed as a user would: the share right must stay ≥ 95% each.
struct LabelledMetadataTests {
    @Test func unitsAndYearsAreRightOnEverydayNames() throws {
        let labelled = try LabelledReports()
        let root = try temporaryFolder("baogao-labelled")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        try write(labelled.files, in: folder)
        let url = root.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let snapshot = try IndexSnapshot(url)

        var unitsRight = 0, yearsRight = 0
        var wrong: [String] = []
        for truth in labelled.truth {
            let report = try #require(snapshot.report(truth.path), "\(truth.path) indexed")
            if report.unit == truth.unit { unitsRight += 1 } else { wrong.append("\(truth.path): unit \(report.unit ?? "nil") ≠ \(truth.unit)") }
            if report.year == truth.year { yearsRight += 1 } else { wrong.append("\(truth.path): year \(report.year.map(String.init) ?? "nil") ≠ \(truth.year)") }
        }
        let n = Double(labelled.truth.count)
        let units = Double(unitsRight) / n, years = Double(yearsRight) / n
        print(String(format: "labelled set: %d reports, units right %.1f%%, years right %.1f%%",
                     labelled.truth.count, units * 100, years * 100))
        for line in wrong { print("  " + line) }
        #expect(labelled.truth.count >= 150)
        #expect(units >= 0.95, "units right: \(units)")
        #expect(years >= 0.95, "years right: \(years)")
    }

    /// One unit, one name: the same body under three names in three files is one unit.
    @Test func oneBodyUnderSeveralNamesIsOneUnit() throws {
        let root = try temporaryFolder("baogao-one-name")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("reports")
        let report = "政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n一、工作回顾\n乡村振兴扎实推进。\n"
        try write([
            "北京市政府_2024_政府工作报告.txt": Data(report.utf8),
            "2025年北京市人民政府工作报告.txt": Data(report.utf8),
            "北京/2023/政府工作报告.txt": Data(report.utf8),
            "湖南省政府2024年工作报告.txt": Data(report.utf8),
            "四川省人民政府/2024/政府工作报告.txt": Data(report.utf8),
        ], in: folder)
        let url = root.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        let units = try ReportCatalog(index: try IndexDatabase.open(at: url)).unitNames()
        #expect(units.count == 3)
        #expect(Set(units.map(\.unit)) == ["北京市人民政府", "四川省人民政府", "湖南省人民政府"])
        #expect(units[0].unit == "北京市人民政府")
        #expect(units[0].reports == 3)
        #expect(Set(units[0].names.map(\.name)) == ["北京市政府", "北京市人民政府", "北京"])
        let rows = try Aggregator(index: try IndexDatabase.open(at: url)).aggregate(try SearchQuery(parsing: "乡村振兴"), by: .unit).rows
        #expect(rows.count == 3)
        #expect(rows.first?.unit == "北京市人民政府")
        #expect(rows.first?.reports == 3)
    }
}
