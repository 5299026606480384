/// The near variants of an unquoted term: its parts close together, in order or not.
///
/// A term of four or more ideographs is split into parts of two or three characters, in every
/// way (up to ``maximumSplits``): 乡村振兴 → 乡村|振兴; 水污染防治 → 水污|染防治 or 水污染|防治;
/// 优化营商环境 → 优化|营商|环境 or 优化营|商环境. Two characters is the commonest length of
/// a Chinese word and three the next; trying every split needs no dictionary and still finds
/// the real words, since a wrong split's parts seldom stand near each other. A passage matches
/// the variant when, for some split, every part occurs and one occurrence of each lies in a
/// window no longer than the parts plus ``maximumGap`` other characters — 乡村全面振兴 and
/// 振兴乡村 for 乡村振兴.
///
/// ```swift
/// let variant = TermVariant(TermPlan("乡村振兴")!)!
/// variant.matches(FoldedText("推进乡村全面振兴"))  // true
/// variant.matches(FoldedText("乡村道路，振兴路段以外的其他地方"))  // false: too far apart
/// ```
public struct TermVariant: Sendable, Hashable {
    /// Characters allowed between and around the parts inside the window.
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

    /// The smallest FTS5 NEAR distance that still finds every window of `parts`.
    ///
    /// FTS5 takes a NEAR group for a match when no phrase starts more than its own token count
    /// plus the distance before the last phrase's start. Positions never advance faster than
    /// characters (an ideograph takes one, a word of letters or digits one, punctuation none),
    /// and each part is at least one token (a bigram per pair of characters). In a window of
    /// at most `window` characters the last part starts at most `window` − (its length)
    /// characters, so as many positions, after any other: a distance of `window` − (the
    /// shortest part) − 1 finds every window. (Twice the window, as before, left more passages
    /// to check: `count 行政处罚` at 1 GB took 174 ms, now 109.)
    static func nearDistance(_ parts: [[UInt32]]) -> Int {
        let window = parts.reduce(0) { $0 + $1.count } + maximumGap
        return window - (parts.map(\.count).min() ?? 2) - 1
    }

    /// FTS5 expressions finding the passages holding every part of some split, anywhere.
    var looseExpression: String {
        splits.map { parts in
            "(" + parts.compactMap { TermPlan(Self.text($0)) }.map { "(\($0.matchExpression))" }.joined(separator: " AND ") + ")"
        }.joined(separator: " OR ")
    }

    /// Whether, for some split, all parts occur within one short window of the folded text.
    public func matches(_ text: FoldedText) -> Bool {
        splits.contains { matches(text, parts: $0) }
    }

    /// Whether, for some split, all parts occur anywhere in the folded text: a passage related
    /// to the term, with its words apart.
    public func matchesLoosely(_ text: FoldedText) -> Bool {
        splits.contains { parts in parts.allSatisfy { text.contains($0) } }
    }

    private func matches(_ text: FoldedText, parts: [[UInt32]]) -> Bool {
        var occurrences: [[Int]] = []
        for part in parts {
            let found = text.occurrences(of: part).map(\.lowerBound)
            if found.isEmpty { return false }
            occurrences.append(found)
        }
        let limit = parts.reduce(0) { $0 + $1.count } + Self.maximumGap
        // Smallest window holding one occurrence of each part: sweep the merged starts.
        var events: [(start: Int, part: Int)] = []
        for (k, starts) in occurrences.enumerated() { events += starts.map { ($0, k) } }
        events.sort { $0.start < $1.start }
        var counts = [Int](repeating: 0, count: parts.count)
        var covered = 0
        var left = 0
        for right in 0..<events.count {
            let k = events[right].part
            if counts[k] == 0 { covered += 1 }
            counts[k] += 1
            while covered == parts.count {
                let first = events[left]
                var end = 0
                for e in left...right { end = max(end, events[e].start + parts[events[e].part].count) }
                let span = end - first.start
                if span <= limit { return true }
                counts[first.part] -= 1
                if counts[first.part] == 0 { covered -= 1 }
                left += 1
            }
        }
        return false
    }
}
