/// How many passages of one report hold each ideograph, folded: what the report adds to the
/// index's ``CharacterTotals``.
///
/// A search for one character is an FTS5 prefix query (`"所" *`) that merges the doclists of
/// every bigram starting with it; counting 所 that way read 556,360 rowids at 1 GB. With every
/// character's totals kept, a count of one character is a lookup. A passage holds a character
/// exactly when ``BigramTokenizer`` emits a token starting with it: every ideograph of a run
/// starts a bigram or is the run's closing unigram.
///
/// ```swift
/// CharacterCounts(passages: ["所有的", "场所。所"]).count(of: 0x6240)   // 2: 所
/// CharacterCounts(passages: ["們"]).count(of: 0x4EEC)                  // 1: folded to 们
/// ```
public struct CharacterCounts: Sendable, Hashable {
    /// The characters held, ascending (folded scalar values).
    public private(set) var characters: [UInt32] = []
    /// For each of ``characters``, how many passages hold it.
    public private(set) var passages: [Int32] = []

    public init() {}

    /// The counts of `texts`, each one passage.
    public init(passages texts: some Sequence<String>) {
        var tally = Tally()
        for text in texts { _ = PassageTerms(text, tally: &tally) }
        self = tally.counts
    }

    /// How many passages hold the folded scalar `value`.
    public func count(of value: UInt32) -> Int {
        var low = 0
        var high = characters.count
        while low < high {
            let mid = (low + high) / 2
            if characters[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < characters.count && characters[low] == value ? Int(passages[low]) : 0
    }

    /// Counts one report's passages as ``PassageTerms`` folds them: call ``nextPassage()``
    /// before each passage's ideographs. Characters of U+4E00 … U+9FFF are counted in a table
    /// (a step per ideograph), the rest in a dictionary.
    public struct Tally: Sendable {
        private static let base: UInt32 = 0x4E00
        private static let size = 0x9FFF - 0x4E00 + 1
        /// Per character of the table: the number of the last passage holding it (from 1).
        private var seen: [Int32]
        private var held: [Int32]
        private var touched: [UInt32] = []
        private var others: [UInt32: (passage: Int32, count: Int32)] = [:]
        private var passage: Int32 = 0

        public init() {
            seen = [Int32](repeating: 0, count: Self.size)
            held = [Int32](repeating: 0, count: Self.size)
        }

        /// Forgets everything counted, for the next report; the tables are kept.
        public mutating func reset() {
            for value in touched {
                seen[Int(value - Self.base)] = 0
                held[Int(value - Self.base)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            others = [:]
            passage = 0
        }

        /// Starts the next passage.
        @inline(__always)
        public mutating func nextPassage() { passage += 1 }

        /// Notes an ideograph of the current passage.
        @inline(__always)
        public mutating func add(_ value: UInt32) {
            let i = Int(value &- Self.base)
            if i >= 0 && i < Self.size {
                guard seen[i] != passage else { return }
                seen[i] = passage
                if held[i] == 0 { touched.append(value) }
                held[i] += 1
            } else {
                addOther(value)
            }
        }

        private mutating func addOther(_ value: UInt32) {
            var entry = others[value] ?? (0, 0)
            guard entry.passage != passage else { return }
            entry = (passage, entry.count + 1)
            others[value] = entry
        }

        /// What was counted, in character order.
        public var counts: CharacterCounts {
            var result = CharacterCounts()
            result.characters = touched + others.keys
            result.characters.sort()
            result.passages = result.characters.map { value in
                let i = Int(value &- Self.base)
                return i >= 0 && i < Self.size ? held[i] : others[value]!.count
            }
            return result
        }
    }
}
