import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// The commonest two-character words are counted per report at index time (`report_bigrams`):
/// a passage holds one exactly when the tokenizer emits it, counts stay exact as files change,
/// and `units` answers the same from those counts as from ranking every match.
@Suite(.serialized)
struct FrequentBigramsTests {
    @Test func everyBigramHasOneSlot() {
        #expect(FrequentBigrams.count == 128)
        #expect(Set(FrequentBigrams.bigrams.map { UInt64($0.0) << 32 | UInt64($0.1) }).count == 128)
        for (slot, pair) in FrequentBigrams.bigrams.enumerated() {
            #expect(ScalarClass.of(pair.0) == .ideograph && ScalarClass.of(pair.1) == .ideograph)
            #expect(FrequentBigrams.slot(pair.0, pair.1) == slot)
            #expect(FrequentBigrams.slot(pair.1, pair.0) != slot || pair.0 == pair.1)
        }
    }

    /// The bigrams of the list among the tokens ``BigramTokenizer`` emits for `text`.
    static func tokenBigrams(_ text: String) -> Set<String> {
        let listed = Set(FrequentBigrams.bigrams.map { String(Unicode.Scalar($0.0)!) + String(Unicode.Scalar($0.1)!) })
        return Set(BigramTokenizer.tokens(in: text, mode: .document).map(\.text).filter { listed.contains($0) })
    }

    static func scanned(_ text: String) -> Set<String> {
        let slots = FrequentBigrams.slots(in: text)
        return Set((0..<FrequentBigrams.count).filter { slots.contains($0) }.map {
            String(Unicode.Scalar(FrequentBigrams.bigrams[$0].0)!) + String(Unicode.Scalar(FrequentBigrams.bigrams[$0].1)!)
        })
    }

    @Test(arguments: [
        ("推进高质量发展", ["发展", "推进", "高质", "质量", "量发"]),
        ("發展和建設", ["发展", "建设"]),        // traditional folds first
        ("发\u{200B}展", ["发展"]),              // an ignorable code point vanishes
        ("发 展，建、设", []),                     // a space or punctuation breaks the run
        ("5G发展A建设", ["发展", "建设"]),        // a word next to a run: the plain bigram is a token too
        ("发a展", []),
        ("ＸＸ单位", ["单位"]),                   // full-width letters are a word
        ("", []),
    ])
    func slotsAreTheTokenizersBigrams(_ text: String, _ expected: [String]) {
        #expect(Self.scanned(text) == Set(expected))
        #expect(Self.tokenBigrams(text) == Set(expected))
    }

    /// Random text from an alphabet of the list's characters, their traditional forms,
    /// letters, digits, spaces, punctuation and ignorable code points.
    @Test func slotsAgreeWithTheTokenizerOnRandomText() {
        let alphabet = Array("发展建设推进工作应当规定部门管理或者人民單位發經濟 ，。、aZ5０Ｘ\u{200B}\u{00AD}㍻⼀\n")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(Self.scanned(text) == Self.tokenBigrams(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The digest the indexer stores for a passage is its ``DuplicateKey``'s, on random text
    /// (folding, separators, ignorables, squared words): identical passages find each other.
    @Test func theStoredDuplicateIsTheKeyOnRandomText() {
        let alphabet = Array("发展建设推进工作單位發經濟 ，。、；aZ5０Ｘ\u{200B}\u{00AD}㍻⼀\n\t")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let key = DuplicateKey(FoldedText(text))
            #expect(PassageTerms(text).duplicate == (key.isCollapsible ? key.stored : nil),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Every bigram of the list: the counts `report_bigrams` gives equal brute force, and
    /// `units` counted per report (every tier above 0 matches) gives the rows that ranking every
    /// match gives, each row's best hit a match of its own group.
    func expectExact(_ index: IndexDatabase, _ note: String) throws {
        var seen = 0
        for pair in FrequentBigrams.bigrams {
            let term = String(Unicode.Scalar(pair.0)!) + String(Unicode.Scalar(pair.1)!)
            let expected = try bruteForceCount(of: term, in: index)
            let slot = FrequentBigrams.slot(pair.0, pair.1)!
            let stored = try index.read { try ReportBigrams.count(slot: slot, $0) }
            #expect(stored.passages == expected.passages && stored.reports == expected.reports, "\(term) \(note)")
            guard expected.passages > 0 else { continue }
            seen += 1
            let query = try SearchQuery(parsing: "\"\(term)\"")
            for grouping in Grouping.allCases {
                let perReport = try Aggregator(index: index, rankedAtMost: 0).aggregate(query, by: grouping)
                let ranked = try Aggregator(index: index, rankedAtMost: .max).aggregate(query, by: grouping)
                #expect(perReport.totalHits == expected.passages && perReport.totalReports == expected.reports, "\(term) \(note)")
                func counts(_ a: Aggregation) -> [String] {
                    a.rows.map { "\($0.unit ?? "-")|\($0.year ?? 0)|\($0.path ?? "")|\($0.passages)|\($0.reports)|\($0.years)" }.sorted()
                }
                #expect(counts(perReport) == counts(ranked), "\(term) by \(grouping) \(note)")
                for row in perReport.rows {
                    #expect(!FoldedText(row.best.text).occurrences(of: FoldedText(term).scalars).isEmpty, "\(term) \(note)")
                    if grouping == .unit { #expect(row.best.unit == row.unit, "\(term) \(note)") }
                    if grouping == .year { #expect(row.best.year == row.year, "\(term) \(note)") }
                }
            }
        }
        #expect(seen > 40, "the corpus should hold most of the bigrams")
    }

    /// Any query FTS5 answers exactly: counted per report (from `report_chars` for a common
    /// character, from FTS5's rowids otherwise), the rows are those of ranking every match.
    @Test(arguments: ["的", "展", "审", "\"乡村振兴\"", "推进", "发展 建设", "\"工作\" OR \"改革\"", "会议"])
    func unitsCountedPerReportEqualRankedUnits(_ text: String) throws {
        let url = try temporaryFolder().appendingPathComponent("units.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: url)
        let index = try IndexDatabase.open(at: url)
        let query = try SearchQuery(parsing: text)
        for grouping in Grouping.allCases {
            let perReport = try Aggregator(index: index, rankedAtMost: 0).aggregate(query, by: grouping)
            let ranked = try Aggregator(index: index, rankedAtMost: .max).aggregate(query, by: grouping)
            #expect(perReport.totalHits > 0, "\(text)")
            #expect(perReport.totalHits == ranked.totalHits && perReport.totalReports == ranked.totalReports, "\(text)")
            func counts(_ a: Aggregation) -> [String] {
                a.rows.map { "\($0.unit ?? "-")|\($0.year ?? 0)|\($0.path ?? "")|\($0.passages)|\($0.reports)" }.sorted()
            }
            #expect(counts(perReport) == counts(ranked), "\(text) by \(grouping)")
            #expect(perReport.rows.allSatisfy { !$0.best.highlights.isEmpty }, "\(text): every best hit shows its match")
        }
    }

    /// A widely matching common word is ranked from a sample drawn report by report: exact
    /// totals, and every hit a match; the searcher's count agrees.
    @Test(arguments: ["发展", "建设", "工作", "推进"])
    func aCommonWordIsSampledReportByReport(_ term: String) throws {
        let url = try temporaryFolder().appendingPathComponent("sampled.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: url)
        let index = try IndexDatabase.open(at: url)
        let expected = try bruteForceCount(of: term, in: index)
        #expect(expected.passages > 20)
        let query = try SearchQuery(parsing: "\"\(term)\"")
        let ranked = try index.read { db -> (passages: Int, reports: Int, best: [CompiledQuery.Match])? in
            let compiled = try QueryCompiler.compile(query, db)
            let slot = try #require(compiled.frequentBigram)
            var counts: [(report: Int64, passages: Int)] = []
            try ReportBigrams.forEachCount(slot: slot, db) { counts.append(($0, $1)) }
            return try compiled.rankedFromReports(db, wanted: 10, counts: counts, ranges: try #require(try ReportRanges.load(db)))
        }
        let result = try #require(ranked)
        #expect(result.passages == expected.passages && result.reports == expected.reports)
        #expect(result.best.count == 10)
        #expect(result.best.allSatisfy { !FoldedText($0.text).occurrences(of: FoldedText(term).scalars).isEmpty })
        #expect(Set(result.best.map(\.reportID)).count > 1, "the sample spreads over reports")
        let count = try Searcher(index: index).count(query)
        #expect(count.passages == expected.passages && count.reports == expected.reports)
    }

    @Test func countsAndUnitsStayExactAsFilesChange() throws {
        let folder = try copyOfSampleCorpus()
        let indexURL = try temporaryFolder().appendingPathComponent("bigrams.sqlite")
        _ = try Indexer.index(folder: folder, into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        try expectExact(index, "after a full build")

        try changeDeleteAndAddAReport(in: folder)
        _ = try Indexer.index(folder: folder, into: indexURL)
        try expectExact(index, "after an update")
        #expect(try IndexChecker.check(indexURL).problems.isEmpty)
    }
}
