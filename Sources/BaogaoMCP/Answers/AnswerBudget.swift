/// How much one answer may hold: models stop reading, and clients refuse, answers past about
/// 25,000 tokens, so every answer stays under ``maxCharacters`` and is cut at a whole item.
///
/// ```swift
/// let budget = AnswerBudget(maxCharacters: 100)
/// budget.fitting(costs: [40, 40, 40], fixed: 10)  // 2: the third would pass 100
/// ```
public struct AnswerBudget: Sendable {
    /// The most characters (Unicode scalars) an answer holds, all its parts together.
    public var maxCharacters: Int

    public static let standard = AnswerBudget(maxCharacters: 20_000)

    public init(maxCharacters: Int) {
        self.maxCharacters = maxCharacters
    }

    /// How many of the items, in order, fit beside `fixed` characters of the rest of the
    /// answer; each item costs its own characters plus one for the separator between items.
    public func fitting(costs: [Int], fixed: Int) -> Int {
        var used = fixed
        for (n, cost) in costs.enumerated() {
            used += cost + 1
            if used > maxCharacters { return n }
        }
        return costs.count
    }

    /// The length that counts: Unicode scalars, what a reader sees as characters.
    public static func characters(_ text: String) -> Int {
        text.unicodeScalars.count
    }
}
