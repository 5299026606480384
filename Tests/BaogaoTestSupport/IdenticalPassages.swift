import Foundation

/// Government work reports that share a paragraph word for word, as real ones do: in several
/// reports, twice in one report, once with other punctuation, once in traditional characters.
/// Every test of identical passages (copies) indexes these.
public enum IdenticalPassages {
    /// The paragraph the reports share.
    public static let shared = "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。"
    /// The same paragraph with other punctuation: identical but for it.
    public static let repunctuated = "现在，我代表省人民政府向大会报告工作，请予审议；并请省政协委员和其他列席人员提出意见。"
    /// The same paragraph in traditional characters.
    public static let traditional = "現在，我代表省人民政府，向大會報告工作，請予審議，並請省政協委員和其他列席人員提出意見。"

    /// File name → text. The shared paragraph is in six places of five reports.
    public static let reports: [String: String] = [
        "省人民政府_2024_政府工作报告.txt": """
            2024年政府工作报告
            各位代表：
            \(shared)
            一、过去一年工作回顾
            过去一年，全省经济运行稳中有进，新质生产力加快培育，民生保障扎实有力。
            二、今年工作安排
            （一）持续优化营商环境。深化“放管服”改革，推进“高效办成一件事”。
            \(shared)
            """,
        "甲市人民政府_2024_政府工作报告.txt": """
            甲市2024年政府工作报告
            一、开场
            \(shared)
            二、主要任务
            （一）推进乡村全面振兴。稳定粮食生产，发展特色产业，请予审议后实施。
            """,
        "乙市人民政府_2025_政府工作报告.txt": """
            乙市2025年政府工作报告
            各位代表：
            \(repunctuated)
            一、奋力推进高质量发展
            坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。
            """,
        "丙市人民政府_2025_政府工作报告.txt": """
            丙市2025年政府工作报告
            各位代表：
            \(traditional)
            一、聚焦民生福祉
            办好民生实事，完善社会保障体系。
            """,
        "丁县人民政府_2023_政府工作报告.txt": """
            丁县2023年政府工作报告
            一、总体要求
            （一）指导思想
            \(shared)
            请予审议。
            """,
    ]

    /// Writes ``reports`` into `folder` (created when missing).
    public static func write(into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in reports {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
    }
}
