import Foundation
import Testing

/// What is missing and how to fix it, as a user does it: the index summary's counts,
/// `reports --missing`, `reports --csv` corrected and put back as metadata.csv, `units --names`.
struct MetadataCommandsTests {
    static let files = [
        "市发改委2023年工作总结.txt": "市发改委2023年工作总结\n一、主要工作\n推进乡村振兴。\n",
        "归档/会议记录.txt": "会议记录\n今天开会，讨论乡村振兴。\n",
        "历年/2019/政府工作报告.txt": "政府工作报告\n国务院总理 李克强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、工作回顾\n",
        "关于乡村振兴的思考.txt": "关于乡村振兴的思考\n一、现状\n乡村振兴要靠产业。\n市农业农村局\n",
        "县教育局_2021_总结,上半年.txt": "县教育局2021年总结\n一、主要工作\n办好教育。\n",
    ]

    func reports(_ root: URL, _ index: String) throws -> [String: [String: Any]] {
        let result = try CLIRunner.run(["reports", "--index", index, "--json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        var byPath: [String: [String: Any]] = [:]
        for line in result.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            byPath[(object["path"] as! String).components(separatedBy: "reports/").last!] = object
        }
        return byPath
    }

    @Test func missingFieldsAreCountedListedExportedAndFixedByRoundTrip() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, text) in Self.files { try write(text, to: root.appendingPathComponent("reports/\(name)")) }
        let index = root.appendingPathComponent("r.sqlite").path

        let indexed = try CLIRunner.run(["index", "reports", "--index", index], in: root)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains("without a unit 1, without a year 2 (`baogao reports --missing` lists them)"), "\(indexed.stdout)")

        let missing = try CLIRunner.run(["reports", "--missing", "--index", index], in: root)
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(missing.stdout.contains("2 reports"))
        #expect(missing.stdout.contains("会议记录.txt"))
        #expect(missing.stdout.contains("unit: missing · year: missing · title: file-name"))
        #expect(missing.stdout.contains("unit: text · year: missing · title: file-name"))
        #expect(!missing.stdout.contains("政府工作报告.txt"))

        // The export: UTF-8 with a BOM, a header, one row per report, quoted where needed.
        let exported = try CLIRunner.run(["reports", "--csv", "--index", index], in: root)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(Array(exported.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = exported.stdout.dropFirst().split(separator: "\r\n").map(String.init)
        #expect(lines.first == "path,unit,year,title")
        #expect(lines.count == 6)
        #expect(lines.contains("\"县教育局_2021_总结,上半年.txt\",县教育局,2021,\"总结,上半年\""))
        #expect(lines.contains("历年/2019/政府工作报告.txt,国务院,2019,政府工作报告"))
        let onlyMissing = try CLIRunner.run(["reports", "--missing", "--csv", "--index", index], in: root)
        #expect(onlyMissing.stdout.split(separator: "\r\n").count == 3)

        // Unchanged and put back: every report keeps its metadata, now from metadata.csv.
        let before = try reports(root, index)
        try Data(exported.stdout.utf8).write(to: root.appendingPathComponent("reports/metadata.csv"))
        let again = try CLIRunner.run(["index", "reports", "--index", index], in: root)
        #expect(again.stdout.contains("read every report again: metadata.csv appeared"), "\(again.stdout)")
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        let after = try reports(root, index)
        #expect(after.count == 5)
        for (path, report) in before {
            for key in ["unit", "year", "title"] {
                #expect("\(report[key] ?? "nil")" == "\(after[path]?[key] ?? "nil")", "\(path) \(key)")
            }
            let sources = try #require(after[path]?["sources"] as? [String: Any])
            if report["unit"] is String { #expect(sources["unit"] as? String == "metadata.csv", "\(path)") }
        }

        // Corrected in a spreadsheet and put back: the missing fields are filled.
        let corrected = exported.stdout
            .replacingOccurrences(of: "归档/会议记录.txt,,,会议记录", with: "归档/会议记录.txt,市XX办,2020,会议记录")
            .replacingOccurrences(of: "关于乡村振兴的思考.txt,市农业农村局,,", with: "关于乡村振兴的思考.txt,市农业农村局,2022,")
        #expect(corrected != exported.stdout)
        try Data(corrected.utf8).write(to: root.appendingPathComponent("reports/metadata.csv"))
        let fixed = try CLIRunner.run(["index", "reports", "--index", index], in: root)
        #expect(fixed.stdout.contains("without a unit 0, without a year 0"), "\(fixed.stdout)")
        #expect(try reports(root, index)["归档/会议记录.txt"]?["unit"] as? String == "市XX办")
        let none = try CLIRunner.run(["reports", "--missing", "--index", index], in: root)
        #expect(none.status == 0)
        #expect(none.stdout.contains("0 reports"))
    }

    @Test func unitsNamesListsTheNamesMergedIntoEachUnit() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, text) in Self.files { try write(text, to: root.appendingPathComponent("reports/\(name)")) }
        try write("市发展和改革委员会2024年工作总结\n一、主要工作\n", to: root.appendingPathComponent("reports/市发展和改革委员会/2024/总结.txt"))
        let index = root.appendingPathComponent("r.sqlite").path
        #expect(try CLIRunner.run(["index", "reports", "--index", index], in: root).status == 0)

        let names = try CLIRunner.run(["units", "--names", "--index", index], in: root)
        #expect(names.status == 0, "\(names.stderr)")
        #expect(names.stdout.contains("市发展和改革委员会  2 reports\n"), "\(names.stdout)")
        #expect(names.stdout.contains("    市发改委  1 → 市发展和改革委员会\n"))
        #expect(names.stdout.contains("    市发展和改革委员会  1\n"))
        #expect(try CLIRunner.run(["units", "--names", "乡村振兴", "--index", index], in: root).status != 0)

        // units.csv renames a unit everywhere: `units` and the filters follow.
        try write("alias,unit\n市发展和改革委员会,市发展改革委\n", to: root.appendingPathComponent("reports/units.csv"))
        let renamed = try CLIRunner.run(["index", "reports", "--index", index], in: root)
        #expect(renamed.stdout.contains("derived metadata again from the index (units.csv appeared): 2 reports changed"), "\(renamed.stdout)")
        let filtered = try CLIRunner.run(["reports", "unit:市发展改革委", "--index", index], in: root)
        #expect(filtered.stdout.contains("2 reports"), "\(filtered.stdout)\(filtered.stderr)")
    }
}
