/// Re-joins the lines of `pdftotext -layout` output into paragraphs. Pure.
///
/// PDF text comes as printed lines: a Chinese sentence is broken wherever the line ran out.
/// A line joins the one before it when that one
/// - reached the right margin (it is about as long as the body lines of the document),
/// - does not end a sentence (。！？；： or … possibly followed by a closing quote or bracket),
/// and the line itself
/// - does not start a heading (一、 （一） 1. （1） 第X章/节/条/部分 #),
/// - is not indented further than the lines of its page (a paragraph's first line is),
/// - does not follow a blank line.
/// Page numbers standing alone ("- 3 -", "第 3 页", "3/12", "17") and running headers and
/// footers (``RunningLines``) are dropped; form feeds (page breaks) do not end a paragraph.
/// Each paragraph knows the page it starts on (``paragraphs(_:)``).
///
/// ```swift
/// PDFParagraphs.join("""
///     一、总体情况
///       今年以来，我局坚持以习近平新时代中国特色社会主义思想为指
///     导，全面推进乡村振兴。
///     """)
/// // ["一、总体情况", "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面推进乡村振兴。"]
/// ```
enum PDFParagraphs {
    /// A line counts as reaching the right margin when it ends at most this share of the body
    /// width short of it.
    static let marginSlack = 0.1
    /// Below this body width (in characters) no line is taken for a full one.
    static let minimumBodyWidth = 16

    private struct Line {
        var indent: Int
        var content: Substring
        var page: Int
        /// A page number stood between this line and the one before.
        var afterPageNumber = false
        var isBlank: Bool { content.isEmpty }
        var end: Int { indent + content.unicodeScalars.count }
    }

    /// A paragraph and the 1-based page it starts on (form feeds separate pages).
    struct Paragraph: Sendable, Hashable {
        var text: String
        var page: Int
    }

    static func join(_ layoutText: String) -> [String] {
        paragraphs(layoutText).map(\.text)
    }

    static func paragraphs(_ layoutText: String) -> [Paragraph] {
        let lines = split(layoutText)
        guard !lines.isEmpty else { return [] }

        // The body width: the right end most lines reach.
        let ends = lines.filter { !$0.isBlank && $0.content.unicodeScalars.count >= 4 }.map(\.end).sorted()
        let bodyWidth = ends.isEmpty ? 0 : ends[min(ends.count - 1, Int(Double(ends.count) * 0.8))]
        let fullFrom = bodyWidth >= minimumBodyWidth
            ? Int((Double(bodyWidth) * (1 - marginSlack)).rounded(.down)) : Int.max

        // Each page's left edge: the smallest indent of its lines.
        var leftEdge: [Int: Int] = [:]
        for line in lines where !line.isBlank {
            leftEdge[line.page] = min(leftEdge[line.page] ?? .max, line.indent)
        }

        var paragraphs: [Paragraph] = []
        var current = ""
        var currentPage = 0
        var previous: Line?
        var blankBefore = false
        for line in lines {
            if line.isBlank {
                blankBefore = true
                continue
            }
            // A blank line ends a paragraph, except the blank lines around a page's footer
            // or at the bottom and top of pages: layout, not paragraphs.
            let separated = blankBefore && previous?.page == line.page && !line.afterPageNumber
            blankBefore = false
            if let prev = previous, !current.isEmpty, !separated,
               prev.end >= fullFrom,
               !endsSentence(prev.content),
               !startsHeading(line.content),
               line.indent <= (leftEdge[line.page] ?? 0) + 1 {
                if let last = current.unicodeScalars.last, let first = line.content.unicodeScalars.first,
                   isASCIIWord(last), isASCIIWord(first) {
                    current += " "
                }
                current += line.content
            } else {
                flush(&current, page: currentPage, into: &paragraphs)
                current = String(line.content)
                currentPage = line.page
            }
            previous = line
        }
        flush(&current, page: currentPage, into: &paragraphs)
        return paragraphs
    }

    /// The lines with their indents and pages; page numbers and running headers and footers
    /// dropped.
    private static func split(_ text: String) -> [Line] {
        var lines: [Line] = []
        var page = 0
        var droppedPageNumber = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var raw = raw
            while raw.first == "\u{0C}" {
                page += 1
                raw = raw.dropFirst()
            }
            if raw.last == "\r" { raw = raw.dropLast() }
            let scalars = raw.unicodeScalars
            let start = scalars.firstIndex { !ExplicitHeadings.isSpace($0) } ?? scalars.endIndex
            let end = scalars.lastIndex { !ExplicitHeadings.isSpace($0) }.map { scalars.index(after: $0) } ?? start
            let indent = scalars.distance(from: scalars.startIndex, to: start)
            let content = Substring(scalars[start..<end])
            if isPageNumber(content) {
                droppedPageNumber = true
                continue
            }
            lines.append(Line(indent: indent, content: content, page: page, afterPageNumber: droppedPageNumber))
            if !content.isEmpty { droppedPageNumber = false }
        }
        var pages: [[Substring]] = Array(repeating: [], count: page + 1)
        for line in lines where !line.isBlank { pages[line.page].append(line.content) }
        let running = RunningLines.repeated(pages: pages)
        guard !running.isEmpty else { return lines }
        return lines.filter { $0.isBlank || !running.contains(RunningLines.key($0.content)) || !RunningLines.atEdge($0.content, of: pages[$0.page]) }
    }

    private static func flush(_ current: inout String, page: Int, into paragraphs: inout [Paragraph]) {
        if !current.isEmpty { paragraphs.append(Paragraph(text: current, page: page + 1)) }
        current = ""
    }

    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "；", "：", "!", "?", ";", ":", "…"]
    static let closers: Set<Unicode.Scalar> = ["”", "’", "」", "』", "）", ")", "》", "\"", "'"]

    /// Whether the line ends a sentence: 。！？；：… or one of them before closing quotes.
    static func endsSentence(_ line: Substring) -> Bool {
        var scalars = line.unicodeScalars.reversed().makeIterator()
        while let s = scalars.next() {
            if closers.contains(s) { continue }
            return sentenceEnds.contains(s)
        }
        return false
    }

    static let chineseDigits: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                                     "百", "零", "〇", "两"]

    /// Whether the line starts like a heading of an official document or of Markdown.
    static func startsHeading(_ line: Substring) -> Bool {
        let s = Array(line.unicodeScalars.prefix(12))
        guard let first = s.first else { return false }
        if first == "#" { return true }
        func run(from i: Int, _ test: (Unicode.Scalar) -> Bool) -> Int {
            var j = i
            while j < s.count, test(s[j]) { j += 1 }
            return j
        }
        let isDigit = { (c: Unicode.Scalar) in ("0"..."9").contains(c) || ("０"..."９").contains(c) }
        // 一、   第一章 第三节 第十条 第二部分
        let cn = run(from: 0, { chineseDigits.contains($0) })
        if cn > 0, cn < s.count, s[cn] == "、" { return true }
        if first == "第" {
            let end = run(from: 1, { chineseDigits.contains($0) || isDigit($0) })
            if end > 1, end < s.count, ["章", "节", "条", "部", "编"].contains(s[end]) { return true }
        }
        // （一） (一) （1） (1)
        if first == "（" || first == "(" {
            let end = run(from: 1, { chineseDigits.contains($0) || isDigit($0) })
            if end > 1, end < s.count, s[end] == "）" || s[end] == ")" { return true }
        }
        // 1. 1、 1． — but not 2022.5 or 3.14
        let digits = run(from: 0, isDigit)
        if digits > 0, digits < 3, digits < s.count, ["、", ".", "．"].contains(s[digits]) {
            return digits + 1 >= s.count || !isDigit(s[digits + 1])
        }
        return false
    }

    /// "3", "- 3 -", "— 3 —", "第 3 页", "第3页 共12页", "3/12", "3 / 12".
    static func isPageNumber(_ line: Substring) -> Bool {
        let compact = String(line.unicodeScalars.filter { !ExplicitHeadings.isSpace($0) })
        guard !compact.isEmpty, compact.unicodeScalars.count <= 16 else { return false }
        var body = Substring(compact)
        let dashes: Set<Character> = ["-", "—", "–", "－", "─"]
        while let c = body.first, dashes.contains(c) { body = body.dropFirst() }
        while let c = body.last, dashes.contains(c) { body = body.dropLast() }
        func isNumber(_ t: Substring) -> Bool { !t.isEmpty && t.count <= 4 && t.allSatisfy { $0.isASCII && $0.isNumber } }
        if isNumber(body), body.count <= 3 || body != Substring(compact) { return true }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, isNumber(parts[0]), isNumber(parts[1]) { return true }
        if body.hasPrefix("第"), let page = body.firstIndex(of: "页"), isNumber(body[body.index(after: body.startIndex)..<page]) {
            let rest = body[body.index(after: page)...]
            if rest.isEmpty { return true }
            if rest.hasPrefix("共"), rest.hasSuffix("页"), isNumber(rest.dropFirst().dropLast()) { return true }
        }
        return false
    }

    private static func isASCIIWord(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))
    }
}
