import Foundation
import Testing
@testable import BaogaoKit

/// Traditional and simplified Chinese match each other; full-width, half-width and
/// compatibility forms fold through NFKC. Display always shows the original.
struct ScriptVariantsTests {
    @Test(arguments: [
        ("鄉村振興", "乡村振兴"),
        ("萬人助萬企", "万人助万企"),
        ("營商環境", "营商环境"),
        ("數字政府", "数字政府"),
        ("爲人民服務", "为人民服务"),
        ("後來", "后来"),
        ("ＡＰＰ", "app"),
        ("２０２１年", "2021年"),
        ("⼀是", "一是"),
        ("ｇｄｐ", "gdp"),
    ])
    func foldsToTheSameText(_ variant: String, _ plain: String) {
        #expect(ScalarFolding.fold(variant) == ScalarFolding.fold(plain))
        #expect(BigramTokenizer.tokens(in: variant).map(\.text) == BigramTokenizer.tokens(in: plain).map(\.text))
    }

    /// Common simplified characters with meanings of their own are never folded.
    @Test(arguments: ["著", "乾", "干", "后", "于", "乡"])
    func commonSimplifiedCharactersStay(_ character: String) {
        #expect(ScalarFolding.fold(character) == character)
    }

    @Test func theTableIsLoaded() {
        #expect(ScriptVariants.count > 4000)
        #expect(ScriptVariants.simplified(Unicode.Scalar("鄉").value) == Unicode.Scalar("乡").value)
        #expect(ScriptVariants.simplified(Unicode.Scalar("乡").value) == nil)
    }

    @Test func searchFindsEitherScriptAndShowsTheOriginal() throws {
        let folder = try temporaryFolder()
        try write([
            "a/港澳_2023_報告.txt": Data("一、全面推進鄉村振興\n推動鄉村振興取得新進展。\n".utf8),
            "a/市农业农村局_2023_报告.txt": Data("一、全面推进乡村振兴\n乡村振兴取得新进展。ＡＰＰ上线。\n".utf8),
        ], in: folder)
        let url = folder.appendingPathComponent("i.sqlite")
        _ = try Indexer.index(folder: folder.appendingPathComponent("a"), into: url)
        let searcher = Searcher(index: try IndexDatabase.open(at: url))
        for query in ["乡村振兴", "鄉村振興", "\"鄉村振兴\""] {
            let results = try searcher.search(try SearchQuery(parsing: query), limit: nil)
            #expect(results.totalHits == 4, "\(query)")
            #expect(results.totalReports == 2)
        }
        let traditional = try searcher.search(try SearchQuery(parsing: "乡村振兴 进展"), limit: nil)
        let hit = try #require(traditional.hits.first { $0.path.hasPrefix("港澳") })
        #expect(hit.text == "推動鄉村振興取得新進展。")
        #expect(hit.highlights == [[2, 6], [9, 11]])
        #expect(try searcher.search(try SearchQuery(parsing: "app"), limit: nil).totalHits == 1)
    }
}
