import Foundation
import Testing
@testable import BaogaoKit

/// `show PATH:LINE` prints exactly the lines of the section holding the line.
@Suite(.serialized)
struct SectionViewTests {
    static let report = """
        市XX办2021年度机关党建工作总结
        XX:
        2021年，市XX办坚持以党建引领业务工作。现将一年来的工作汇报如下。
        一、政治忠诚，强化理想信念教育
        市XX办坚持把党的政治建设作为根本性建设。
        （一）坚定践行“两个维护”。深入学习贯彻党的十九届六中全会精神。
        （二）深化政治理论学习。坚持抓牢抓实政治理论学习，一年来开展集中学习XX次。

        建强队伍，夯实基层组织建设
        从基层党组织标准化建设入手，着力解决基层党建虚化、弱化问题。
        （一）建设高素质党务干部队伍。组织召开了市XX办第八次党员大会。
        （二）严格落实党内组织生活制度。一是抓细抓实“三会一课”；二是坚持兰考标准。
        三、从严治党，持之以恒正风肃纪
        （一）加强廉政教育。一是加强对党章党规的学习。
        1.开展警示教育。组织观看警示教育片X部。
        2.抓好节点提醒。在元旦、春节前发出廉洁过节通知。
        （二）加强监督执纪。充分运用监督执纪“四种形态”。
        """

    let catalog: ReportCatalog
    static let path = "市XX办_2021_机关党建工作总结.txt"

    init() throws {
        let folder = try temporaryFolder()
        try write([Self.path: Data(Self.report.utf8)], in: folder.appendingPathComponent("reports"))
        let url = folder.appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder.appendingPathComponent("reports"), into: url)
        catalog = ReportCatalog(index: try IndexDatabase.open(at: url))
    }

    @Test(arguments: [
        (6, [6], ["一、政治忠诚，强化理想信念教育", "（一）坚定践行“两个维护”"]),
        (5, [4, 5, 6, 7], ["一、政治忠诚，强化理想信念教育"]),
        (4, [4, 5, 6, 7], ["一、政治忠诚，强化理想信念教育"]),
        (8, [7], ["一、政治忠诚，强化理想信念教育", "（二）深化政治理论学习"]),
        (10, [9, 10, 11, 12], ["建强队伍，夯实基层组织建设"]),
        (12, [12], ["建强队伍，夯实基层组织建设", "（二）严格落实党内组织生活制度"]),
        (2, [1, 2, 3], []),
        (14, [14, 15, 16], ["三、从严治党，持之以恒正风肃纪", "（一）加强廉政教育"]),
        (16, [16], ["三、从严治党，持之以恒正风肃纪", "（一）加强廉政教育", "2.抓好节点提醒"]),
        (17, [17], ["三、从严治党，持之以恒正风肃纪", "（二）加强监督执纪"]),
    ])
    func sectionLines(_ line: Int, _ lines: [Int], _ trail: [String]) throws {
        let view = try catalog.section(path: Self.path, line: line)
        #expect(view.lines.map(\.line) == lines)
        #expect(view.section == trail)
        #expect(view.focus == line)
    }

    @Test func highlightsTheQuery() throws {
        let view = try catalog.section(path: Self.path, line: 6, query: try SearchQuery(parsing: "两个维护 -疫情"))
        #expect(view.lines[0].highlights == [[8, 12]])
    }

    @Test func outlineListsEveryHeadingWithDepth() throws {
        let (_, headings) = try catalog.outline(path: Self.path)
        #expect(headings.map { "\($0.depth) \($0.line) \($0.heading)" } == [
            "0 4 一、政治忠诚，强化理想信念教育",
            "1 6 （一）坚定践行“两个维护”",
            "1 7 （二）深化政治理论学习",
            "0 9 建强队伍，夯实基层组织建设",
            "1 11 （一）建设高素质党务干部队伍",
            "1 12 （二）严格落实党内组织生活制度",
            "0 13 三、从严治党，持之以恒正风肃纪",
            "1 14 （一）加强廉政教育",
            "2 15 1.开展警示教育",
            "2 16 2.抓好节点提醒",
            "1 17 （二）加强监督执纪",
        ])
    }

    @Test func unknownPathsAndLinesSaySo() {
        #expect(throws: BaogaoError.self) { try catalog.section(path: "nope.txt", line: 1) }
        #expect {
            _ = try catalog.section(path: Self.path, line: 99)
        } throws: { error in
            (error as? BaogaoError)?.message.contains("has no line 99") == true
        }
    }
}
