import Foundation
import Testing
@testable import BaogaoKit

/// Ranking quality on the judged queries of eval/ stays above the recorded floor, and beats
/// plain bm25; the judgments still point at the passages they judged.
@Suite(.serialized)
struct RankingEvaluationTests {
    struct Floor: Decodable {
        var ndcg10: Double
        var mrr: Double
        var recall100: Double
    }

    let index: IndexDatabase
    let queries: [JudgedQuery]

    init() throws {
        let url = try temporaryFolder().appendingPathComponent("eval.sqlite")
        _ = try Indexer.index(folder: sampleCorpus, into: url)
        index = try IndexDatabase.open(at: url)
        queries = try JudgedQuery.load(repositoryRoot.appendingPathComponent("eval/judgments.jsonl"))
    }

    @Test func judgmentsPointAtTheirPassages() throws {
        #expect(queries.count >= 40)
        #expect(Set(queries.map(\.id)).count == queries.count)
        for query in queries {
            #expect(query.judgments.contains { $0.grade == 2 }, "\(query.id) has no passage about it")
            for judgment in query.judgments {
                let parts = judgment.passage.split(separator: ":")
                let lines = try String(contentsOf: sampleCorpus.appendingPathComponent(String(parts[0])), encoding: .utf8)
                    .split(separator: "\n", omittingEmptySubsequences: false)
                let line = try #require(Int(parts[1]))
                #expect(line <= lines.count, "\(query.id): \(judgment.passage) is past the end")
                if let starts = judgment.starts, line <= lines.count {
                    #expect(lines[line - 1].hasPrefix(starts), "\(query.id): \(judgment.passage) changed")
                }
            }
        }
    }

    @Test func rankingStaysAboveTheFloor() throws {
        let floor = try JSONDecoder().decode(Floor.self, from: Data(contentsOf: repositoryRoot.appendingPathComponent("eval/floor.json")))
        let full = try Evaluator(index: index).evaluate(queries).overall
        #expect(full.ndcg10 >= floor.ndcg10, "nDCG@10 \(full.ndcg10) fell below \(floor.ndcg10)")
        #expect(full.mrr >= floor.mrr, "MRR \(full.mrr) fell below \(floor.mrr)")
        #expect(full.recall100 >= floor.recall100, "recall@100 \(full.recall100) fell below \(floor.recall100)")
        let bm25 = try Evaluator(index: index, ranking: .bm25).evaluate(queries).overall
        #expect(full.ndcg10 > bm25.ndcg10, "full ranking \(full.ndcg10) should beat plain bm25 \(bm25.ndcg10)")
    }

    @Test(arguments: [
        ([2, 1, 0], [2, 1], 1.0),
        ([0, 0, 0], [2], 0.0),
    ])
    func ndcg(_ grades: [Int], _ ideal: [Int], _ expected: Double) {
        #expect(abs(RankingMetrics.ndcg(grades: grades, ideal: ideal, at: 10) - expected) < 1e-9)
    }

    @Test func reciprocalRankAndRecall() {
        #expect(RankingMetrics.reciprocalRank(grades: [0, 1, 2], minimum: 2) == 1.0 / 3)
        #expect(RankingMetrics.reciprocalRank(grades: [0, 1, 2], minimum: 2, at: 2) == 0)
        #expect(RankingMetrics.recall(found: 3, relevant: 4) == 0.75)
    }
}
