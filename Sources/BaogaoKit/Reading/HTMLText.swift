/// Extracts the visible text of an HTML page as lines, with the headings it marks. Pure.
///
/// Script, style, template and title content is left out; comments vanish; character
/// references are decoded. Block elements (p, div, li, tr, br …) end a line; table cells in a
/// row are separated by tabs; `<h1>`–`<h6>` lines carry their level. Whitespace collapses as
/// a browser shows it, except that a line break between two Chinese characters vanishes
/// (as CSS does for Chinese), so that a phrase split by the page's source stays whole.
/// A page's only `<h1>`, standing before every other heading, is its title: a plain line.
///
/// ```swift
/// HTMLText.extract("<h2>一、总体情况</h2><p>全年&ldquo;稳中有进&rdquo;。</p>")
/// // [("一、总体情况", 2), ("全年“稳中有进”。", nil)]
/// ```
enum HTMLText {
    /// Elements whose content is never shown.
    static let hidden: Set<String> = ["script", "style", "noscript", "template", "title", "svg", "math",
                                      "iframe", "object", "select", "textarea", "button"]
    /// Elements that start and end a line.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup",
        "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "thead", "tfoot", "tr", "ul", "br", "h1", "h2", "h3", "h4", "h5", "h6",
    ]

    static func extract(_ html: String) -> [(text: String, level: Int?)] {
        var builder = Builder()
        let s = Array(html.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "<" {
                i = tag(s, at: i, builder: &builder)
            } else if c == "&" {
                let (text, next) = reference(s, at: i)
                builder.append(text)
                i = next
            } else {
                builder.append(c)
                i += 1
            }
        }
        builder.breakLine()
        return demoteTitle(builder.lines)
    }

    /// The only h1, when it stands before every other heading, becomes a plain line.
    static func demoteTitle(_ lines: [(text: String, level: Int?)]) -> [(text: String, level: Int?)] {
        let headings = lines.indices.filter { lines[$0].level != nil }
        let h1 = headings.filter { lines[$0].level == 1 }
        guard h1.count == 1, h1[0] == headings.first else { return lines }
        var lines = lines
        lines[h1[0]].level = nil
        return lines
    }

    /// Handles the markup starting at `i` ("<"), returning where the text goes on.
    private static func tag(_ s: [Unicode.Scalar], at i: Int, builder: inout Builder) -> Int {
        // Comments, doctype, processing instructions.
        if starts(s, at: i, with: "<!--") {
            return (find(s, "-->", from: i + 4) ?? s.count - 3) + 3
        }
        if i + 1 < s.count, s[i + 1] == "!" || s[i + 1] == "?" {
            return (find(s, ">", from: i + 1) ?? s.count - 1) + 1
        }
        var j = i + 1
        let closing = j < s.count && s[j] == "/"
        if closing { j += 1 }
        let nameStart = j
        while j < s.count, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "-" { j += 1 }
        guard j > nameStart else {
            builder.append(s[i]) // a lone "<" is text
            return i + 1
        }
        let name = String(String.UnicodeScalarView(s[nameStart..<j])).lowercased()
        // Skip the attributes, minding quotes.
        var quote: Unicode.Scalar?
        while j < s.count {
            let c = s[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                break
            }
            j += 1
        }
        let end = min(j + 1, s.count)

        if !closing, hidden.contains(name) {
            // Raw content up to the matching end tag; without one, the tag is ignored.
            var k = end
            while let lt = find(s, "</", from: k) {
                let after = lt + 2
                if starts(s, at: after, with: name, caseInsensitive: true) {
                    return (find(s, ">", from: after) ?? s.count - 1) + 1
                }
                k = after
            }
            return end
        }
        if name == "pre" { builder.preformatted += closing ? -1 : 1; builder.preformatted = max(0, builder.preformatted) }
        if name.count == 2, name.first == "h", let level = Int(name.dropFirst()), (1...6).contains(level) {
            builder.breakLine()
            builder.level = closing ? nil : level
            return end
        }
        if name == "td" || name == "th" {
            if !closing { builder.cell() }
            return end
        }
        if blocks.contains(name) { builder.breakLine() }
        return end
    }

    /// Decodes the character reference at `i` ("&"), or keeps the "&" as text.
    private static func reference(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var j = i + 1
        if j < s.count, s[j] == "#" {
            j += 1
            let start = j
            while j < s.count, j - start < 8, s[j].properties.isASCIIHexDigit || s[j] == "x" || s[j] == "X" { j += 1 }
            let number = String(String.UnicodeScalarView(s[start..<j]))
            if let text = HTMLEntities.decode(number: number) {
                return (text, j < s.count && s[j] == ";" ? j + 1 : j)
            }
            return ("&", i + 1)
        }
        let start = j
        while j < s.count, j - start < 32, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
        let name = String(String.UnicodeScalarView(s[start..<j]))
        if j < s.count, s[j] == ";", let text = HTMLEntities.decode(named: name) {
            return (text, j + 1)
        }
        if HTMLEntities.legacyWithoutSemicolon.contains(name), let text = HTMLEntities.decode(named: name) {
            return (text, j)
        }
        return ("&", i + 1)
    }

    private static func starts(_ s: [Unicode.Scalar], at i: Int, with prefix: String, caseInsensitive: Bool = false) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count else { return false }
            let c = s[k]
            if caseInsensitive ? lower(c) != lower(p) : c != p { return false }
            k += 1
        }
        return true
    }

    private static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c
    }

    private static func find(_ s: [Unicode.Scalar], _ needle: String, from: Int) -> Int? {
        let n = Array(needle.unicodeScalars)
        guard let first = n.first, from < s.count else { return nil }
        var i = from
        while i + n.count <= s.count {
            if s[i] == first, Array(s[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    /// Collects lines while the markup is walked.
    private struct Builder {
        var lines: [(text: String, level: Int?)] = []
        var line = String.UnicodeScalarView()
        var level: Int?
        var preformatted = 0
        private var pendingSpace = false
        private var pendingNewline = false
        private var pendingCell = false

        mutating func append(_ text: String) {
            for c in text.unicodeScalars { append(c) }
        }

        mutating func append(_ c: Unicode.Scalar) {
            if preformatted > 0 {
                if c == "\n" { breakLine(); return }
                if c == "\r" { return }
            } else if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" {
                pendingSpace = true
                if c == "\n" || c == "\r" { pendingNewline = true }
                return
            }
            if !line.isEmpty {
                if pendingCell {
                    line.append("\t")
                } else if pendingSpace, let last = line.last {
                    // A source line break between two Chinese characters is no space.
                    if !(pendingNewline && isWide(last) && isWide(c)) { line.append(" ") }
                }
            }
            pendingSpace = false
            pendingNewline = false
            pendingCell = false
            line.append(c)
        }

        mutating func cell() {
            if !line.isEmpty { pendingCell = true }
        }

        mutating func breakLine() {
            let text = ExplicitHeadings.trimmed(String(line))
            if !text.isEmpty { lines.append((text, level)) }
            line = String.UnicodeScalarView()
            pendingSpace = false
            pendingNewline = false
            pendingCell = false
        }

        private func isWide(_ c: Unicode.Scalar) -> Bool {
            ScalarClass.of(c) == .ideograph || (0x3000...0x303F).contains(c.value) || (0xFF00...0xFFEF).contains(c.value)
        }
    }
}
