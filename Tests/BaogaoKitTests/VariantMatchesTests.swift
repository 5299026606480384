import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// A term alone with near variants: its variant tier read from the NEAR groups' rowids less the
/// exact tier's, counted, ranked and grouped as the documented rule says.
@Suite(.serialized)
struct VariantMatchesTests {
    /// Parts at the rule's limit (4 characters between two, the filler of ideographs, any
    /// punctuation, words or digits counting one each, the parts in either order), one
    /// character past it, and enough exact lines to pass the one-pass cap in the first report.
    static let atTheLimit = [
        "乡村全面推进振兴", "乡村，、；：振兴", "乡村abcd振兴", "振兴1234乡村", "振兴乡村",
        "乡村，，，，，，，振兴", "乡村2024年振兴", "乡村ab cd ef gh振兴",
        "优化本地营商政务环境", "环境优化营商", "优化营四个字商环境", "商环境四个字优化营",
        "委员会甲乙丙丁常务", "常务委甲乙丙丁员会",
    ]
    /// How many of ``atTheLimit`` each term matches.
    static let atTheLimitOf = ["乡村振兴": 8, "优化营商环境": 4, "常务委员会": 2]
    static let pastTheLimit = [
        "乡村全面深入推进振兴", "振兴甲乙丙丁戊乡村", "乡村ab cd ef gh ij振兴",
        "优化了本地的营商政务服务环境", "委员会甲乙丙丁戊常务",
    ]

    static func index() throws -> IndexDatabase {
        let folder = try temporaryFolder()
        let corpus = folder.appendingPathComponent("c")
        var files: [String: Data] = [:]
        let exact = (0...(CompiledQuery.onePassAtMost + 100)).map { "第\($0)项：推进乡村振兴。" }
        files["甲县_2023_报告.txt"] = Data((["甲县工作报告"] + exact).joined(separator: "\n").utf8)
        let near = (atTheLimit + pastTheLimit).enumerated().map { "第\($0.offset)项：\($0.element)。" }
        let some = ["优化营商环境见成效。", "常务委员会审议。", "乡村振兴开新局。"]
        files["乙县_2024_报告.txt"] = Data((["乙县工作报告"] + near + some).joined(separator: "\n").utf8)
        let others = (atTheLimit + pastTheLimit).reversed().enumerated().map { "第\($0.offset)条：\($0.element)。" }
        files["丙县_2025_报告.txt"] = Data((["丙县工作报告"] + others).joined(separator: "\n").utf8)
        try write(files, in: corpus)
        let url = folder.appendingPathComponent("variants.sqlite")
        _ = try Indexer.index(folder: corpus, into: url)
        return try IndexDatabase.open(at: url)
    }

    /// The passages matching `term` unquoted, by the rule: (report, text).
    static func bruteForce(_ term: String, _ index: IndexDatabase) throws -> [(report: Int64, text: String, exact: Bool)] {
        let folded = FoldedText(term).scalars
        return try index.read { db in
            try Row.fetchAll(db, sql: "SELECT report_id, text FROM passages").compactMap { row in
                let text: String = row[1]
                let scalars = FoldedText(text)
                if scalars.contains(folded) { return (row[0], text, true) }
                return UnitsCountTests.variantMatches(term, scalars.scalars) ? (row[0], text, false) : nil
            }
        }
    }

    @Test func onlyATermAloneTakesTheRowIDPath() throws {
        let index = try Self.index()
        try index.read { db in
            for (text, sole) in [("乡村振兴", true), ("优化营商环境", true), ("\"乡村振兴\"", false),
                                 ("乡村振兴 推进", false), ("乡村振兴 unit:乙县", false), ("乡村振兴 -开新局", false),
                                 ("振兴", false)] {
                let compiled = try QueryCompiler.compile(try SearchQuery(parsing: text), db)
                #expect((compiled.soleVariant != nil) == sole, "\(text)")
            }
        }
    }

    @Test(arguments: ["乡村振兴", "优化营商环境", "常务委员会"])
    func countsSearchAndUnitsEqualTheRule(_ term: String) throws {
        let index = try Self.index()
        let expected = try Self.bruteForce(term, index)
        let variants = expected.filter { !$0.exact }
        #expect(!variants.isEmpty)
        let query = try SearchQuery(parsing: term)
        let reports = Set(expected.map(\.report)).count

        #expect(try Searcher(index: index).count(query) == MatchCount(passages: expected.count, reports: reports))
        let top = try Searcher(index: index).search(query, limit: 10)
        #expect(top.totalHits == expected.count && top.totalReports == reports)
        let all = try Searcher(index: index).search(query, limit: nil, perReport: nil)
        #expect(Set(all.hits.filter { $0.match == .variant }.map(\.text)) == Set(variants.map(\.text)))

        let units = try Aggregator(index: index).aggregate(query, by: .unit)
        #expect(units.totalHits == expected.count && units.totalReports == reports)
        let byReport = Dictionary(grouping: expected, by: \.report).mapValues(\.count)
        let perReport = try Aggregator(index: index).aggregate(query, by: .report)
        #expect(perReport.rows.map(\.passages).sorted() == byReport.values.sorted())
    }

    /// Several terms without filters: the variant tier's FTS5 expression is exact too (no text
    /// check), and its counts are the rule's; with a filter the check stays.
    @Test func severalTermsCountTheirVariantsFromTheIndex() throws {
        let index = try Self.index()
        try index.read { db in
            let plain = try QueryCompiler.compile(try SearchQuery(parsing: "乡村振兴 推进"), db)
            #expect(plain.tiers.count == 2 && plain.tiers[1].check == nil)
            let filtered = try QueryCompiler.compile(try SearchQuery(parsing: "乡村振兴 推进 unit:乙县"), db)
            #expect(filtered.tiers.count == 2 && filtered.tiers[1].check != nil)
        }
        for (text, term, other, negated) in [("乡村振兴 第1", "乡村振兴", "第1", false), ("优化营商环境 -政务", "优化营商环境", "政务", true)] {
            let folded = FoldedText(term).scalars
            let expected = try index.read { db in
                try Row.fetchAll(db, sql: "SELECT report_id, text FROM passages").filter { row in
                    let text = FoldedText(row[1] as String)
                    let hasTerm = text.contains(folded) || UnitsCountTests.variantMatches(term, text.scalars)
                    let hasOther = text.contains(FoldedText(other).scalars)
                    return hasTerm && hasOther != negated
                }
            }
            #expect(!expected.isEmpty)
            let query = try SearchQuery(parsing: text)
            let reports = Set(expected.map { $0[0] as Int64 }).count
            #expect(try Searcher(index: index).count(query) == MatchCount(passages: expected.count, reports: reports), "\(text)")
            let units = try Aggregator(index: index).aggregate(query, by: .unit)
            #expect(units.totalHits == expected.count && units.totalReports == reports, "\(text)")
            #expect(try Searcher(index: index).search(query, limit: 10).totalHits == expected.count, "\(text)")
        }
    }

    @Test func windowsAtTheLimitMatchAndPastItDoNot() throws {
        let index = try Self.index()
        for term in ["乡村振兴", "优化营商环境", "常务委员会"] {
            let hits = try Searcher(index: index).search(try SearchQuery(parsing: term), limit: nil, perReport: nil).hits
            let variants = hits.filter { $0.match == .variant }.map(\.text)
            let folded = FoldedText(term).scalars
            let atTheLimit = Self.atTheLimit.filter {
                !FoldedText($0).contains(folded) && UnitsCountTests.variantMatches(term, FoldedText($0).scalars)
            }
            #expect(atTheLimit.count == Self.atTheLimitOf[term], "\(term): \(atTheLimit)")
            // Each at the limit in both reports that hold it; nothing else, nothing past it.
            for text in atTheLimit { #expect(variants.filter { $0.contains(text) }.count == 2, "\(term): \(text)") }
            #expect(variants.count == 2 * atTheLimit.count, "\(term)")
            for text in Self.pastTheLimit { #expect(!variants.contains { $0.contains(text) }, "\(term): \(text)") }
        }
    }

    @Test func aPageWithFewExactHitsGoesOnWithTheBestVariants() throws {
        let index = try Self.index()
        let page = try Searcher(index: index).search(try SearchQuery(parsing: "优化营商环境"), limit: 10, perReport: nil)
        #expect(page.hits.first?.match == .exact)
        #expect(page.hits.contains { $0.match == .variant })
        let kinds = page.hits.map(\.match)
        #expect(kinds == kinds.sorted { $0 == .exact && $1 != .exact })
    }

    @Test(arguments: [
        ([1, 2, 3, 5, 8], [2, 5], [1, 3, 8]),
        ([1, 2, 3], [], [1, 2, 3]),
        ([], [1], []),
        ([4, 6], [1, 2, 3, 4, 5, 6, 7], []),
        ([10, 20, 30], [5, 15, 25, 35], [10, 20, 30]),
    ] as [([Int64], [Int64], [Int64])])
    func differenceOfAscendingIDs(_ all: [Int64], _ taken: [Int64], _ left: [Int64]) {
        #expect(Array(CompiledQuery.difference(RowIDs(all), RowIDs(taken))) == left)
    }

    @Test func idsOutOfOrderAreSorted() {
        #expect(Array(CompiledQuery.ascending(RowIDs([3, 1, 2, 3]))) == [1, 2, 3])
        #expect(Array(CompiledQuery.ascending(RowIDs([1, 5, 9]))) == [1, 5, 9])
    }

    /// The NEAR distance: the window less the shortest part less one, never the old twice the window.
    /// The NEAR distance: the parts plus 4, less the closest pair (length − 1 of one part and
    /// the length of the other): two parts of two, 5; of two and three, 5; three parts of
    /// two, 7; two of three, 5.
    @Test(arguments: [("乡村振兴", 0, 5), ("常务委员会", 0, 5), ("常务委员会", 1, 5), ("优化营商环境", 0, 7), ("优化营商环境", 1, 5)])
    func nearDistanceOfASplit(_ term: String, _ split: Int, _ distance: Int) throws {
        let plan = try #require(TermPlan(term))
        let variant = try #require(TermVariant(plan))
        #expect(TermVariant.nearDistance(variant.splits[split]) == distance)
    }

    /// The examples of ``TermVariant``'s documentation.
    @Test(arguments: [("推进乡村全面振兴", true), ("乡村、振兴", true), ("乡村道路建设完成后，振兴路段", false)])
    func documentedExamples(_ text: String, _ matches: Bool) throws {
        let plan = try #require(TermPlan("乡村振兴"))
        let variant = try #require(TermVariant(plan))
        #expect(variant.matches(FoldedText(text)) == matches)
        #expect(UnitsCountTests.variantMatches("乡村振兴", FoldedText(text).scalars) == matches)
    }

    /// The rule counts positions as the tokenizer numbers a document's tokens.
    @Test(arguments: ["乡村振兴", "乡村。振兴", "5G网络建设", "网络5g建设", "第3项：推进乡村振兴。", "ab cd，乡村 ef振兴",
                      "乡\u{200B}村", "㍻年", "全面推进 2024 年度乡村振兴工作", "（一）优化营商环境"])
    func positionsAreTheTokenizers(_ text: String) {
        let folded = FoldedText(text).scalars
        var view = String.UnicodeScalarView()
        for v in folded { view.append(Unicode.Scalar(v)!) }
        let document = String(view)
        // The scalar index of every byte offset.
        var scalarAt: [Int: Int] = [:]
        var offset = 0
        for (i, scalar) in document.unicodeScalars.enumerated() {
            scalarAt[offset] = i
            offset += String(scalar).utf8.count
        }
        let positions = TermVariant.positions(folded)
        let tokens = BigramTokenizer.tokens(in: document)
        #expect(!tokens.isEmpty)
        for token in tokens {
            #expect(positions[scalarAt[token.range.lowerBound]!] == token.position, "\(text): \(token)")
        }
    }
}
