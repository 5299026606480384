import ArgumentParser
import BaogaoBenchKit
import BaogaoKit
import Foundation

/// `baogao-bench time INDEX QUERY…`: in-process medians of one or more queries' top 10, exact
/// count and `units`, without sampling or brute force; for profiling one query on a large index.
struct TimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time",
        abstract: "Time given queries (top 10, count, units) on an existing index.",
        shouldDisplay: false
    )

    @Argument var index: String
    @Argument(help: "Queries, each one argument.") var queries: [String]
    @Option var repetitions = 5

    func validate() throws {
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1.") }
    }

    func run() throws {
        let database = try IndexDatabase.open(at: URL(fileURLWithPath: index))
        let searcher = Searcher(index: database)
        let aggregator = Aggregator(index: database)
        print("query\tpassages\treports\ttop10 ms\tcount ms\tunits ms")
        for text in queries {
            let query = try SearchQuery(parsing: text)
            func median(_ body: () throws -> Void) rethrows -> Double {
                try body()  // warm-up
                var runs: [Double] = []
                for _ in 0..<repetitions { runs.append(try Clock.measure(body).1) }
                return Percentiles.median(runs) ?? 0
            }
            let top10 = try median { _ = try searcher.search(query, limit: 10) }
            var counted = MatchCount(passages: 0, reports: 0)
            let count = try median { counted = try searcher.count(query) }
            let units = try median { _ = try aggregator.aggregate(query, by: .unit) }
            print("\(text)\t\(counted.passages)\t\(counted.reports)\t\(Format.fixed(top10, 2))\t\(Format.fixed(count, 2))\t\(Format.fixed(units, 1))")
        }
    }
}
