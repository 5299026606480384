import BaogaoKit
import BaogaoTestSupport
import Foundation

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The repository's root folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample corpus shipped with the repository.
let sampleCorpus = repositoryRoot.appendingPathComponent("corpus")

/// The XSS payloads every page must show as text.
enum Payload {
    static let script = "<script>alert(1)</script>"
    static let attribute = #""><img src=x onerror=alert(1)>"#
}

/// A temporary folder of reports, indexed into a temporary index, shared by the tests.
///
/// `root/reports/…` holds the reports; `root/reports.sqlite` the index. Commands run in
/// `root`, so the CLI prints paths as `reports/…`, while the API gives them relative to the
/// indexed folder.
struct Fixture: Sendable {
    let root: URL
    let folder: URL
    let indexURL: URL
    let index: IndexDatabase

    /// The fixture's reports (relative path → text).
    static let reports: [String: String] = [
        "市XX办_2021_机关党建工作总结.txt": """
            市XX办2021年度机关党建工作总结
            2021年，市XX办坚持以党建引领业务工作。现将一年来的工作汇报如下。
            一、政治忠诚，强化理想信念教育
            （一）坚定践行“两个维护”。深入学习贯彻党的十九届六中全会精神。
            （二）助力乡村振兴。选派驻村工作队，推进乡村振兴各项任务落实。
            二、持续优化营商环境
            制定“万人助万企”活动方案，县级干部每人联系1-2家企业。
            三、下一步工作打算
            继续围绕乡村振兴开展帮扶。
            """,
        "市农业农村局_2022_乡村振兴工作总结.txt": """
            市农业农村局2022年乡村振兴工作总结
            2022年，我局全面推进乡村振兴，现总结如下。
            一、产业发展
            （一）培育特色产业。乡村振兴的关键是产业振兴，全年新建基地12个。
            （二）完善联农带农机制。
            二、乡村建设
            实施乡村建设行动，推进乡村振兴示范村创建。
            """,
        "sub/市农业农村局_2023_工作总结.txt": """
            市农业农村局2023年工作总结
            一、主要工作
            （一）乡村振兴。扎实推进乡村全面振兴，乡村振兴重点帮扶县工作有序开展。
            （二）万人助万企。走访涉农企业30家。
            二、存在问题
            乡村振兴人才不足。
            """,
        "县教育局_2019_工作总结.txt": """
            县教育局2019年工作总结
            一、基础教育
            全面提升义务教育质量，新建校舍两所。
            二、教师队伍
            开展教师培训，提升师德师风。
            """,
        #""><img src=x onerror=alert(1)>_2022_<script>alert(1)<script>.txt"#: """
            <script>alert(1)</script>工作总结
            一、<script>alert(1)</script>乡村振兴部署
            推进乡村振兴，"><img src=x onerror=alert(1)>，完成全年任务。
            （一）"><img src=x onerror=alert(1)>专项
            落实乡村振兴战略<script>alert(1)</script>，见成效。
            """,
    ]

    static let shared: Result<Fixture, any Error> = Result { try Fixture(reports: reports) }

    /// The shared fixture; its index is built once per test run.
    static func get() throws -> Fixture { try shared.get() }

    init(reports: [String: String], name: String = "baogao-server") throws {
        root = TestFolders.root.appendingPathComponent("\(name)-\(UUID().uuidString)")
        folder = root.appendingPathComponent("reports")
        for (path, text) in reports {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: url)
        }
        indexURL = root.appendingPathComponent("reports.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        index = try IndexDatabase.open(at: indexURL)
    }

    /// The sample corpus indexed into a temporary index, shared by the tests that need more hits.
    static let sample: Result<(root: URL, indexURL: URL, index: IndexDatabase), any Error> = Result {
        let root = TestFolders.root.appendingPathComponent("baogao-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let indexURL = root.appendingPathComponent("sample.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: indexURL)
        return (root, indexURL, try IndexDatabase.open(at: indexURL))
    }
}
