import BaogaoKit

/// Trims a hit's passage to the window around its best cluster of matches (``Snippet``), so a
/// page of hits stays small; `…` marks what was cut and the highlights move with the text.
///
/// ```swift
/// PassageWindow(size: 8).trim(text: "一二三四五六七八九十甲乙", highlights: [[9, 11]])
/// // ("…五六七八九十甲乙", [[6, 8]])
/// ```
public struct PassageWindow: Sendable {
    /// The most Unicode scalars of the passage kept, besides the ellipses.
    public var size: Int

    public init(size: Int) {
        self.size = size
    }

    /// The window of `text` and its highlights ([start, end) in Unicode scalars) inside it.
    public func trim(text: String, highlights: [[Int]]) -> (text: String, highlights: [[Int]]) {
        let scalars = Array(text.unicodeScalars)
        let window = Snippet.window(length: scalars.count, highlights: highlights, size: size)
        guard window.count < scalars.count else { return (text, highlights) }
        var view = String.UnicodeScalarView()
        if window.lowerBound > 0 { view.append("…") }
        view.append(contentsOf: scalars[window])
        if window.upperBound < scalars.count { view.append("…") }
        let shift = window.lowerBound - (window.lowerBound > 0 ? 1 : 0)
        let kept = highlights.compactMap { range -> [Int]? in
            guard range.count == 2 else { return nil }
            let start = max(range[0], window.lowerBound), end = min(range[1], window.upperBound)
            return start < end ? [start - shift, end - shift] : nil
        }
        return (String(view), kept)
    }

    /// The hit with its passage trimmed; every other field as it was.
    public func trim(_ hit: SearchHit) -> SearchHit {
        var trimmed = hit
        (trimmed.text, trimmed.highlights) = trim(text: hit.text, highlights: hit.highlights)
        return trimmed
    }
}
