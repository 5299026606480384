import Foundation

/// Orders candidate passages by more than bm25: a match in the section headings, terms close
/// together, how often they occur, and a passage length that is neither a bare title nor a
/// wall of text.
///
/// bm25 alone favours the shortest passages (titles) and collapses for phrases present in most
/// passages (IDF ≈ 0); these signals break such ties the way a reader would.
///
/// ```swift
/// let ranker = Ranker(plans: plans)
/// ranker.score(bm25: 0.8, text: FoldedText(passage), trail: ["一、推进乡村振兴"])
/// ```
struct Ranker {
    let plans: [TermPlan]
    let variants: [TermVariant]

    init(plans: [TermPlan], variants: [TermVariant] = []) {
        self.plans = plans
        self.variants = variants
    }

    /// Weights of the signals; bm25 is scaled to 0…1 within the candidates first.
    static let headingWeight = 0.6
    static let proximityWeight = 0.4
    static let frequencyWeight = 0.2
    /// Passages longer than this many characters lose a little per doubling.
    static let longPassage = 300
    /// Passages shorter than this (titles, stray lines) are not what a reader wants first.
    static let shortPassage = 16

    /// The signals of one passage.
    struct Signals {
        var heading: Bool
        /// Occurrences of the terms in the passage.
        var occurrences: Int
        /// The shortest stretch (in characters) holding every distinct term, when there are several.
        var span: Int?
        var length: Int
    }

    /// The signals of `text` under its section `headings` (the trail joined by newlines, folded).
    func signals(text: FoldedText, headings: FoldedText) -> Signals {
        var occurrences = 0
        var starts: [[Range<Int>]] = []
        var heading = false
        for plan in plans {
            let found = text.occurrences(of: plan.folded)
            occurrences += found.count
            if !found.isEmpty { starts.append(found) }
            if headings.contains(plan.folded) { heading = true }
        }
        if occurrences == 0 {
            // A variant hit: count its parts instead.
            for variant in variants {
                for part in variant.parts { occurrences += text.occurrences(of: part).count }
            }
        }
        return Signals(heading: heading, occurrences: occurrences,
                       span: starts.count > 1 ? Self.smallestSpan(starts) : nil, length: text.originalCount)
    }

    /// The final score: higher is better.
    func score(relevance: Double, signals: Signals) -> Double {
        var score = relevance
        if signals.heading { score += Self.headingWeight }
        if let span = signals.span { score += Self.proximityWeight / (1 + Double(span) / 20) }
        score += Self.frequencyWeight * Double(min(signals.occurrences, 5)) / 5
        if signals.length > Self.longPassage {
            score -= min(0.5, 0.25 * log2(Double(signals.length) / Double(Self.longPassage)))
        }
        if signals.length < Self.shortPassage && !signals.heading { score -= 0.3 }
        return score
    }

    /// The length of the shortest window holding one range from every list.
    static func smallestSpan(_ lists: [[Range<Int>]]) -> Int {
        var events: [(Range<Int>, Int)] = []
        for (k, list) in lists.enumerated() { events += list.map { ($0, k) } }
        events.sort { $0.0.lowerBound < $1.0.lowerBound }
        var counts = [Int](repeating: 0, count: lists.count)
        var covered = 0
        var left = 0
        var best = Int.max
        for right in 0..<events.count {
            if counts[events[right].1] == 0 { covered += 1 }
            counts[events[right].1] += 1
            while covered == lists.count {
                let end = events[left...right].map(\.0.upperBound).max()!
                best = min(best, end - events[left].0.lowerBound)
                counts[events[left].1] -= 1
                if counts[events[left].1] == 0 { covered -= 1 }
                left += 1
            }
        }
        return best
    }
}
