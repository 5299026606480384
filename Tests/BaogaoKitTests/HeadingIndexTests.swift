import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The index of section headings (``HeadingIndex``) finds what reading every heading finds:
/// its spans are the passages under each section and its subsections, it is kept with the
/// sections as files come and go, filled for an index made before it, and set aside when a
/// writer that knows nothing of it adds sections.
struct HeadingIndexTests {
    // MARK: Spans

    @Test(arguments: [
        // parents, passages directly under each section, expected spans
        ([nil, 0, nil], [[10, 11], [12, 13], [14]], [[10...13], [12...13], [14...14]]),
        ([nil, 0, 1, 0], [[1], [2], [3, 4], [5]], [[1...5], [2...4], [3...4], [5...5]]),
        ([nil, 0], [[], [7, 8]], [[7...8], [7...8]]),
        ([nil], [[]], [[]]),
        // Passages out of order, or a subsection elsewhere: more spans, none foreign.
        ([nil, 0, nil], [[20], [30], [21]], [[20...20, 30...30], [30...30], [21...21]]),
        // A parent that is not an earlier section counts as none.
        ([1, nil], [[1], [2]], [[1...1], [2...2]]),
        ([0], [[5]], [[5...5]]),
    ] as [([Int?], [[Int64]], [[ClosedRange<Int64>]])])
    func spansHoldEachSectionAndItsSubsections(_ parents: [Int?], _ own: [[Int64]], _ expected: [[ClosedRange<Int64>]]) {
        #expect(SectionSpans.of(parents: parents, own: own) == expected)
    }

    @Test func spansSurviveTheirBytes() {
        for spans in [[], [1...1], [-3...4, 9...1_000_000_000_000]] as [[ClosedRange<Int64>]] {
            var read: [ClosedRange<Int64>] = []
            SectionSpans.encoded(spans).withUnsafeBytes { SectionSpans.forEach(in: $0) { read.append($0) } }
            #expect(read == spans)
        }
        var read: [ClosedRange<Int64>] = []
        [UInt8](repeating: 1, count: 15).withUnsafeBytes { SectionSpans.forEach(in: $0) { read.append($0) } }
        #expect(read.isEmpty)
    }

    @Test(arguments: [("附则", "附则"), ("第1章总则", "章总则"), ("（一）", "一"), ("一、", "一"), ("2023年", "年"),
                      ("AI应用", "应用"), ("ＡＩ", nil), ("abc", nil), ("，", nil)] as [(String, String?)])
    func aHeadingIsFoundByTheLongestRunOfIdeographs(_ text: String, _ run: String?) {
        let plan = SectionPassages.headingPlan(FoldedText(text).scalars)
        #expect(plan?.matchExpression == run.flatMap { TermPlan($0)?.matchExpression })
    }

    // MARK: Found as by reading every heading

    static let files = [
        "甲县/2023年工作总结.txt": """
            甲县2023年工作总结
            一、主要成绩
            （一）产业发展。全年引进项目十二个。
            推进乡村振兴，建设示范村。
            （二）乡村振兴
            新建道路三十公里，乡村振兴有成效。
            二、存在问题
            乡村振兴的资金不足。
            三、AI应用与附则
            （一）ＡＩ赋能
            推广AI应用于政务。
            （二）附则说明
            本总结自印发之日起公开。
            """,
        "乙局/条例.txt": """
            # 乙局管理条例
            ## 第一章 总则
            第一条 为了规范管理，制定本条例。
            第二条 本条例适用于全局。
            ## 第二章 附则
            第三条 本条例自公布之日起施行。
            """,
        "丙镇/2024年工作要点.txt": """
            丙镇2024年工作要点
            一、乡村振兴
            持续推进乡村振兴，发展产业。
            二、党的建设
            加强党建，推进工作。
            """,
    ]

    /// The passages under headings holding `text`, as the filter's SQL condition finds them.
    static func joined(_ text: String, _ db: Database) throws -> SectionPassages {
        SectionPassages(ids: try Int64.fetchAll(db, sql: """
            SELECT p.id FROM passages p WHERE p.section_id IN (WITH RECURSIVE sub(id) AS (
                SELECT id FROM sections WHERE report_id = p.report_id AND baogao_contains(heading, ?)
                UNION SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id) SELECT id FROM sub)
            ORDER BY p.id
            """, arguments: [text]))
    }

    /// Texts to look for: every heading of the index, whole and in pieces, and some no heading holds.
    static func needles(_ db: Database) throws -> [String] {
        var out = ["乡村振兴", "附则", "总则", "一", "（一）", "AI", "ａｉ", "ＡＩ赋能", "AI应用", "章 总", "条例", "不存在的标题", "Z"]
        for heading in try String.fetchAll(db, sql: "SELECT DISTINCT heading FROM sections ORDER BY id") {
            let scalars = Array(heading.unicodeScalars)
            out.append(heading)
            for (from, length) in [(0, 1), (0, 2), (1, 3), (scalars.count - 2, 2)] where from >= 0 && from + length <= scalars.count {
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: scalars[from..<(from + length)])
                out.append(String(piece))
            }
        }
        return Array(Set(out)).sorted()
    }

    static func asksTheIndex(_ sql: String) -> Bool { sql.contains("FROM \(HeadingIndex.table) WHERE") }
    static func readsEveryHeading(_ sql: String) -> Bool { sql.contains("SELECT id, heading FROM sections") }

    @Test func headingsFoundThroughTheIndexAreThoseEveryHeadingRead() throws {
        for index in [try ReportFilterTests.index(Self.files), ReportFilterTests.index] {
            try index.read { db in
                #expect(try HeadingIndex.isComplete(db))
                let needles = try Self.needles(db)
                #expect(needles.count > 30)
                var indexed = 0
                for needle in needles {
                    var found: SectionPassages?
                    let sql = try FilteredCharacterTests.statements(db) { found = try SectionPassages.matching(needle, db) }
                    #expect(found == (try Self.joined(needle, db)), "\(needle)")
                    let throughIndex = sql.contains(where: Self.asksTheIndex)
                    #expect(throughIndex == (SectionPassages.headingPlan(FoldedText(needle).scalars) != nil), "\(needle)")
                    #expect(throughIndex != sql.contains(where: Self.readsEveryHeading), "\(needle): \(sql)")
                    if throughIndex { indexed += 1 }
                }
                #expect(indexed > 20)
                #expect(try HeadingIndex.problems(db) == [])
            }
        }
    }

    /// Within some reports: the index's headings kept to those reports, as the read of their
    /// headings finds them; reports with few headings have them read.
    @Test func withinReportsTheIndexKeepsTheirHeadingsOnly() throws {
        let index = try ReportFilterTests.index(Self.files)
        try index.read { db in
            let ranges = try #require(try ReportRanges.load(db))
            let reports = try Int64.fetchAll(db, sql: "SELECT id FROM reports ORDER BY id")
            for needle in ["乡村振兴", "附则", "一", "章"] {
                for some in [Set(reports.prefix(1)), Set(reports.suffix(2))] {
                    var scanned = SectionPassages(ids: [])
                    var indexed = SectionPassages(ids: [])
                    let scanning = try FilteredCharacterTests.statements(db) {
                        scanned = try SectionPassages.matching(needle, inReports: some, db)
                    }
                    let asking = try FilteredCharacterTests.statements(db) {
                        indexed = try SectionPassages.matching(needle, inReports: some, scanningAtMost: 0, db)
                    }
                    // A few reports' headings are read; past the bar the index is asked.
                    #expect(!scanning.contains(where: Self.asksTheIndex) && asking.contains(where: Self.asksTheIndex))
                    let all = try Self.joined(needle, db)
                    #expect(indexed == scanned, "\(needle) \(some)")
                    #expect(indexed == all.intersection(SectionPassages(reports: some, ranges: ranges, last: .max)), "\(needle)")
                }
            }
        }
    }

    /// The spans of a nested section cover its subsections' passages: `section:主要成绩` finds
    /// the passages under （一） and （二）.
    @Test func aSectionsSpanHoldsItsSubsections() throws {
        let index = try ReportFilterTests.index(Self.files)
        let results = try Searcher(index: index).search(try SearchQuery(parsing: "乡村振兴 section:主要成绩"), limit: nil, perReport: nil)
        #expect(results.totalHits == 3)
        #expect(results.hits.allSatisfy { $0.section.first == "一、主要成绩" }, "\(results.hits.map(\.section))")
    }

    // MARK: Kept with the index

    static func rows(_ index: IndexDatabase) throws -> [Row] {
        try index.read { db in
            try Row.fetchAll(db, sql: "SELECT rowid, heading, report_id, spans FROM \(HeadingIndex.table) ORDER BY rowid")
        }
    }

    /// An index made before the table is given it, filled from its sections, by the next run
    /// that writes to it; until then section: filters read every heading.
    @Test func anIndexMadeBeforeTheTableIsFilledByTheNextWrite() throws {
        let index = try ReportFilterTests.index(Self.files)
        let written = try Self.rows(index)
        #expect(written.count > 10)
        try index.write { db in
            try db.execute(sql: "DROP TABLE \(HeadingIndex.table); DROP TRIGGER sections_ad")
        }
        try index.read { db in
            #expect(try !HeadingIndex.isComplete(db))
            var found: SectionPassages?
            let sql = try FilteredCharacterTests.statements(db) { found = try SectionPassages.matching("附则", db) }
            #expect(found == (try Self.joined("附则", db)))
            #expect(!sql.contains(where: Self.asksTheIndex) && sql.contains(where: Self.readsEveryHeading))
        }
        let reopened = try IndexDatabase.openForWriting(at: index.url, rebuild: false)
        #expect(reopened.rebuiltBecause == nil && reopened.filledHeadings)
        #expect(try Self.rows(reopened.index) == written)
        #expect(try !IndexDatabase.openForWriting(at: index.url, rebuild: false).filledHeadings)
        #expect(try reopened.index.read { db in try HeadingIndex.isComplete(db) })
    }

    /// Sections added by a writer that adds no row: the table is read by no query, and the next
    /// run that knows it fills it again.
    @Test func sectionsAddedWithoutRowsSetTheTableAside() throws {
        let index = try ReportFilterTests.index(Self.files)
        try index.write { db in
            let report = try #require(try Int64.fetchOne(db, sql: "SELECT min(id) FROM reports"))
            try db.execute(sql: """
                INSERT INTO sections(report_id, parent_id, rank, heading, trail, line) VALUES (?, NULL, 0, '补充附则', '补充附则', 999)
                """, arguments: [report])
            let section = db.lastInsertedRowID
            try db.execute(sql: "UPDATE passages SET section_id = ? WHERE id = (SELECT max(id) FROM passages WHERE report_id = ?)",
                           arguments: [section, report])
        }
        try index.read { db in
            let complete = try HeadingIndex.isComplete(db)
            let found = try SectionPassages.matching("补充附则", db)
            #expect(!complete)
            #expect(found == (try Self.joined("补充附则", db)))
            #expect(!found.spans.isEmpty)
        }
        let reopened = try IndexDatabase.openForWriting(at: index.url, rebuild: false)
        #expect(reopened.filledHeadings)
        try reopened.index.read { db in
            let complete = try HeadingIndex.isComplete(db)
            let found = try SectionPassages.matching("补充附则", db)
            #expect(complete)
            #expect(try HeadingIndex.problems(db) == [])
            #expect(found == (try Self.joined("补充附则", db)))
        }
    }

    /// Files changed and deleted take their sections' rows with them; `baogao check` finds a
    /// row whose passages are not its section's.
    @Test func rowsGoWithTheirSectionsAndCheckFindsWrongOnes() throws {
        let folder = try temporaryFolder()
        try write(Self.files.mapValues { Data($0.utf8) }, in: folder)
        let url = try temporaryFolder().appendingPathComponent("index.sqlite")
        _ = try Indexer.index(folder: folder, into: url)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("乙局/条例.txt"))
        try write(["甲县/2023年工作总结.txt": Data((Self.files["甲县/2023年工作总结.txt"]! + "\n四、下一步打算\n继续推进乡村振兴。").utf8)],
                  in: folder)
        _ = try Indexer.index(folder: folder, into: url)
        let index = try IndexDatabase.open(at: url)
        try index.read { db in
            #expect(try HeadingIndex.isComplete(db))
            #expect(try HeadingIndex.problems(db) == [])
            let sections = try Int.fetchOne(db, sql: "SELECT count(*) FROM sections")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(HeadingIndex.table)_content") == sections)
            #expect(try SectionPassages.matching("打算", db) == (try Self.joined("打算", db)))
            #expect(try SectionPassages.matching("总则", db).spans.isEmpty)
        }
        #expect(try IndexChecker.check(url).results.allSatisfy(\.problems.isEmpty))
        try index.write { db in
            try db.execute(sql: "UPDATE \(HeadingIndex.table) SET spans = ? WHERE rowid = (SELECT max(id) FROM sections)",
                           arguments: [Data(SectionSpans.encoded([1...1]))])
        }
        let problems = try IndexChecker.check(url).results.flatMap(\.problems)
        #expect(problems.contains { $0.contains("headings' index") }, "\(problems)")
    }
}
