/// Chooses the part of a long passage to show: the window holding the most matched
/// characters (the best cluster of matches), not merely the start.
///
/// ```swift
/// Snippet.window(length: 500, highlights: [[10, 14], [300, 304], [310, 314]], size: 160)
/// // 270..<430: the two matches close together win over the lone first one
/// ```
public enum Snippet {
    /// A range of `size` scalars (or the whole text when shorter) over `length` scalars.
    public static func window(length: Int, highlights: [[Int]], size: Int) -> Range<Int> {
        guard length > size else { return 0..<length }
        guard !highlights.isEmpty else { return 0..<size }
        var best = (covered: -1, start: 0)
        for h in highlights {
            // Windows starting a little before each match: lead-in context of a quarter window.
            let start = max(0, min(h[0] - size / 4, length - size))
            let end = start + size
            let covered = highlights.reduce(0) { $0 + max(0, min($1[1], end) - max($1[0], start)) }
            if covered > best.covered { best = (covered, start) }
        }
        return best.start..<(best.start + size)
    }
}
