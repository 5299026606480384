import Testing
@testable import BaogaoKit

/// The examples that opened the work on units and years: each must stay right.
struct MetadataRegressionTests {
    private func infer(_ path: String, _ text: String = "") -> ReportMetadata {
        MetadataInference.infer(path: path, structure: StructureParser.parse(text))
    }

    @Test(arguments: [("1955年中华人民共和国国务院政府工作报告.txt", 1955), ("2019年中华人民共和国国务院政府工作报告.txt", 2019)])
    func nationalReportNamedInFull(_ path: String, _ year: Int) {
        let meta = infer(path)
        #expect(meta.unit == "国务院")
        #expect(meta.year == year)
        #expect(meta.title == "政府工作报告")
    }

    @Test func provincialGovernmentBeforeTheYear() {
        let meta = infer("广东省人民政府2026年政府工作报告.txt")
        #expect(meta.unit == "广东省人民政府")
        #expect(meta.year == 2026)
        #expect(meta.title == "政府工作报告")
    }

    @Test(arguments: [("政府工作报告2005.txt", 2005), ("两会文件/1980年政府工作报告.txt", 1980), ("历年/2012/政府工作报告.txt", 2012)])
    func unitFromTheTextWhenTheNameHasNone(_ path: String, _ year: Int) {
        let text = "政府工作报告\n国务院总理 温家宝\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、过去一年的工作\n"
        let meta = infer(path, text)
        #expect(meta.unit == "国务院")
        #expect(meta.unitSource == .text)
        #expect(meta.year == year)
        // Only 我代表国务院, no speaker line.
        #expect(infer(path, "政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告政府工作。\n").unit == "国务院")
    }

    @Test(arguments: [("北京市政府", "北京市人民政府"), ("四川省人民政府", "四川省人民政府"), ("湖南省政府", "湖南省人民政府")])
    func oneGovernmentOneNameFromTitleLines(_ named: String, _ unit: String) {
        let text = "2024年\(named)工作报告\n各位代表：\n过去一年，\(named)坚持稳中求进。\n一、工作回顾\n"
        #expect(infer("报告.txt", text).unit == unit)
        #expect(infer("\(named)_2023_政府工作报告.txt").unit == unit)
    }
}
