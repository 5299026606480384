import ArgumentParser
import BaogaoKit
import Foundation

/// `baogao-eval`: measures ranking on the judged queries of eval/judgments.jsonl and by
/// known-item search, beside a plain bm25 ranking in the same run.
@main
struct BaogaoEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baogao-eval",
        abstract: "Measure Baogao's ranking: nDCG@10, MRR and recall@100 on judged queries; MRR@10 on known items."
    )

    @Option(help: "Judged queries (JSON Lines).")
    var judgments = "eval/judgments.jsonl"

    @Option(help: "The folder the judgments refer to.")
    var corpus = "corpus"

    @Option(help: "A folder of real reports for known-item search (default ../shared/corpus-real when present).")
    var knownItems: String?

    @Option(help: "How many passages known-item search samples.")
    var samples = 200

    @Flag(help: "Print every query's scores.")
    var verbose = false

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("baogao-eval-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let indexURL = work.appendingPathComponent("judged.sqlite")
        _ = try Indexer.index(folder: URL(fileURLWithPath: corpus), into: indexURL)
        let index = try IndexDatabase.open(at: indexURL)
        let queries = try JudgedQuery.load(URL(fileURLWithPath: judgments))

        print("Judged queries: \(queries.count) over \(corpus)/")
        print("type          queries  ranking   nDCG@10   MRR    recall@100")
        var overall: [Searcher.Ranking: Evaluator.Scores] = [:]
        var reports: [Searcher.Ranking: Evaluator.Report] = [:]
        for ranking in Searcher.Ranking.allCases {
            let report = try Evaluator(index: index, ranking: ranking).evaluate(queries)
            reports[ranking] = report
            overall[ranking] = report.overall
        }
        let types = Set(queries.map(\.type)).sorted()
        for type in types + ["all"] {
            for ranking in Searcher.Ranking.allCases {
                let s = type == "all" ? reports[ranking]!.overall : reports[ranking]!.perType[type]!
                print(String(format: "%-13@ %7d  %-8@ %7.3f  %6.3f  %9.3f",
                             type as NSString, s.queries, ranking.rawValue as NSString, s.ndcg10, s.mrr, s.recall100))
            }
        }
        if verbose {
            print("\nper query (full ranking):")
            for q in reports[.full]!.perQuery {
                print(String(format: "%@  %-10@ nDCG@10 %.3f  MRR %.3f  recall %.3f  %@",
                             q.id as NSString, q.type as NSString, q.scores.ndcg10, q.scores.mrr, q.scores.recall100, q.query as NSString))
            }
        }

        let known = knownItems ?? (FileManager.default.fileExists(atPath: "../shared/corpus-real") ? "../shared/corpus-real" : nil)
        guard let known else {
            print("\nKnown-item search: skipped (no folder; pass --known-items FOLDER)")
            return
        }
        let knownURL = work.appendingPathComponent("known.sqlite")
        _ = try Indexer.index(folder: URL(fileURLWithPath: known), into: knownURL)
        let result = try KnownItemEvaluation(index: try IndexDatabase.open(at: knownURL)).run(samples: samples)
        print("\nKnown-item search over \(known): \(result.samples) passages, queries of 2–3 distinctive spans")
        for ranking in Searcher.Ranking.allCases {
            print(String(format: "  %-5@ MRR@10 %.3f   found first %.1f%%", ranking.rawValue as NSString,
                         result.mrr10[ranking] ?? 0, 100 * (result.first[ranking] ?? 0)))
        }
    }
}
