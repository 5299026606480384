import BaogaoBenchKit
import BaogaoKit
import Foundation
import GRDB

/// In-process latency of one group of queries, Baogao and trigram side by side.
struct GroupLatency: Codable {
    var group: String
    var queries: Int
    /// The median number of matching passages (brute force).
    var medianMatches: Int
    /// Ranked top-10 search with highlights and breadcrumbs (`Searcher.search(limit: 10)`).
    var baogaoTop10: LatencySummary?
    /// Exact count of matching passages (`Searcher.count`).
    var baogaoCount: LatencySummary?
    /// Answers that differed from the brute-force count (must be 0).
    var baogaoWrong: Int
    /// Top 10 by bm25 with the passage text, from the trigram index.
    var trigramTop10: LatencySummary?
    var trigramCount: LatencySummary?
    /// Queries trigram answered with the right count; 1–2-character phrases it cannot answer.
    var trigramRight: Int
}

/// Measures Baogao's searcher and the trigram baseline on the same queries, each query
/// `repetitions` times after one warm-up pass; a query's latency is the median of its runs.
/// Baogao's index keeps its passages' lengths in memory, as the server's does.
struct QueryLatency {
    let searcher: Searcher
    /// The trigram baseline, or nil to time Baogao alone (at sizes where no baseline was built).
    let trigram: DatabaseQueue?
    let repetitions: Int

    init(baogao: URL, trigram: URL?, repetitions: Int) throws {
        let index = try IndexDatabase.open(at: baogao)
        try index.keepPassageLengths(waiting: true)
        searcher = Searcher(index: index)
        var config = Configuration()
        config.readonly = true
        self.trigram = try trigram.map { try DatabaseQueue(path: $0.path, configuration: config) }
        self.repetitions = max(1, repetitions)
    }

    /// Whether the trigram tokenizer can answer: every term has 3 characters or more.
    static func trigramCanAnswer(_ query: BenchQuery) -> Bool {
        query.isPhrase && query.terms.allSatisfy { $0.unicodeScalars.count >= 3 }
    }

    /// One query's median latencies, in milliseconds.
    struct Medians {
        var top10: Double
        var count: Double
    }

    /// The latency of every group, and every query's medians (in the order of `queries`).
    func run(_ queries: [BenchQuery]) throws -> (groups: [GroupLatency], medians: [BenchQuery: Medians]) {
        var medians: [BenchQuery: Medians] = [:]
        var groups: [String] = []
        for q in queries where !groups.contains(q.group) { groups.append(q.group) }
        for q in queries { _ = try measure(q) }  // warm-up
        var results: [GroupLatency] = []
        for group in groups {
            let members = queries.filter { $0.group == group }
            var top10: [Double] = [], counts: [Double] = [], triTop: [Double] = [], triCount: [Double] = []
            var wrong = 0, trigramRight = 0
            for q in members {
                var runs: [Measured] = []
                for _ in 0..<repetitions { runs.append(try measure(q)) }
                top10.append(Percentiles.median(runs.map(\.top10))!)
                counts.append(Percentiles.median(runs.map(\.count))!)
                medians[q] = Medians(top10: top10.last!, count: counts.last!)
                if trigram != nil, Self.trigramCanAnswer(q) {
                    triTop.append(Percentiles.median(runs.map(\.trigramTop10))!)
                    triCount.append(Percentiles.median(runs.map(\.trigramCount))!)
                }
                if runs.contains(where: { !$0.baogaoRight }) { wrong += 1 }
                if runs[0].trigramRight { trigramRight += 1 }
            }
            results.append(GroupLatency(
                group: group, queries: members.count,
                medianMatches: Int(Percentiles.median(members.map { Double($0.expected) }) ?? 0),
                baogaoTop10: LatencySummary(milliseconds: top10), baogaoCount: LatencySummary(milliseconds: counts),
                baogaoWrong: wrong,
                trigramTop10: LatencySummary(milliseconds: triTop), trigramCount: LatencySummary(milliseconds: triCount),
                trigramRight: trigramRight))
        }
        return (results, medians)
    }

    private struct Measured {
        var top10 = 0.0, count = 0.0, trigramTop10 = 0.0, trigramCount = 0.0
        var baogaoRight = true, trigramRight = false
    }

    private func measure(_ q: BenchQuery) throws -> Measured {
        var m = Measured()
        let query = try SearchQuery(parsing: q.text)
        let (results, top10) = try Clock.measure { try searcher.search(query, limit: 10) }
        m.top10 = top10
        // Identical passages collapse into one hit, so a page may show fewer than 10.
        m.baogaoRight = results.totalHits == q.expected && results.hits.isEmpty == (q.expected == 0)
            && results.hits.count <= 10 && results.hits.allSatisfy { hit in
                if hit.match == .variant {
                    // Only an unquoted term finds its near variants, and each must hold.
                    return !q.isPhrase && q.terms.allSatisfy { term in
                        TermPlan(term).flatMap(TermVariant.init)?.matches(FoldedText(hit.text)) == true
                    }
                }
                let folded = ScalarFolding.fold(hit.text)
                return q.terms.allSatisfy { folded.contains($0) }
            }
        let (count, countTime) = try Clock.measure { try searcher.count(query) }
        m.count = countTime
        m.baogaoRight = m.baogaoRight && count.passages == q.expected

        guard let trigram else { return m }
        let match = q.terms.map { "\"\($0)\"" }.joined(separator: " AND ")
        try trigram.read { db in
            if Self.trigramCanAnswer(q) {
                let (_, top) = try Clock.measure {
                    try Row.fetchAll(db.cachedStatement(sql: """
                        SELECT p.id, p.text FROM (
                            SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT 10
                        ) t JOIN passages p ON p.id = t.rowid ORDER BY t.rank
                        """), arguments: [match])
                }
                m.trigramTop10 = top
            }
            let (n, time) = try Clock.measure {
                try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?"),
                                 arguments: [match]) ?? 0
            }
            m.trigramCount = time
            m.trigramRight = n == q.expected
        }
        return m
    }
}
