import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The same report saved as UTF-8, UTF-8 with BOM, UTF-16 (both byte orders) and GB18030
/// yields the same passages, sections and metadata; an undecodable file is skipped with its
/// reason and nothing else is lost.
struct EncodingIndexingTests {
    static let report = """
        县教育局2022年工作总结\r
        ２０２２年，县教育局坚持以“双减”为抓手，PM2.5监测设备进校园。\r
        一、推进乡村振兴\r
        （一）改善办学条件。新建乡村学校3所，《义务教育法》宣传覆盖XX所学校。\r
        （二）加强师资建设。一是培训教师XXX人次；二是引进ＡＰＰ教学平台。\r
        """

    @Test func everyEncodingGivesTheSamePassages() throws {
        let folder = try temporaryFolder()
        let reports = folder.appendingPathComponent("reports")
        try write([
            "utf8/县教育局_2022_工作总结.txt": TestEncodings.utf8(Self.report),
            "bom/县教育局_2022_工作总结.txt": TestEncodings.utf8WithBOM(Self.report),
            "le/县教育局_2022_工作总结.txt": TestEncodings.utf16(Self.report, bigEndian: false),
            "be/县教育局_2022_工作总结.txt": TestEncodings.utf16(Self.report, bigEndian: true),
            "gbk/县教育局_2022_工作总结.txt": TestEncodings.gb18030(Self.report),
            "broken/garbage.txt": Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x00]),
        ], in: reports)
        let url = folder.appendingPathComponent("index.sqlite")
        let summary = try Indexer.index(folder: reports, into: url)
        #expect(summary.reports == 5)
        #expect(summary.skipped.map(\.path) == ["broken/garbage.txt"])
        #expect(summary.skipped.first?.reason.contains("binary") == true)

        let index = try IndexDatabase.open(at: url)
        let rows = try index.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.path, r.encoding, r.unit, r.year, p.line, p.text,
                       (SELECT heading FROM sections s WHERE s.id = p.section_id) AS heading
                FROM passages p JOIN reports r ON r.id = p.report_id ORDER BY p.line
                """)
        }
        let byFolder = Dictionary(grouping: rows) { ($0["path"] as String).split(separator: "/")[0] }
        #expect(Set(byFolder.keys) == ["utf8", "bom", "le", "be", "gbk"])
        let reference = byFolder["utf8"]!.map { "\($0["line"] as Int)|\($0["text"] as String)|\($0["heading"] as String? ?? "")" }
        #expect(reference.count == 5)
        #expect(!reference.contains { $0.contains("\r") || $0.contains("\u{FEFF}") })
        for (name, group) in byFolder {
            #expect(group.map { "\($0["line"] as Int)|\($0["text"] as String)|\($0["heading"] as String? ?? "")" } == reference, "\(name)")
            #expect(group.allSatisfy { ($0["unit"] as String?) == "县教育局" && ($0["year"] as Int?) == 2022 })
        }
        #expect(Set(rows.map { $0["encoding"] as String }) == ["UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030"])

        // Full-width input is found by half-width queries in every copy.
        let app = try Searcher(index: index).search(try SearchQuery(parsing: "app"), limit: nil)
        #expect(app.totalHits == 5)
        let year = try Searcher(index: index).search(try SearchQuery(parsing: "2022年"), limit: nil)
        #expect(year.totalHits == 10)
    }
}
