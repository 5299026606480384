/// A line recognised as a numbered or Markdown heading.
///
/// ```swift
/// HeadingRecognizer.recognize("（一）坚持理论武装。全年开展学习…")
/// // HeadingMatch(kind: .parenthesizedChineseNumeral, number: 1, heading: "（一）坚持理论武装")
/// ```
public struct HeadingMatch: Sendable, Hashable {
    /// The numbering (or markup) that makes the line a heading.
    public var kind: HeadingKind
    /// The value of the number (一 → 1, 十一 → 11); nil for Markdown headings.
    public var number: Int?
    /// The heading as written: the whole trimmed line, or for an inline heading the text
    /// before the first sentence end.
    public var heading: String

    public init(kind: HeadingKind, number: Int?, heading: String) {
        self.kind = kind
        self.number = number
        self.heading = heading
    }
}

/// Recognises headings from the start of a line: `#`, 第X编/部分/章/节, 一、, （一）, 1., （1）.
///
/// Pure and cheap: it reads the number and at most the first ~60 characters of the line.
///
/// ```swift
/// HeadingRecognizer.recognize("一、政治引领，筑牢思想根基")?.kind // .chineseNumeral
/// HeadingRecognizer.recognize("1.5万亿元")                          // nil
/// HeadingRecognizer.recognize("第一条 为了规范…")                    // nil (articles are not headings)
/// ```
public enum HeadingRecognizer {
    /// Recognises a heading at the start of `line` (leading whitespace allowed).
    public static func recognize(_ line: some StringProtocol) -> HeadingMatch? {
        let text = ReportText.trimmed(Substring(line))
        guard let first = text.unicodeScalars.first else { return nil }
        switch first {
        case "#": return markdown(text)
        case "第": return ordinalDivision(text)
        case "（", "(": return parenthesized(text)
        default:
            if first.decimalDigitValue != nil { return arabic(text) }
            if ChineseNumerals.isNumeral(first) { return chinese(text) }
            return nil
        }
    }

    /// Whether the line starts an article of a law, "第一条 …" or "第十七条之一 …" (which is
    /// not a heading). The number must be followed by a space, 之, or nothing, so that a
    /// report's "第一条经验是…" is no article.
    public static func isArticle(_ line: some StringProtocol) -> Bool {
        let text = ReportText.trimmed(Substring(line))
        guard text.unicodeScalars.first == "第" else { return false }
        let scalars = text.unicodeScalars
        let afterDi = scalars.index(after: scalars.startIndex)
        let (value, end) = number(in: scalars, from: afterDi, maxLength: 8)
        guard value != nil, end < scalars.endIndex, scalars[end] == "条" else { return false }
        let after = scalars.index(after: end)
        return after == scalars.endIndex || scalars[after].isReportSpace || scalars[after] == "之"
    }

    // MARK: - Kinds

    private static func markdown(_ text: Substring) -> HeadingMatch? {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var level = 0
        while i < scalars.endIndex, scalars[i] == "#" {
            level += 1
            i = scalars.index(after: i)
        }
        guard (1...6).contains(level), i < scalars.endIndex, scalars[i].isReportSpace else { return nil }
        var rest = text[i...]
        if let comment = rest.range(of: "<!--") { rest = rest[..<comment.lowerBound] }
        let heading = ReportText.trimmed(rest)
        guard !heading.isEmpty else { return nil }
        return HeadingMatch(kind: .markdown(level), number: nil, heading: String(heading))
    }

    /// 第X编 / 第X部分 / 第X章 / 第X节.
    private static func ordinalDivision(_ text: Substring) -> HeadingMatch? {
        let scalars = text.unicodeScalars
        let (value, end) = number(in: scalars, from: scalars.index(after: scalars.startIndex), maxLength: 6)
        guard let value, value > 0, end < scalars.endIndex else { return nil }
        let kind: HeadingKind
        var after = scalars.index(after: end)
        switch scalars[end] {
        case "编": kind = .part
        case "章": kind = .chapter
        case "节": kind = .chapterSection
        case "部":
            guard after < scalars.endIndex, scalars[after] == "分" else { return nil }
            kind = .part
            after = scalars.index(after: after)
        default: return nil
        }
        // "第一章 总则" and "第一章" stand alone; "第七节相应改为第八节，…" is a sentence.
        if after < scalars.endIndex, !scalars[after].isReportSpace {
            let rest = text[after...]
            guard ReportText.count(rest, upTo: 30) <= 30,
                  !ReportText.contains(rest, where: ReportText.isClauseEnd) else { return nil }
        }
        return HeadingMatch(kind: kind, number: value, heading: headingText(text))
    }

    /// 一、 / 十一、 (also 一． and 一.), but not a range like 一、二级 or 三、四月份.
    private static func chinese(_ text: Substring) -> HeadingMatch? {
        let scalars = text.unicodeScalars
        let (value, end) = number(in: scalars, from: scalars.startIndex, maxLength: 4)
        guard let value, value > 0, end < scalars.endIndex,
              isNumberDelimiter(scalars[end]) else { return nil }
        let (_, rangeEnd) = number(in: scalars, from: scalars.index(after: end), maxLength: 3)
        if rangeEnd < scalars.endIndex, rangeEnd > scalars.index(after: end), isRangeUnit(scalars[rangeEnd]) {
            return nil
        }
        return HeadingMatch(kind: .chineseNumeral, number: value, heading: headingText(text))
    }

    /// Units after "一、二…" that make it a range of numbers rather than a heading.
    private static func isRangeUnit(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "级", "类", "等", "季", "档", "星", "批", "期", "线", "产", "月", "号", "孩", "胎", "甲", "次", "个", "年":
            return true
        default:
            return false
        }
    }

    /// （一） / (一) / （1） / (1), with full-width or ASCII parentheses.
    private static func parenthesized(_ text: Substring) -> HeadingMatch? {
        let scalars = text.unicodeScalars
        let start = scalars.index(after: scalars.startIndex)
        guard start < scalars.endIndex else { return nil }
        let kind: HeadingKind
        let value: Int?
        let end: String.UnicodeScalarView.Index
        if scalars[start].decimalDigitValue != nil {
            (value, end) = arabicNumber(in: scalars, from: start)
            kind = .parenthesizedArabicNumeral
        } else {
            (value, end) = number(in: scalars, from: start, maxLength: 4)
            kind = .parenthesizedChineseNumeral
        }
        guard let value, value > 0, end < scalars.endIndex,
              scalars[end] == "）" || scalars[end] == ")" else { return nil }
        return HeadingMatch(kind: kind, number: value, heading: headingText(text))
    }

    /// 1. / 1、 / 1． followed by a non-digit (so not 1.5万亿元, 2021年, 12345热线).
    private static func arabic(_ text: Substring) -> HeadingMatch? {
        let scalars = text.unicodeScalars
        let (value, end) = arabicNumber(in: scalars, from: scalars.startIndex)
        guard let value, value > 0, end < scalars.endIndex,
              isNumberDelimiter(scalars[end]) else { return nil }
        let next = scalars.index(after: end)
        guard next < scalars.endIndex, scalars[next].decimalDigitValue == nil,
              !isNumberDelimiter(scalars[next]) else { return nil }
        return HeadingMatch(kind: .arabicNumeral, number: value, heading: headingText(text))
    }

    // MARK: - Numbers

    /// What follows the number of 一、 and 1.: 、 ． or .
    private static func isNumberDelimiter(_ s: Unicode.Scalar) -> Bool {
        s == "、" || s == "．" || s == "."
    }

    /// Reads a Chinese numeral of at most `maxLength` scalars; returns its value and where it ends.
    private static func number(in scalars: Substring.UnicodeScalarView, from start: Substring.UnicodeScalarView.Index,
                               maxLength: Int) -> (Int?, Substring.UnicodeScalarView.Index) {
        var end = start
        var length = 0
        while end < scalars.endIndex, ChineseNumerals.isNumeral(scalars[end]) {
            length += 1
            if length > maxLength { return (nil, end) }
            end = scalars.index(after: end)
        }
        guard length > 0 else { return (nil, end) }
        return (ChineseNumerals.value(of: Substring(scalars[start..<end])), end)
    }

    /// Reads one to three decimal digits; returns their value and where they end.
    private static func arabicNumber(in scalars: Substring.UnicodeScalarView, from start: Substring.UnicodeScalarView.Index)
        -> (Int?, Substring.UnicodeScalarView.Index) {
        var end = start
        var value = 0
        var length = 0
        while end < scalars.endIndex, let d = scalars[end].decimalDigitValue {
            length += 1
            if length > 3 { return (nil, end) }
            value = value * 10 + d
            end = scalars.index(after: end)
        }
        return (length > 0 ? value : nil, end)
    }

    // MARK: - Heading text

    /// How far into a line a sentence end still makes it an inline heading.
    static let inlineLimit = 60

    /// The heading as written, from a trimmed numbered line.
    ///
    /// A short line is its own heading; an inline heading ends before its first 。！？;
    /// a long paragraph without an early sentence end gives its first clause, or failing
    /// that its first 40 characters and "…".
    static func headingText(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var n = 0
        var firstClauseEnd: Substring.UnicodeScalarView.Index?
        while i < scalars.endIndex, n < inlineLimit {
            let s = scalars[i]
            if ReportText.isSentenceEnd(s) {
                return String(ReportText.trimmed(text[..<i]))
            }
            if firstClauseEnd == nil, ReportText.isClauseEnd(s) { firstClauseEnd = i }
            i = scalars.index(after: i)
            n += 1
        }
        if i == scalars.endIndex { return String(text) }
        if let end = firstClauseEnd {
            return String(ReportText.trimmed(text[..<end]))
        }
        return String(ReportText.prefix(text, scalars: 40)) + "…"
    }
}
