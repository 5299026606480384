import Foundation

/// Splits a report's text into sections and passages. Pure: no I/O.
///
/// Headings are numbered lines (一、, （一）, 1., （1）), 第X编/章/节, Markdown `#` headings, and
/// a short unnumbered line standing where a top-level number is missing. Sections nest by
/// rank. Every other non-blank line is a passage of the innermost section before it; web
/// crumbs and HTML comment lines are left out.
///
/// ```swift
/// let s = StructureParser.parse("一、总体情况\n（一）加强学习。全年开展…\n")
/// s.sections.map(\.heading)   // ["一、总体情况", "（一）加强学习"]
/// s.passages.map(\.sectionIndex) // [0, 1]
/// ```
public enum StructureParser {
    /// Parses decoded report text. Lines are split on "\n" (a trailing "\r" is dropped);
    /// line numbers are 1-based.
    public static func parse(_ text: String) -> DocumentStructure {
        var lines: [Line] = []
        forEachLine(of: text) { number, content in
            let kind = LineKind.classify(content[...])
            guard kind != .blank, kind != .navigation else { return }
            lines.append(Line(number: number, text: content, kind: kind))
        }
        demoteListItemsInArticles(&lines)
        let promoted = MissingHeadings.promoted(marks(for: lines))
        return build(lines, promoted: promoted)
    }

    /// One kept line of the report.
    struct Line {
        var number: Int
        var text: String
        var kind: LineKind
    }

    /// Calls `body` with the 1-based number and text of every line, splitting on "\n" bytes
    /// (so "\r\n" is a line break too) and dropping a trailing "\r".
    static func forEachLine(of text: String, _ body: (Int, String) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var number = 0
            while start <= bytes.count {
                number += 1
                let newline = nextNewline(in: bytes, from: start)
                var end = newline
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                body(number, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = newline + 1
            }
        }
    }

    /// The offset of the next "\n" at or after `start`, or the end of the buffer.
    private static func nextNewline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Inside a law's article (第一条 …), （一）, 1. and （1） are list items, not headings,
    /// until the next 章/节/一、-level heading; so is an 一、 item that ends like a clause
    /// ("一、制定监督管理规章；").
    private static func demoteListItemsInArticles(_ lines: inout [Line]) {
        var inArticle = false
        for i in lines.indices {
            switch lines[i].kind {
            case .article: inArticle = true
            case .heading(let match):
                if match.kind.rank > HeadingKind.chineseNumeral.rank {
                    if inArticle { lines[i].kind = .text }
                } else if match.kind == .chineseNumeral, inArticle,
                          let last = ReportText.trimmed(lines[i].text).unicodeScalars.last,
                          ReportText.isClauseEnd(last) {
                    lines[i].kind = .text
                } else {
                    inArticle = false
                }
            default: break
            }
        }
    }

    /// The numbering marks of the lines, for ``MissingHeadings``.
    private static func marks(for lines: [Line]) -> [MissingHeadings.Mark] {
        let hasParenthesized = lines.contains {
            if case .heading(let m) = $0.kind { return m.kind == .parenthesizedChineseNumeral } else { return false }
        }
        let subKind: HeadingKind = hasParenthesized ? .parenthesizedChineseNumeral : .arabicNumeral
        var marks: [MissingHeadings.Mark] = []
        marks.reserveCapacity(lines.count)
        var seenBodyOrHeading = false
        for (i, line) in lines.enumerated() {
            let text = ReportText.trimmed(line.text)
            let mark: MissingHeadings.Mark
            switch line.kind {
            case .heading(let m) where m.kind == .chineseNumeral: mark = m.number.map { .top($0) } ?? .other
            case .heading(let m) where m.kind == subKind: mark = .sub(m.number ?? 0)
            case .heading(let m) where m.kind.rank < HeadingKind.chineseNumeral.rank: mark = .barrier
            case .heading: mark = .other
            case .article: mark = .body
            case .blank, .navigation: mark = .other
            case .text:
                if LineKinds.isBodyParagraph(text) {
                    mark = .body
                } else if i == 0 || !LineKinds.isHeadingCandidate(text)
                            || (!seenBodyOrHeading && LineKinds.isTitleLike(text)) {
                    mark = .other // the title, or a line that is no heading
                } else {
                    mark = .candidate
                }
            }
            if mark != .other && mark != .candidate { seenBodyOrHeading = true }
            marks.append(mark)
        }
        return marks
    }

    /// Builds sections and passages, nesting headings by rank with a stack.
    private static func build(_ lines: [Line], promoted: Set<Int>) -> DocumentStructure {
        var sections: [Section] = []
        var passages: [Passage] = []
        passages.reserveCapacity(lines.count)
        var open: [Int] = [] // indices of open sections, outermost first
        for (i, line) in lines.enumerated() {
            var match: HeadingMatch?
            if case .heading(let m) = line.kind {
                match = m
            } else if promoted.contains(i) {
                match = HeadingMatch(kind: .chineseNumeral, number: nil,
                                     heading: String(ReportText.trimmed(line.text)))
            }
            if let match {
                while let top = open.last, sections[top].rank >= match.kind.rank { open.removeLast() }
                sections.append(Section(heading: match.heading, kind: match.kind, line: line.number,
                                        parentIndex: open.last))
                open.append(sections.count - 1)
            }
            passages.append(Passage(line: line.number, text: line.text, sectionIndex: open.last))
        }
        return DocumentStructure(sections: sections, passages: passages)
    }
}
