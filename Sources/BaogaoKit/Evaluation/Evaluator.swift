import Foundation

/// Runs judged queries against an index and measures the ranking: nDCG@10, MRR and
/// recall@100 per query type.
///
/// ```swift
/// let report = try Evaluator(index: index).evaluate(try JudgedQuery.load(url))
/// report.overall.ndcg10
/// ```
public struct Evaluator: Sendable {
    public let index: IndexDatabase
    public let ranking: Searcher.Ranking

    public init(index: IndexDatabase, ranking: Searcher.Ranking = .full) {
        self.index = index
        self.ranking = ranking
    }

    /// The measures of one query or the mean over several.
    public struct Scores: Sendable, Hashable, Codable {
        public var ndcg10 = 0.0
        public var mrr = 0.0
        public var recall100 = 0.0
        public var queries = 0
    }

    public struct Report: Sendable, Hashable {
        public var perQuery: [(id: String, query: String, type: String, scores: Scores)]
        public var perType: [String: Scores]
        public var overall: Scores

        public static func == (a: Report, b: Report) -> Bool { a.overall == b.overall && a.perType == b.perType }
        public func hash(into hasher: inout Hasher) { hasher.combine(overall) }
    }

    public func evaluate(_ queries: [JudgedQuery]) throws(BaogaoError) -> Report {
        let searcher = Searcher(index: index)
        var perQuery: [(String, String, String, Scores)] = []
        for judged in queries {
            let query: SearchQuery
            do { query = try SearchQuery(parsing: judged.query) } catch {
                throw BaogaoError("judged query \(judged.id) «\(judged.query)»: \(error.message)")
            }
            let results = try searcher.search(query, limit: 100, ranking: ranking)
            let grades = results.hits.map { judged.grade(of: "\($0.path):\($0.line)") }
            let relevant = judged.judgments.filter { $0.grade >= 1 }
            let found = Set(results.hits.map { "\($0.path):\($0.line)" })
            var scores = Scores(queries: 1)
            scores.ndcg10 = RankingMetrics.ndcg(grades: grades, ideal: judged.judgments.map(\.grade), at: 10)
            let top = judged.judgments.contains { $0.grade >= 2 } ? 2 : 1
            scores.mrr = RankingMetrics.reciprocalRank(grades: grades, minimum: top)
            scores.recall100 = RankingMetrics.recall(found: relevant.filter { found.contains($0.passage) }.count,
                                                     relevant: relevant.count)
            perQuery.append((judged.id, judged.query, judged.type, scores))
        }
        func mean(_ list: [Scores]) -> Scores {
            guard !list.isEmpty else { return Scores() }
            let n = Double(list.count)
            return Scores(ndcg10: list.map(\.ndcg10).reduce(0, +) / n, mrr: list.map(\.mrr).reduce(0, +) / n,
                          recall100: list.map(\.recall100).reduce(0, +) / n, queries: list.count)
        }
        let perType = Dictionary(grouping: perQuery, by: \.2).mapValues { mean($0.map(\.3)) }
        return Report(perQuery: perQuery.map { ($0.0, $0.1, $0.2, $0.3) }, perType: perType,
                      overall: mean(perQuery.map(\.3)))
    }
}
