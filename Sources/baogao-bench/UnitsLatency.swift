import BaogaoBenchKit
import BaogaoKit
import Foundation

/// `units` (matching passages per unit, and per year as the page's chart) for the commonest
/// words, which match a large share of all passages, alone and several in a query, and for
/// sampled phrases.
struct UnitsLatency: Codable {
    /// One query's `units` timings.
    struct Term: Codable {
        var query: String
        /// Matching passages (brute force) and the reports holding them.
        var matches: Int
        var reports: Int
        /// Median milliseconds of `units QUERY` (by unit) and `units QUERY --by year`.
        var byUnit: Double
        var byYear: Double
        /// Rows of the unit grouping.
        var units: Int
    }

    /// The words every report uses (的, 发展, 工作, …), each measured, then ``frequentQueries``.
    var frequent: [Term]
    /// By unit, over sampled queries of every group.
    var sampled: LatencySummary?
    /// Totals that differed from the brute-force count (must be 0).
    var wrong: Int

    /// Words of government reports and laws in most passages: the costliest `units` queries.
    static let frequentWords = ["的", "发展", "工作", "规定", "人民", "第", "建设"]
    /// Several of them in one query, a single character among them: FTS5 finds a character
    /// through a prefix query that merges every bigram starting with it (`units 的 工作` took
    /// 1.5–2.6 s at 1 GB before d338136).
    static let frequentQueries = [["的", "工作"], ["人民", "政府", "的"]]

    static func measure(index: URL, corpus: FoldedCorpus, sample: [BenchQuery], repetitions: Int) throws -> UnitsLatency {
        let database = try IndexDatabase.open(at: index)
        try database.keepPassageLengths(waiting: true)  // as the server's
        let aggregator = Aggregator(index: database)
        var wrong = 0
        func time(_ text: String, _ grouping: Grouping, expected: Int) throws -> (ms: Double, rows: Aggregation) {
            let query = try SearchQuery(parsing: text)
            var runs: [Double] = []
            var last: Aggregation?
            _ = try aggregator.aggregate(query, by: grouping)  // warm-up
            for _ in 0..<max(1, repetitions) {
                let (aggregation, ms) = try Clock.measure { try aggregator.aggregate(query, by: grouping) }
                runs.append(ms)
                last = aggregation
            }
            if last!.totalHits != expected { wrong += 1 }
            return (Percentiles.median(runs)!, last!)
        }
        var frequent: [Term] = []
        for word in frequentWords {
            let folded = ScalarFolding.fold(word)
            let expected = corpus.passages(containing: folded).count
            let (byUnit, aggregation) = try time("\"\(word)\"", .unit, expected: expected)
            let (byYear, _) = try time("\"\(word)\"", .year, expected: expected)
            frequent.append(Term(query: word, matches: expected, reports: aggregation.totalReports,
                                 byUnit: byUnit, byYear: byYear, units: aggregation.rows.count))
        }
        for terms in frequentQueries {
            let held = terms.map { Set(corpus.passages(containing: ScalarFolding.fold($0))) }
            let expected = held.dropFirst().reduce(held[0]) { $0.intersection($1) }.count
            let text = terms.map { "\"\($0)\"" }.joined(separator: " ")
            let (byUnit, aggregation) = try time(text, .unit, expected: expected)
            let (byYear, _) = try time(text, .year, expected: expected)
            frequent.append(Term(query: terms.joined(separator: " "), matches: expected, reports: aggregation.totalReports,
                                 byUnit: byUnit, byYear: byYear, units: aggregation.rows.count))
        }
        var sampled: [Double] = []
        var groups: [String: Int] = [:]
        for q in sample where q.isPhrase && (groups[q.group] ?? 0) < 5 {
            groups[q.group, default: 0] += 1
            sampled.append(try time(q.text, .unit, expected: q.expected).ms)
        }
        return UnitsLatency(frequent: frequent, sampled: LatencySummary(milliseconds: sampled), wrong: wrong)
    }
}
