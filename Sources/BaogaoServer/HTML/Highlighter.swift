import BaogaoKit

/// Turns a passage and its highlight ranges (Unicode scalar offsets, as hits carry them) into
/// escaped HTML with `<mark>` around the matches: whole, a slice, or a window around the first
/// match for long passages
/// (the best cluster of matches).
///
/// ```swift
/// Highlighter.html("推进乡村振兴", highlights: [[2, 6]])  // "推进<mark>乡村振兴</mark>"
/// Highlighter.snippet(longText, highlights: h, window: 160)  // "…前文<mark>…</mark>后文…"
/// ```
enum Highlighter {
    /// The whole text, or the scalars in `range`, escaped and marked.
    static func html(_ text: String, highlights: [[Int]], range: Range<Int>? = nil) -> String {
        html(Array(text.unicodeScalars), highlights: highlights, range: range)
    }

    static func html(_ scalars: [Unicode.Scalar], highlights: [[Int]], range: Range<Int>? = nil) -> String {
        let whole = 0..<scalars.count
        let range = range?.clamped(to: whole) ?? whole
        var out = ""
        var at = range.lowerBound
        for h in highlights where h.count == 2 && h[0] < h[1] {
            let start = max(h[0], at)
            let end = min(h[1], range.upperBound)
            guard start < end else { continue }
            out += HTML.escape(slice(scalars, at..<start)) + "<mark>" + HTML.escape(slice(scalars, start..<end)) + "</mark>"
            at = end
        }
        return out + HTML.escape(slice(scalars, at..<range.upperBound))
    }

    /// The passage, or for one longer than `window` scalars the window holding the most
    /// matched characters (as the command line chooses it), with `…` where it was cut.
    static func snippet(_ text: String, highlights: [[Int]], window: Int = 160) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > window else { return html(scalars, highlights: highlights).trimmingWhitespace() }
        let shown = Snippet.window(length: scalars.count, highlights: highlights, size: window)
        return (shown.lowerBound > 0 ? "…" : "") + html(scalars, highlights: highlights, range: shown)
            + (shown.upperBound < scalars.count ? "…" : "")
    }

    static func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }
}
