import Foundation
import GRDB

/// Known-item search, an evaluation that needs no judgments: take a passage, make a query from
/// two or three of its distinctive 2–4-character spans, and see where the passage ranks.
///
/// ```swift
/// let result = try KnownItemEvaluation(index: index).run(samples: 200, seed: 7)
/// result.mrr10[.full]  // mean reciprocal rank of the source passage within the top 10
/// ```
public struct KnownItemEvaluation: Sendable {
    public let index: IndexDatabase

    public init(index: IndexDatabase) {
        self.index = index
    }

    public struct Result: Sendable {
        /// How many passages were sampled and searched.
        public var samples: Int
        /// MRR@10 per ranking.
        public var mrr10: [Searcher.Ranking: Double]
        /// The share of samples whose passage ranked first, per ranking.
        public var first: [Searcher.Ranking: Double]
    }

    /// Spans occurring in at most this many passages count as distinctive.
    static let maximumFrequency = 30

    public func run(samples: Int = 200, seed: UInt64 = 20261129) throws(BaogaoError) -> Result {
        let passages: [(path: String, line: Int, text: FoldedText)] = try index.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.path, p.line, p.text FROM passages p JOIN reports r ON r.id = p.report_id ORDER BY p.id
                """).map { ($0["path"], $0["line"], FoldedText($0["text"])) }
        }
        guard !passages.isEmpty else { throw BaogaoError("the index has no passages to sample") }
        var rng = SeededGenerator(seed: seed)
        var frequencies: [String: Int] = [:]
        func frequency(_ span: [UInt32]) -> Int {
            let key = String(String.UnicodeScalarView(span.compactMap(Unicode.Scalar.init)))
            if let known = frequencies[key] { return known }
            let count = passages.reduce(0) { $0 + ($1.text.contains(span) ? 1 : 0) }
            frequencies[key] = count
            return count
        }

        var reciprocal: [Searcher.Ranking: Double] = [:]
        var firsts: [Searcher.Ranking: Int] = [:]
        var done = 0
        var attempts = 0
        while done < samples && attempts < samples * 20 {
            attempts += 1
            let source = passages[Int.random(in: 0..<passages.count, using: &rng)]
            let scalars = source.text.scalars
            guard scalars.count >= 30 else { continue }
            // Candidate spans: 2–4 ideographs at random places, kept when distinctive.
            var spans: [[UInt32]] = []
            for _ in 0..<40 where spans.count < 3 {
                let length = Int.random(in: 2...4, using: &rng)
                let start = Int.random(in: 0...(scalars.count - length), using: &rng)
                let span = Array(scalars[start..<(start + length)])
                guard span.allSatisfy({ ScalarClass.of($0) == .ideograph }),
                      !spans.contains(where: { $0 == span }) else { continue }
                let f = frequency(span)
                if f >= 2 && f <= Self.maximumFrequency { spans.append(span) }
            }
            guard spans.count >= 2 else { continue }
            let text = spans.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }
                .map { "\"\($0)\"" }.joined(separator: " ")
            let query: SearchQuery
            do { query = try SearchQuery(parsing: text) } catch { continue }
            let key = "\(source.path):\(source.line)"
            for ranking in Searcher.Ranking.allCases {
                let hits = try Searcher(index: index).search(query, limit: 10, ranking: ranking).hits
                if let at = hits.firstIndex(where: { "\($0.path):\($0.line)" == key }) {
                    reciprocal[ranking, default: 0] += 1 / Double(at + 1)
                    if at == 0 { firsts[ranking, default: 0] += 1 }
                }
            }
            done += 1
        }
        guard done > 0 else { throw BaogaoError("no passage long enough to sample") }
        return Result(samples: done,
                      mrr10: reciprocal.mapValues { $0 / Double(done) },
                      first: firsts.mapValues { Double($0) / Double(done) })
    }
}

/// SplitMix64: a small deterministic generator, so evaluations sample the same passages.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
