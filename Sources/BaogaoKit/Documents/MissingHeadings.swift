/// Decides which short unnumbered lines stand where a top-level (一、) number is missing.
///
/// The evidence is the numbering around a candidate line: a gap in the top-level numbers
/// (一、 … 三、) and the sub-headings (（一）…) restarting right after the candidate.
///
/// ```swift
/// // 一、 （一） （二） 强化队伍 （一） （二） 三、
/// MissingHeadings.promoted([.top(1), .sub(1), .sub(2), .candidate, .sub(1), .sub(2), .top(3)])
/// // [3]
/// ```
enum MissingHeadings {
    /// What a line is, as far as the numbering is concerned.
    enum Mark: Equatable {
        /// A top-level numbered heading (一、) with its number.
        case top(Int)
        /// A sub-level numbered heading (（一）, or 1. when there are no （一）) with its number.
        case sub(Int)
        /// A short unnumbered line that may stand for a missing top-level heading.
        case candidate
        /// A body paragraph: a sentence, or a line too long to be a heading.
        case body
        /// A heading above the top level (第X章, Markdown): numbering restarts after it.
        case barrier
        /// Anything else.
        case other
    }

    /// The indices of the candidates to promote to top-level headings.
    static func promoted(_ marks: [Mark]) -> Set<Int> {
        var result: Set<Int> = []
        var start = 0
        while start < marks.count {
            var end = start
            while end < marks.count, marks[end] != .barrier { end += 1 }
            if end > start { result.formUnion(promoted(marks, in: start..<end)) }
            start = end + 1
        }
        return result
    }

    /// Promotions within one run of marks without barriers.
    private static func promoted(_ marks: [Mark], in range: Range<Int>) -> Set<Int> {
        let tops: [(index: Int, number: Int)] = range.compactMap {
            if case .top(let n) = marks[$0] { return ($0, n) } else { return nil }
        }
        if tops.isEmpty { return unnumbered(marks, in: range) }
        var result: Set<Int> = []
        // Windows between consecutive top-level headings, and before the first and after the last.
        var previous: (index: Int, number: Int)? = nil
        for next in tops.map(Optional.some) + [nil] {
            let lower = previous.map { $0.index + 1 } ?? range.lowerBound
            let upper = next?.index ?? range.upperBound
            defer { previous = next }
            guard lower < upper else { continue }
            let window = lower..<upper
            let anchored = anchoredCandidates(marks, in: window)
            guard let next else {
                // After the last top-level heading: only a restart of the sub-numbering tells.
                if previous != nil { result.formUnion(anchored) }
                continue
            }
            let missing = next.number - (previous?.number ?? 0) - 1
            guard missing >= 1 else { continue }
            if !anchored.isEmpty {
                if anchored.count <= missing { result.formUnion(anchored) }
            } else if missing == 1, previous != nil, let lone = loneCandidate(marks, in: window) {
                result.insert(lone)
            }
        }
        return result
    }

    /// For each sub-heading numbered 1 that follows a candidate (with no sub-heading between
    /// them), the last such candidate: the line that opens the new top-level section.
    private static func anchoredCandidates(_ marks: [Mark], in window: Range<Int>) -> [Int] {
        var result: [Int] = []
        var lastCandidate: Int?
        for i in window {
            switch marks[i] {
            case .candidate: lastCandidate = i
            case .sub(let n):
                if n == 1, let c = lastCandidate { result.append(c) }
                lastCandidate = nil
            default: break
            }
        }
        return result
    }

    /// The only candidate in the window, if it comes after every sub-heading there.
    private static func loneCandidate(_ marks: [Mark], in window: Range<Int>) -> Int? {
        let candidates = window.filter { marks[$0] == .candidate }
        guard candidates.count == 1, let c = candidates.first else { return nil }
        let lastSub = window.last(where: { if case .sub = marks[$0] { return true } else { return false } })
        return (lastSub ?? window.lowerBound - 1) < c ? c : nil
    }

    /// A document whose top level is not numbered at all: the candidates that open a
    /// restarting sub-numbering, and then their siblings in the body that do not interrupt one.
    private static func unnumbered(_ marks: [Mark], in range: Range<Int>) -> Set<Int> {
        let anchored = anchoredCandidates(marks, in: range)
        guard !anchored.isEmpty,
              let firstBody = range.first(where: { marks[$0] == .body }),
              let lastBody = range.last(where: { marks[$0] == .body }) else { return Set(anchored) }
        var result = Set(anchored)
        // The number of the next sub-heading after each line, scanning backwards once.
        var nextSub: Int? = nil
        for i in range.reversed() {
            if case .sub(let n) = marks[i] { nextSub = n; continue }
            if marks[i] == .candidate, i > firstBody, i < lastBody, nextSub == nil || nextSub == 1 {
                result.insert(i)
            }
        }
        return result
    }
}
