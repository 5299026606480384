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
    @Option(help: "Time only this answer (top10, count or units), for profiling one; the others print -.")
    var only: Answer?
    @Flag(help: "Rank with FTS5's lookup of each match's length, as a command that searches once does, instead of the lengths a server keeps in memory.")
    var lookedUpLengths = false

    enum Answer: String, ExpressibleByArgument, CaseIterable {
        case top10, count, units
    }

    func validate() throws {
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1.") }
    }

    func run() throws {
        let database = try IndexDatabase.open(at: URL(fileURLWithPath: index))
        if !lookedUpLengths { try database.keepPassageLengths(waiting: true) }
        let searcher = Searcher(index: database)
        let aggregator = Aggregator(index: database)
        print("query\tpassages\treports\ttop10 ms\tcount ms\tunits ms")
        for text in queries {
            let query = try SearchQuery(parsing: text)
            func median(_ answer: Answer, _ body: () throws -> Void) rethrows -> Double {
                guard only == nil || only == answer else { return .nan }
                try body()  // warm-up
                var runs: [Double] = []
                for _ in 0..<repetitions { runs.append(try Clock.measure(body).1) }
                return Percentiles.median(runs) ?? 0
            }
            let top10 = try median(.top10) { _ = try searcher.search(query, limit: 10) }
            let counted = try searcher.count(query)
            let count = try median(.count) { _ = try searcher.count(query) }
            let units = try median(.units) { _ = try aggregator.aggregate(query, by: .unit) }
            func ms(_ value: Double, _ digits: Int) -> String { value.isNaN ? "-" : Format.fixed(value, digits) }
            print("\(text)\t\(counted.passages)\t\(counted.reports)\t\(ms(top10, 2))\t\(ms(count, 2))\t\(ms(units, 1))")
        }
    }
}
