import Foundation

/// Standard ranking measures over graded judgments.
///
/// ```swift
/// RankingMetrics.ndcg(grades: [2, 0, 1], ideal: [2, 1, 1], at: 10)  // ≈ 0.83
/// ```
public enum RankingMetrics {
    /// Normalised discounted cumulative gain of the first `k` results, with gains 2^grade − 1.
    public static func ndcg(grades: [Int], ideal: [Int], at k: Int) -> Double {
        func dcg(_ g: [Int]) -> Double {
            g.prefix(k).enumerated().reduce(0) { sum, item in
                sum + (pow(2, Double(item.element)) - 1) / log2(Double(item.offset + 2))
            }
        }
        let best = dcg(ideal.sorted(by: >))
        return best > 0 ? dcg(grades) / best : 0
    }

    /// 1/rank of the first result with a grade of at least `minimum` among the first `k`; 0 if none.
    public static func reciprocalRank(grades: [Int], minimum: Int, at k: Int = .max) -> Double {
        guard let first = grades.prefix(k).firstIndex(where: { $0 >= minimum }) else { return 0 }
        return 1 / Double(first + 1)
    }

    /// The share of relevant passages (grade ≥ 1) found among the first `k` results.
    public static func recall(found: Int, relevant: Int) -> Double {
        relevant > 0 ? Double(found) / Double(relevant) : 1
    }
}
