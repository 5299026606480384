import BaogaoTestSupport
import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A hit that stands for identical passages names every other place holding them (`copies`):
/// with every hit asked for, hits and copies together are the matching passages, each once;
/// in a top 10 the copies are all there even when only some matches were ranked.
struct HitCopiesTests {
    let index: IndexDatabase

    init() throws {
        let folder = try temporaryFolder()
        try IdenticalPassages.write(into: folder.appendingPathComponent("r"))
        let url = folder.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: folder.appendingPathComponent("r"), into: url)
        index = try IndexDatabase.open(at: url)
    }

    func search(_ text: String, limit: Int? = nil, offset: Int = 0) throws -> SearchResults {
        try Searcher(index: index).search(try SearchQuery(parsing: text), limit: limit, offset: offset)
    }

    /// Every location of the matches: hits and their copies, with repeats kept.
    static func locations(_ hits: [SearchHit]) -> [String] {
        hits.flatMap { hit in ["\(hit.path):\(hit.line)"] + (hit.copies ?? []).map { "\($0.path):\($0.line)" } }
    }

    /// The passages whose folded text holds `phrase`, read from the index.
    func passagesHolding(_ phrase: String) throws -> Set<String> {
        let needle = FoldedText(phrase).scalars
        return try index.read { db in
            try Row.fetchAll(db, sql: "SELECT r.path, p.line, p.text FROM passages p JOIN reports r ON r.id = p.report_id")
                .filter { FoldedText($0[2] as String).contains(needle) }
                .map { "\($0[0] as String):\($0[1] as Int)" }
        }.reduce(into: []) { $0.insert($1) }
    }

    @Test func hitsAndCopiesAreEveryMatchOnce() throws {
        for query in ["我代表省人民政府", "\"请予审议\"", "政府工作报告", "\"政府工作报告\"", "省政协委员 -乡村"] {
            let results = try search(query)
            let counted = results.hits.filter { $0.match != .related }
            let all = Self.locations(counted)
            #expect(all.count == results.totalHits, "\(query)")
            #expect(Set(all).count == all.count, "\(query): a location twice")
            // Near variants aside, the matches are the passages holding the phrase.
            if !query.contains("-"), counted.allSatisfy({ $0.match == .exact }) {
                #expect(Set(all) == (try passagesHolding(query.replacingOccurrences(of: "\"", with: ""))), "\(query)")
            }
        }
    }

    @Test func theSharedParagraphIsOneHitNamingTheOtherFive() throws {
        let results = try search("我代表省人民政府")
        #expect(results.totalHits == 6)
        #expect(results.hits.count == 1)
        let hit = try #require(results.hits.first)
        let copies = try #require(hit.copies)
        #expect(hit.duplicates == 5)
        #expect(copies.count == 5)
        // By path then line; the repunctuated and the traditional paragraphs are copies too.
        #expect(copies.map { "\($0.path):\($0.line)" } == copies.map { "\($0.path):\($0.line)" }.sorted())
        let all = Set(Self.locations(results.hits))
        #expect(all == ["丁县人民政府_2023_政府工作报告.txt:4", "丙市人民政府_2025_政府工作报告.txt:3",
                        "乙市人民政府_2025_政府工作报告.txt:3", "省人民政府_2024_政府工作报告.txt:3",
                        "省人民政府_2024_政府工作报告.txt:8", "甲市人民政府_2024_政府工作报告.txt:3"])
        // Each copy says where it stands, as a hit there would.
        let places = [HitCopy(path: hit.path, line: hit.line, unit: hit.unit, year: hit.year, title: hit.title,
                              section: hit.section)] + copies
        let county = try #require(places.first { $0.path.hasPrefix("丁县") })
        #expect(county.unit == "丁县人民政府")
        #expect(county.year == 2023)
        #expect(county.title == "政府工作报告")
        #expect(county.section == ["一、总体要求", "（一）指导思想"])
    }

    @Test func shortPassagesAreNeverFolded() throws {
        // 请予审议。 alone is shorter than a sentence: its own hit, not a copy of the paragraph.
        let hits = try search("\"请予审议\"").hits
        #expect(hits.contains { $0.text == "请予审议。" && $0.copies == nil })
        #expect(hits.filter { $0.copies != nil }.count == 1)
    }

    @Test func aTopTenNamesTheSameCopiesAsEveryHit() throws {
        let all = try search("我代表省人民政府").hits
        let top = try search("我代表省人民政府", limit: 10).hits
        #expect(Set(Self.locations(top)) == Set(Self.locations(all)))
    }

    @Test func copiesEncodeAsDocumentedAndHitsWithoutThemAsBefore() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let hits = try search("\"请予审议\"").hits
        let folded = try #require(hits.first { $0.copies != nil })
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(folded)) as? [String: Any])
        #expect(object["duplicates"] as? Int == 5)
        let copies = try #require(object["copies"] as? [[String: Any]])
        #expect(copies.count == 5)
        #expect(copies.allSatisfy { Set($0.keys) == ["path", "line", "unit", "year", "title", "section"] })
        let single = try #require(hits.first { $0.copies == nil })
        let plain = try #require(try JSONSerialization.jsonObject(with: encoder.encode(single)) as? [String: Any])
        #expect(Set(plain.keys) == ["path", "line", "page", "section", "text", "highlights", "unit", "year", "title", "score", "match"])
    }
}

/// When a query matches more passages than are ranked for a page, a shown hit's copies are
/// still every identical match: looked up, not only gathered from the ranked candidates.
struct HitCopiesBeyondTheRankedTests {
    static let reports = 130

    let index: IndexDatabase

    init() throws {
        let folder = try temporaryFolder()
        let reports = folder.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        for n in 1...Self.reports {
            // Every seventh copy differs only by a comma splitting a word: still the same passage.
            let shared = n % 7 == 0 ? Self.splitInTheMiddle(IdenticalPassages.shared) : IdenticalPassages.shared
            let text = "第\(n)号单位\(2020 + n % 5)年政府工作报告\n一、开场\n\(shared)\n二、工作\n第\(n)项工作扎实推进。\n"
            try Data(text.utf8).write(to: reports.appendingPathComponent("第\(n)号单位_\(2020 + n % 5)_政府工作报告.txt"))
        }
        let url = folder.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: reports, into: url)
        index = try IndexDatabase.open(at: url)
    }

    /// `text` with commas splitting its first and last words (现，在 … 意，见): bigrams a search
    /// for its copies may narrow by, gone from this copy.
    static func splitInTheMiddle(_ text: String) -> String {
        text.replacingOccurrences(of: "现在", with: "现，在").replacingOccurrences(of: "意见", with: "意，见")
    }

    @Test func aTopTenHitNamesEveryCopy() throws {
        // A page ranks at most 100 candidates: 129 copies can only come from looking them up.
        for (query, places) in [("请予审议", Self.reports), ("请予审议 -year:2020", Self.reports - Self.reports / 5),
                                ("\"省政协委员\" OR 列席人员", Self.reports),
                                // One of the commonest characters: counted and sampled from report_chars.
                                ("人", Self.reports)] {
            let results = try Searcher(index: index).search(try SearchQuery(parsing: query), limit: 10)
            #expect(results.totalHits == places, "\(query)")
            #expect(results.hits.count == 1, "\(query)")
            let all = HitCopiesTests.locations(results.hits)
            #expect(all.count == places, "\(query)")
            #expect(Set(all).count == places, "\(query)")
            #expect(results.hits.first?.duplicates == places - 1, "\(query)")
        }
    }
}
