import Foundation
import Testing
@testable import BaogaoKit

/// What ranking promises beyond the judged numbers: exact before variants, headings count,
/// long passages don't win by length, diversity, collapsed duplicates, and never a hit
/// without a term's phrase or its parts.
@Suite(.serialized)
struct RankingTests {
    static let files: [String: String] = [
        "a/市农业农村局_2022_总结.txt": """
            市农业农村局2022年工作总结
            一、推进乡村振兴
            各项工作有序开展，完成年度目标。
            推动乡村全面振兴取得新进展。
            振兴乡村产业，发展特色种植。
            乡村振兴示范村建设稳步推进。
            二、其他工作
            \(String(repeating: "统筹推进各项改革任务，", count: 30))乡村振兴。
            乡村道路硬化XX公里，村容村貌持续改善，群众获得感不断增强，产业振兴也有起色。
            """,
        "b/市XX办_2022_总结.txt": """
            市XX办2022年工作总结
            一、党建工作
            驻村工作队助力乡村振兴。
            驻村工作队助力乡村振兴。
            乡村振兴工作有新气象。
            乡村振兴工作有新起色。
            乡村振兴工作有新突破。
            乡村振兴工作有新成效。
            """,
        "c/县教育局_2022_总结.txt": """
            县教育局2022年工作总结
            一、教育工作
            驻村工作队助力乡村振兴。
            """,
    ]

    let searcher: Searcher

    init() throws {
        let folder = try temporaryFolder()
        for (path, text) in Self.files {
            try write([path: Data(text.utf8)], in: folder.appendingPathComponent("r"))
        }
        let url = folder.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: folder.appendingPathComponent("r"), into: url)
        searcher = Searcher(index: try IndexDatabase.open(at: url))
    }

    func search(_ text: String, perReport: Int? = Searcher.defaultPerReport) throws -> SearchResults {
        try searcher.search(try SearchQuery(parsing: text), limit: nil, perReport: perReport)
    }

    @Test func exactHitsComeBeforeVariantsAndRelated() throws {
        let hits = try search("乡村振兴", perReport: nil).hits
        let kinds = hits.map(\.match)
        #expect(kinds.contains(.variant) && kinds.contains(.related))
        #expect(kinds == kinds.sorted { ["exact": 0, "variant": 1, "related": 2][$0.rawValue]! < ["exact": 0, "variant": 1, "related": 2][$1.rawValue]! })
        #expect(hits.filter { $0.match == .variant }.map(\.text).sorted() == ["振兴乡村产业，发展特色种植。", "推动乡村全面振兴取得新进展。"])
        #expect(hits.first { $0.match == .related }?.text.hasPrefix("乡村道路硬化") == true)
    }

    @Test func quotedTermsAreExactOnly() throws {
        let hits = try search("\"乡村振兴\"", perReport: nil).hits
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.match == .exact && FoldedText($0.text).contains(FoldedText("乡村振兴").scalars) })
    }

    @Test func everyHitHoldsTheTermOrItsParts() throws {
        for hit in try search("乡村振兴", perReport: nil).hits {
            let text = FoldedText(hit.text)
            #expect(text.contains(FoldedText("乡村").scalars) && text.contains(FoldedText("振兴").scalars), "\(hit.text)")
        }
    }

    @Test func headingMatchesOutrankBodyAndLongPassagesDoNotWinByLength() throws {
        let hits = try search("乡村振兴", perReport: nil).hits.filter { $0.path.contains("市农业农村局") }
        // Under the heading 一、推进乡村振兴 comes before the long passage under 二、其他工作.
        let underHeading = try #require(hits.firstIndex { $0.line == 6 })
        let long = try #require(hits.firstIndex { $0.line == 8 })
        #expect(underHeading < long)
    }

    @Test func identicalPassagesCollapseWithACount() throws {
        let hits = try search("驻村工作队", perReport: nil).hits
        #expect(hits.count == 1)
        #expect(hits[0].duplicates == 2)
        #expect(try search("驻村工作队").totalHits == 3)
    }

    @Test func aPageHoldsAtMostThreeHitsOfAReport() throws {
        func candidate(_ report: Int64, _ line: Int) -> Searcher.Candidate {
            Searcher.Candidate(match: .init(passageID: Int64(line), reportID: report, sectionID: nil, line: line,
                                            text: "", rank: 0, kind: .exact), score: 0, key: DuplicateKey(FoldedText("第\(report)份第\(line)行")))
        }
        // Report 1 has the eight best hits; reports 2, 3 and 4 follow.
        let ranked = (1...8).map { candidate(1, $0) } + (2...4).flatMap { r in (1...5).map { candidate(r, $0) } }
        let ordered = Searcher.diversify(ranked, perReport: 3)
        #expect(ordered.count == ranked.count)
        let firstPage = ordered.prefix(10).map(\.match.reportID)
        #expect(firstPage.filter { $0 == 1 }.count == 3)
        #expect(Array(firstPage.prefix(3)) == [1, 1, 1], "the best hits stay first")
        #expect(ordered[10].match.reportID == 1, "held-back hits lead the next page")
        // When only one report is left, its hits fill the pages.
        #expect(Searcher.diversify((1...12).map { candidate(1, $0) }, perReport: 3).count == 12)
    }

    @Test func searchPagesOnTheSampleCorpusAreDiverse() throws {
        let index = try IndexDatabase.open(at: {
            let url = try temporaryFolder().appendingPathComponent("s.sqlite")
            _ = try Indexer.index(folder: sampleCorpus, into: url)
            return url
        }())
        let page = try Searcher(index: index).search(try SearchQuery(parsing: "工作"), limit: 10).hits
        #expect(page.count == 10)
        #expect(Dictionary(grouping: page, by: \.path).values.allSatisfy { $0.count <= 3 })
    }

    @Test func commonPhrasesStillRankByFrequencyAndHeadings() throws {
        // 工作 is in most passages: bm25 barely tells them apart, the signals do.
        let hits = try search("工作", perReport: nil).hits
        #expect(hits.count > 5)
        #expect(Set(hits.map(\.score)).count > 2)
    }

    @Test func snippetsShowTheBestCluster() {
        let window = Snippet.window(length: 500, highlights: [[10, 14], [300, 304], [310, 314]], size: 160)
        #expect(window.contains(300) && window.contains(313))
        #expect(Snippet.window(length: 100, highlights: [[90, 94]], size: 160) == 0..<100)
    }
}
