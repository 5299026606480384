import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `units` counts equal a brute-force count over the sample corpus, for queries with filters
/// and exclusions; and no string a user can type crashes or leaks a SQLite error.
@Suite(.serialized)
struct UnitsCountTests {
    struct Passage {
        var reportID: Int64
        var text: FoldedText
        var unit: String?
        var year: Int?
        var title: String?
        var trail: [String]
    }

    let index: IndexDatabase
    let passages: [Passage]
    let units: UnitResolver

    init() throws {
        let url = try temporaryFolder().appendingPathComponent("units.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: url)
        index = try IndexDatabase.open(at: url)
        (passages, units) = try index.read { db in
            let hydrator = HitHydrator(db: db, plans: [])
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.report_id, p.section_id, p.text, r.unit, r.year, r.title
                FROM passages p JOIN reports r ON r.id = p.report_id
                """)
            let passages = try rows.map { row in
                Passage(reportID: row["report_id"], text: FoldedText(row["text"]), unit: row["unit"], year: row["year"],
                        title: row["title"], trail: try hydrator.trail(of: row["section_id"]))
            }
            return (passages, try UnitResolver(db))
        }
    }

    /// The documented variant rule, checked by brute force: an unquoted term of 4+ ideographs,
    /// split in any way into parts of 2 or 3 characters (the first 8 splits), matches when for
    /// some split one occurrence of every part (its bigram tokens at consecutive positions of
    /// the document's tokens) stands, as FTS5's NEAR asks, at most its token count plus the
    /// distance before the last part; the distance is the parts' length plus 4, less the
    /// smallest (length − 1 of one part + length of another).
    static func variantMatches(_ term: String, _ text: [UInt32]) -> Bool {
        let folded = FoldedText(term).scalars
        guard folded.count >= 4, folded.allSatisfy({ ScalarClass.of($0) == .ideograph }) else { return false }
        var splits: [[[UInt32]]] = []
        func split(_ from: Int, _ parts: [[UInt32]]) {
            if from == folded.count { splits.append(parts); return }
            for size in [2, 3] where from + size <= folded.count && !(from == 0 && size == folded.count) {
                split(from + size, parts + [Array(folded[from..<from + size])])
            }
        }
        split(0, [])
        var document = String.UnicodeScalarView()
        for v in text { document.append(Unicode.Scalar(v)!) }
        var tokensAt: [Int: Set<String>] = [:]
        for token in BigramTokenizer.tokens(in: String(document)) { tokensAt[token.position, default: []].insert(token.text) }
        func string(_ scalars: ArraySlice<UInt32>) -> String {
            var view = String.UnicodeScalarView()
            for v in scalars { view.append(Unicode.Scalar(v)!) }
            return String(view)
        }
        return splits.prefix(8).contains { parts in
            let starts = parts.map { part in
                tokensAt.keys.sorted().filter { p in
                    (0..<(part.count - 1)).allSatisfy { k in tokensAt[p + k]?.contains(string(part[k...(k + 1)])) == true }
                }
            }
            guard starts.allSatisfy({ !$0.isEmpty }) else { return false }
            var closest = Int.max
            for (i, a) in parts.enumerated() { for (j, b) in parts.enumerated() where i != j { closest = min(closest, a.count - 1 + b.count) } }
            let distance = parts.reduce(0) { $0 + $1.count } + 4 - closest
            func search(_ k: Int, _ chosen: [Int]) -> Bool {
                if k == parts.count {
                    let last = chosen.max()!
                    return zip(chosen, parts).allSatisfy { last - $0 <= $1.count - 1 + distance }
                }
                return starts[k].contains { search(k + 1, chosen + [$0]) }
            }
            return search(0, [])
        }
    }

    /// The query's meaning, evaluated directly on one passage.
    func matches(_ node: SearchQuery.Node, _ p: Passage, negated: Bool = false) throws -> Bool {
        func contains(_ text: String?, _ needle: String) -> Bool {
            guard let text else { return false }
            return FoldedText(text).contains(FoldedText(needle).scalars)
        }
        switch node {
        case .term(let t):
            return p.text.contains(FoldedText(t.text).scalars)
                || (!t.quoted && !negated && Self.variantMatches(t.text, p.text.scalars))
        case .and(let xs): return try xs.allSatisfy { try matches($0, p, negated: negated) }
        case .or(let xs): return try xs.contains { try matches($0, p, negated: negated) }
        case .not(let x): return try !matches(x, p, negated: true)
        case .filter(let f, let column):
            switch f {
            case .unit(let name): return try p.unit.map(units.resolve(name, column: column).contains) ?? false
            case .year(let range): return p.year.map(range.contains) ?? false
            case .section(let s): return p.trail.contains { contains($0, s) }
            case .title(let s): return contains(p.title, s)
            }
        }
    }

    static let queries = [
        "乡村振兴",
        "万人助万企",
        "乡村振兴 OR 乡村全面振兴",
        "乡村振兴 -疫情",
        "(乡村振兴 OR 万人助万企) -unit:市农业农村局",
        "党建 unit:市XX办",
        "党 year:2022..2023",
        "企业 section:营商环境",
        "工作 title:总结 -year:2021",
        "振兴 -\"乡村。\"",
        "\"乡村。振兴\" OR 万人助万企",
        "XX -(党 OR 企业)",
        "\"乡村振兴\"",
        "优化营商环境",
    ]

    @Test(arguments: queries)
    func countsEqualBruteForce(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let matching = try passages.filter { try matches(query.root, $0) }
        #expect(!matching.isEmpty, "the corpus should answer \(text)")

        let byUnit = try Aggregator(index: index).aggregate(query, by: .unit)
        #expect(byUnit.totalHits == matching.count)
        #expect(byUnit.totalReports == Set(matching.map(\.reportID)).count)
        let expectedUnits = Dictionary(grouping: matching, by: \.unit)
        #expect(byUnit.rows.count == expectedUnits.count)
        for row in byUnit.rows {
            let group = expectedUnits[row.unit] ?? []
            #expect(row.passages == group.count, "\(text): unit \(row.unit ?? "nil")")
            #expect(row.reports == Set(group.map(\.reportID)).count)
            #expect(row.years == Set(group.compactMap(\.year)).sorted())
            #expect(row.best.unit == row.unit)
        }
        #expect(byUnit.rows.map(\.passages) == byUnit.rows.map(\.passages).sorted(by: >))

        let byYear = try Aggregator(index: index).aggregate(query, by: .year)
        let expectedYears = Dictionary(grouping: matching, by: \.year)
        #expect(Dictionary(uniqueKeysWithValues: byYear.rows.map { ($0.year, $0.passages) })
                == expectedYears.mapValues(\.count))

        let byReport = try Aggregator(index: index).aggregate(query, by: .report)
        #expect(byReport.rows.count == Set(matching.map(\.reportID)).count)
        #expect(byReport.rows.map(\.passages).reduce(0, +) == matching.count)

        let search = try Searcher(index: index).search(query, limit: nil)
        #expect(search.totalHits == matching.count)
    }

    /// The page's facets and chart: the counts of `units` by unit and by year, read without any
    /// group's best hit, are those of `units` itself and of a brute-force count.
    @Test(arguments: queries + ["党", "工作", "发展", "乡村振兴 -\"乡村振兴\"", "市"])
    func countsWithoutBestHitsAreThoseOfUnits(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        let matching = try passages.filter { try matches(query.root, $0) }
        let both = try Aggregator(index: index).counts(query, by: [.unit, .year])
        #expect(both.count == 2)
        for (grouping, together) in zip([Grouping.unit, .year], both) {
            let full = try Aggregator(index: index).aggregate(query, by: grouping)
            let counts = try #require(try Aggregator(index: index).counts(query, by: [grouping]).first)
            #expect(counts == together, "\(text) by \(grouping): alone and with the other grouping")
            #expect(counts.totalHits == matching.count, "\(text) by \(grouping)")
            #expect(counts.totalReports == full.totalReports, "\(text) by \(grouping)")
            struct Row: Hashable { var unit: String?, year: Int?, reports: Int, passages: Int }
            #expect(Set(counts.rows.map { Row(unit: $0.unit, year: $0.year, reports: $0.reports, passages: $0.passages) })
                    == Set(full.rows.map { Row(unit: $0.unit, year: $0.year, reports: $0.reports, passages: $0.passages) }),
                    "\(text) by \(grouping)")
            #expect(counts.rows.count == full.rows.count)
            if grouping == .unit {
                #expect(counts.rows.map(\.passages) == counts.rows.map(\.passages).sorted(by: >))
                #expect(counts.rows.allSatisfy { $0.year == nil })
            } else {
                #expect(counts.rows.map { $0.year ?? Int.max } == counts.rows.map { $0.year ?? Int.max }.sorted())
                #expect(counts.rows.allSatisfy { $0.unit == nil })
            }
        }
    }

    /// Each unit's best hit is its match with the best bm25, whether the ranking read passage
    /// text (a tier FTS5 only approximates) or only ids (one it answers exactly). The hit is
    /// found by path and line: a phrase alone may be scored without its IDF, on another scale.
    @Test(arguments: ["党", "工作", "\"乡村振兴\"", "乡村振兴", "\"乡村。振兴\""])
    func eachUnitsBestHitHasItsBestRank(_ text: String) throws {
        struct Place: Hashable { var path: String, line: Int }
        let query = try SearchQuery(parsing: text)
        let exact = try index.read { db -> [(unit: String?, place: Place, rank: Double)] in
            let compiled = try QueryCompiler.compile(query, db)
            var found: [(unit: String?, place: Place, rank: Double)] = []
            try compiled.forEachMatch(in: compiled.tiers[0], db, ranked: true, limit: nil) { match in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT unit, path FROM reports WHERE id = ?",
                                                        arguments: [match.reportID]))
                found.append((row[0], Place(path: row[1], line: match.line), match.rank))
                return true
            }
            return found
        }
        let bestRank = Dictionary(exact.map { ($0.unit, $0.rank) }, uniquingKeysWith: min)
        let rankAt = Dictionary(exact.map { ($0.place, $0.rank) }, uniquingKeysWith: min)
        let rows = try Aggregator(index: index).aggregate(query, by: .unit).rows.filter { $0.best.match == .exact }
        #expect(!rows.isEmpty)
        for row in rows {
            let best = try #require(bestRank[row.unit])
            let shown = try #require(rankAt[Place(path: row.best.path, line: row.best.line)], "\(text): \(row.best.path)")
            #expect(abs(shown - best) < 1e-9, "\(text): unit \(row.unit ?? "nil")")
        }
    }

    /// Whether the matching reports' units and years are read by id, in one scan of every
    /// report, or from the table the process keeps, the rows are the same, in the same order.
    @Test(arguments: ["党", "\"乡村振兴\"", "工作 OR 发展", "乡村振兴 year:2023"])
    func reportsReadByIDOrInOneScanGroupAlike(_ text: String) throws {
        let query = try SearchQuery(parsing: text)
        for grouping in Grouping.allCases {
            let byID = try Aggregator(index: index, rankedAtMost: Aggregator.rankedAtMost, keptUnitsAndYears: false)
                .aggregate(query, by: grouping)
            let scanned = try Aggregator(index: index, rankedAtMost: Aggregator.rankedAtMost, readByIDAtMost: 0,
                                         keptUnitsAndYears: false).aggregate(query, by: grouping)
            let kept = try Aggregator(index: index, rankedAtMost: Aggregator.rankedAtMost, readByIDAtMost: 0)
                .aggregate(query, by: grouping)
            #expect(!byID.rows.isEmpty, "\(text) by \(grouping)")
            #expect(byID == scanned, "\(text) by \(grouping)")
            #expect(byID == kept, "\(text) by \(grouping)")
        }
    }

    /// Random strings of CJK, ASCII punctuation, quotes, colons, parentheses, emoji and control
    /// characters: every one is either an answer or a message, never a crash or SQLite's words.
    @Test func randomStringsNeverCrashOrLeakSQLite() throws {
        let alphabet: [String] = ["乡", "村", "振", "兴", "党", "建", "市", "X", "a", "Z", "1", "2", " ", " ", "\u{3000}",
                                  "\"", "\"", "'", ":", "：", "(", ")", "（", "）", "-", "*", "^", "+", "OR", "AND", "NOT",
                                  "NEAR", "unit:", "year:", "section:", "title:", "..", "，", "。", "😀", "\u{0}", "\u{7}",
                                  "\n", "\t", "\\", "{", "}", "%", "_", "$", "2021", "“", "”", "\u{200B}", "é", "ｑ"]
        var rng = SplitMix64(seed: 42)
        var answered = 0
        var refused = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 1...10, using: &rng)
            let text = (0..<count).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            do {
                let query = try SearchQuery(parsing: text)
                _ = try Searcher(index: index).search(query, limit: 5)
                _ = try Aggregator(index: index).aggregate(query, by: .unit)
                answered += 1
            } catch let error as QueryError {
                #expect(!error.message.isEmpty)
                refused += 1
            } catch let error as BaogaoError {
                for leak in ["SQLite", "sqlite", "fts5", "syntax error", "MATCH", "malformed"] {
                    #expect(!error.message.contains(leak), "«\(text)» leaked: \(error.message)")
                }
                refused += 1
            }
        }
        #expect(answered > 300)
        #expect(refused > 300)
    }
}
