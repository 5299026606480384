/// The near variants of an unquoted term: its parts close together, in order or not.
///
/// A term of four or more ideographs is split into parts of two or three characters, in every
/// way (up to ``maximumSplits``): 乡村振兴 → 乡村|振兴; 水污染防治 → 水污|染防治 or 水污染|防治;
/// 优化营商环境 → 优化|营商|环境 or 优化营|商环境. Two characters is the commonest length of
/// a Chinese word and three the next; trying every split needs no dictionary and still finds
/// the real words, since a wrong split's parts seldom stand near each other. A passage matches
/// the variant when, for some split, every part occurs and one occurrence of each stands close
/// to the others: with at most ``maximumGap`` characters between two parts, in either order
/// (乡村全面振兴 and 振兴乡村 for 乡村振兴). Punctuation and spaces take no room, and a run of
/// letters or digits counts as one character: 乡村、振兴 and 乡村2024年振兴 match too.
///
/// Precisely, the rule is FTS5's NEAR group of the parts at ``nearDistance(_:)`` over the
/// index's token positions (each ideograph one, each word one), so that the index answers it
/// without reading a passage. Between parts of one length, and between two parts, that is a
/// window of the parts plus ``maximumGap`` characters; three parts or more of mixed lengths
/// may stand one character further apart.
///
/// ```swift
/// let variant = TermVariant(TermPlan("乡村振兴")!)!
/// variant.matches(FoldedText("推进乡村全面振兴"))  // true
/// variant.matches(FoldedText("乡村、振兴"))  // true: punctuation takes no room
/// variant.matches(FoldedText("乡村道路建设完成后，振兴路段"))  // false: too far apart
/// ```
public struct TermVariant: Sendable, Hashable {
    /// Characters allowed between the parts.
    public static let maximumGap = 4
    /// At most this many ways of splitting a term are tried.
    public static let maximumSplits = 8

    /// The ways of splitting the term, each a list of folded parts.
    public let splits: [[[UInt32]]]
    /// Every distinct part of every split, folded.
    public var parts: [[UInt32]] {
        var seen: Set<[UInt32]> = []
        return splits.flatMap { $0 }.filter { seen.insert($0).inserted }
    }
    /// The plans of every distinct part, for highlights.
    let partPlans: [TermPlan]

    /// Variants of `plan`, or nil when the term is not a run of four or more ideographs.
    public init?(_ plan: TermPlan) {
        let folded = plan.folded
        guard folded.count >= 4, folded.allSatisfy({ ScalarClass.of($0) == .ideograph }) else { return nil }
        var splits: [[[UInt32]]] = []
        func split(_ from: Int, _ parts: [[UInt32]]) {
            guard splits.count < Self.maximumSplits else { return }
            if from == folded.count {
                splits.append(parts)
                return
            }
            for size in [2, 3] where from + size <= folded.count && !(from == 0 && size == folded.count) {
                split(from + size, parts + [Array(folded[from..<(from + size)])])
            }
        }
        split(0, [])
        guard !splits.isEmpty else { return nil }
        self.splits = splits
        var seen: Set<[UInt32]> = []
        self.partPlans = splits.flatMap { $0 }.filter { seen.insert($0).inserted }.compactMap { TermPlan(Self.text($0)) }
    }

    static func text(_ part: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for v in part { view.append(Unicode.Scalar(v)!) }
        return String(view)
    }

    /// FTS5 NEAR groups finding at least every passage that matches (checked afterwards).
    var matchExpression: String {
        splits.map { parts in
            let phrases = parts.compactMap { TermPlan(Self.text($0)) }
                .map { $0.tokens.map { "\"\($0)\"" }.joined(separator: " + ") }
            return "NEAR(\(phrases.joined(separator: " ")), \(Self.nearDistance(parts)))"
        }.joined(separator: " OR ")
    }

    /// The NEAR distance of a split: the rule's reach.
    ///
    /// FTS5 takes a NEAR group for a match when no phrase starts more than its own token count
    /// (its length less one: a bigram per pair of characters) plus the distance before the
    /// last phrase's start. For parts `i` before `j` with `g` characters between, `j` starts
    /// `len(i) + g` after `i`; a window of the parts plus ``maximumGap`` (`window`) allows
    /// `g` = `window` − `len(i)` − `len(j)` when the two are alone, hence a distance of
    /// `window` − (`len(i)` − 1) − `len(j)`, the smallest over pairs: every window is found,
    /// and between two parts, or parts of one length, nothing wider. (The groups used to
    /// allow twice the window: `count 行政处罚` at 1 GB took 174 ms, 109 at the window.)
    public static func nearDistance(_ parts: [[UInt32]]) -> Int {
        let window = parts.reduce(0) { $0 + $1.count } + maximumGap
        var closest = Int.max
        for (i, a) in parts.enumerated() {
            for (j, b) in parts.enumerated() where i != j { closest = min(closest, a.count - 1 + b.count) }
        }
        return window - (closest == Int.max ? 3 : closest)
    }

    /// FTS5 expressions finding the passages holding every part of some split, anywhere.
    var looseExpression: String {
        splits.map { parts in
            "(" + parts.compactMap { TermPlan(Self.text($0)) }.map { "(\($0.matchExpression))" }.joined(separator: " AND ") + ")"
        }.joined(separator: " OR ")
    }

    /// Whether, for some split, all parts stand close together (the rule above).
    public func matches(_ text: FoldedText) -> Bool {
        let positions = Self.positions(text.scalars)
        return splits.contains { matches(text.scalars, positions, parts: $0) }
    }

    /// Whether, for some split, all parts occur anywhere in the folded text: a passage related
    /// to the term, with its words apart.
    public func matchesLoosely(_ text: FoldedText) -> Bool {
        splits.contains { parts in parts.allSatisfy { text.contains($0) } }
    }

    /// The token position of every folded scalar, as the tokenizer numbers a document's
    /// tokens: an ideograph takes one (a bigram, or its run's closing unigram), a run of
    /// letters and digits one, a separator none. A scalar's value is the position of the token
    /// it starts (for a word, of the word's token).
    static func positions(_ scalars: [UInt32]) -> [Int] {
        var positions = [Int](repeating: 0, count: scalars.count)
        var next = 0
        var inWord = false
        for (i, value) in scalars.enumerated() {
            switch ScalarClass.of(value) {
            case .ideograph:
                if inWord { next += 1; inWord = false }
                positions[i] = next
                next += 1
            case .word:
                positions[i] = next
                inWord = true
            case .separator:
                if inWord { next += 1; inWord = false }
                positions[i] = next
            }
        }
        return positions
    }

    /// FTS5's NEAR test (`fts5ExprNearIsMatch`) on the parts' occurrences: one of each such
    /// that every part starts at most its token count plus the distance before the last.
    private func matches(_ scalars: [UInt32], _ positions: [Int], parts: [[UInt32]]) -> Bool {
        var starts: [[Int]] = []
        for part in parts {
            var found: [Int] = []
            var i = 0
            // Every occurrence, overlapping ones too, as FTS5 finds a phrase at each position.
            while i + part.count <= scalars.count {
                if scalars[i] == part[0] && scalars[i..<(i + part.count)].elementsEqual(part) { found.append(positions[i]) }
                i += 1
            }
            if found.isEmpty { return false }
            starts.append(found)
        }
        let distance = Self.nearDistance(parts)
        var at = [Int](repeating: 0, count: parts.count)
        var last = starts[0][0]
        while true {
            var match = true
            for k in parts.indices {
                let first = last - (parts[k].count - 1) - distance
                if starts[k][at[k]] < first || starts[k][at[k]] > last {
                    match = false
                    while starts[k][at[k]] < first {
                        at[k] += 1
                        if at[k] == starts[k].count { return false }
                    }
                    if starts[k][at[k]] > last { last = starts[k][at[k]] }
                }
            }
            if match { return true }
        }
    }
}
