import BaogaoKit
import BaogaoTestSupport
import Foundation

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The repository's sample corpus plus one long generated report, copied into a temporary
/// folder and indexed once for the run: enough hits and a long enough section to pass the
/// answer budget.
struct MCPFixture: Sendable {
    let root: URL
    let folder: URL
    let indexURL: URL
    let index: IndexDatabase

    /// The generated report's path, and its long section's heading and first line.
    static let longReport = "县乡村振兴局_2024_乡村振兴专项报告.txt"
    static let longSectionHeading = "（一）产业帮扶"
    static let longSectionLines = 120

    static let shared: Result<MCPFixture, any Error> = Result { try MCPFixture() }
    static func get() throws -> MCPFixture { try shared.get() }

    private init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        root = TestFolders.root.appendingPathComponent("baogao-mcp-\(UUID().uuidString)")
        folder = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("corpus"), to: folder)
        try Data(Self.longText.utf8).write(to: folder.appendingPathComponent(Self.longReport))
        indexURL = root.appendingPathComponent("reports.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        index = try IndexDatabase.open(at: indexURL)
    }

    /// A report whose first section holds 120 long (about 230 characters), distinct paragraphs,
    /// each naming 乡村振兴.
    static var longText: String {
        var lines = ["县乡村振兴局2024年乡村振兴专项报告", "一、总体情况", longSectionHeading]
        for n in 1...longSectionLines {
            lines.append("第\(n)项，\(n)号村围绕乡村振兴目标，坚持规划先行、产业为基、生态为本，完善基础设施，"
                         + "发展特色种植\(n * 3)亩，带动农户\(n * 7)户增收，村集体经济收入达到\(n * 11)万元，"
                         + "同时持续深化农村改革，健全自治、法治、德治相结合的乡村治理体系，培育新型农业经营主体\(n)家，"
                         + "建成高标准农田\(n * 5)亩，村容村貌焕然一新，基层党组织战斗堡垒作用充分发挥，党员干部带头示范，"
                         + "群众满意度持续提升，为全县乡村振兴提供了可复制、可推广的经验做法，编号\(n)。")
        }
        lines += ["二、下一步打算", "继续巩固拓展脱贫攻坚成果。"]
        return lines.joined(separator: "\n") + "\n"
    }
}
