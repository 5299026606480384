/// The near variants of an unquoted term: its parts close together, in order or not.
///
/// A term of four or more ideographs is split into 2-character parts from the start (an odd
/// length makes the last part 3 characters): 乡村振兴 → 乡村 振兴, 优化营商环境 → 优化 营商
/// 环境, 万人助万企 → 万人 助万企. Two characters is the commonest length of a Chinese word,
/// and fixed chunks need no dictionary; they find 乡村全面振兴 and 振兴乡村 for 乡村振兴.
/// A passage matches the variant when every part occurs and some occurrence of each lies in
/// a window no longer than the parts plus ``maximumGap`` other characters.
///
/// ```swift
/// let variant = TermVariant(TermPlan("乡村振兴")!)!
/// variant.matches(FoldedText("推进乡村全面振兴"))  // true
/// variant.matches(FoldedText("乡村道路，振兴路段以外的其他地方"))  // false: too far apart
/// ```
public struct TermVariant: Sendable, Hashable {
    /// Characters allowed between and around the parts inside the window.
    public static let maximumGap = 4

    /// The parts, folded.
    public let parts: [[UInt32]]
    /// The plans of the parts, for the FTS5 candidate query.
    let partPlans: [TermPlan]

    /// Variants of `plan`, or nil when the term is not a run of four or more ideographs.
    public init?(_ plan: TermPlan) {
        let folded = plan.folded
        guard folded.count >= 4, folded.allSatisfy({ ScalarClass.of($0) == .ideograph }) else { return nil }
        var parts: [[UInt32]] = []
        var i = 0
        while i < folded.count {
            let size = folded.count - i == 3 ? 3 : 2
            parts.append(Array(folded[i..<(i + size)]))
            i += size
        }
        func text(_ part: [UInt32]) -> String {
            var view = String.UnicodeScalarView()
            for v in part { view.append(Unicode.Scalar(v)!) }
            return String(view)
        }
        self.parts = parts
        self.partPlans = parts.compactMap { TermPlan(text($0)) }
    }

    /// An FTS5 NEAR group finding at least every passage that matches (checked afterwards).
    var matchExpression: String {
        let phrases = partPlans.map { $0.tokens.map { "\"\($0)\"" }.joined(separator: " + ") }
        // Positions run a little ahead of characters (closing unigrams), so allow twice the gap.
        let distance = 2 * (Self.maximumGap + parts.reduce(0) { $0 + $1.count })
        return "NEAR(\(phrases.joined(separator: " ")), \(distance))"
    }

    /// Whether all parts occur within one short window of the folded text.
    public func matches(_ text: FoldedText) -> Bool {
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
                let end = events[right].start + parts[k].count
                let span = max(end, events[left...right].map { $0.start + parts[$0.part].count }.max()!) - first.start
                if span <= limit { return true }
                counts[first.part] -= 1
                if counts[first.part] == 0 { covered -= 1 }
                left += 1
            }
        }
        return false
    }
}
