import ArgumentParser
import BaogaoKit
import BaogaoBenchKit
import Foundation

/// `baogao-bench queries BAOGAO.sqlite [TRIGRAM.sqlite]`: only the in-process query part, on
/// indexes a previous run left in its work folder; for profiling query changes quickly.
/// Without a trigram index Baogao is timed alone.
struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "Time the sampled queries on existing Baogao and trigram indexes.",
        shouldDisplay: false
    )

    @Argument var baogao: String
    @Argument var trigram: String?
    @Option var queries = 30
    @Option var repetitions = 3
    @Option(help: "Only this group (1, 2, 3, 4, 6, 8, '2 terms' or '4 unquoted').") var group: String?
    @Option(help: "Only these queries (as sampled, quotes included), for profiling one.") var only: [String] = []
    @Flag(help: "Print every query's medians.") var verbose = false

    func run() throws {
        let folded = try FoldedCorpus(index: URL(fileURLWithPath: baogao))
        var sample = QuerySampler.sample(folded, perGroup: queries, seed: CorpusPreparation.seed)
        if let group { sample = sample.filter { $0.group == group } }
        if !only.isEmpty { sample = sample.filter { only.contains($0.text) } }
        let latency = try QueryLatency(baogao: URL(fileURLWithPath: baogao), trigram: trigram.map { URL(fileURLWithPath: $0) },
                                       repetitions: repetitions)
        let (groups, medians) = try latency.run(sample)
        if verbose {
            for q in sample {
                let m = medians[q]!
                print("\(q.text)\t\(q.expected)\ttop10 \(Format.fixed(m.top10, 2))\tcount \(Format.fixed(m.count, 2))")
            }
        }
        for g in groups {
            func f(_ s: BaogaoBenchKit.LatencySummary?) -> String {
                s.map { "\(Format.fixed($0.p50, 2))/\(Format.fixed($0.p95, 2))/\(Format.fixed($0.p99, 2))" } ?? "-"
            }
            print("\(g.group)\tn \(g.queries)\thits \(g.medianMatches)\ttop10 \(f(g.baogaoTop10))\tcount \(f(g.baogaoCount))"
                  + "\ttri \(f(g.trigramTop10))/\(f(g.trigramCount))\twrong \(g.baogaoWrong)")
        }
    }
}
