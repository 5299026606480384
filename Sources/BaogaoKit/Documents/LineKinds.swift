/// What one line of a report is, as far as the structure parser cares.
///
/// ```swift
/// LineKind.classify("收藏")                    // .navigation
/// LineKind.classify("一、总体情况")             // .heading(…)
/// LineKind.classify("第一条 为了规范…")         // .article
/// LineKind.classify("名词解释")                 // .heading(…): an appendix at the top level
/// LineKind.classify("强化队伍，夯实组织基础")     // .text (may still stand for a missing 二、)
/// ```
enum LineKind: Equatable {
    /// Nothing but whitespace.
    case blank
    /// Web crumbs (下载, 打印, 【字号：…) and HTML comments: left out of the passages.
    case navigation
    /// A numbered or Markdown heading.
    case heading(HeadingMatch)
    /// An article of a law, 第一条 …: a passage, and the end of any list items before it.
    case article
    /// Any other line.
    case text

    /// Classifies one line (without its line break).
    static func classify(_ line: Substring) -> LineKind {
        let text = ReportText.trimmed(line)
        if text.isEmpty { return .blank }
        if LineKinds.isNavigation(text) { return .navigation }
        if let heading = HeadingRecognizer.recognize(text) { return .heading(heading) }
        if LineKinds.isAppendixHeading(text) {
            return .heading(HeadingMatch(kind: .chineseNumeral, number: nil, heading: String(text)))
        }
        if HeadingRecognizer.isArticle(text) { return .article }
        return .text
    }
}

/// Tests on single lines: crumbs, salutations, and short lines that may stand for a missing heading.
///
/// ```swift
/// LineKinds.isNavigation("【字号：")                  // true
/// LineKinds.isSalutation("各位代表：")                // true
/// LineKinds.isHeadingCandidate("某某市市长 王 某")     // false: a speaker line
/// LineKinds.isHeadingCandidate("强化队伍，夯实组织基础") // true
/// ```
enum LineKinds {
    /// Words that make up web page navigation, each alone on a line or together.
    static let navigationWords: Set<Substring> = [
        "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "分享", "分享到", "关闭", "关闭窗口",
        "打印本页", "打印此页", "打印文章", "关闭本页", "返回", "返回顶部", "返回首页", "上一篇", "下一篇",
        "相关报道", "相关链接", "相关阅读", "相关文章", "扫一扫", "字号", "默认", "放大", "缩小",
    ]
    /// Marks that separate or wrap navigation words: 【打印本页】【关闭窗口】, [关闭] | 分享到：.
    private static func isNavigationMark(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "【", "】", "[", "]", "〖", "〗", "|", "｜": return true
        default: return false
        }
    }
    /// Font-size switches: 【字号：大 中 小】.
    private static let fontSizePrefixes = ["【字号", "【字体", "字号：", "字体：", "字号:"]
    /// How a navigation word can start: a quick test that turns most lines away.
    private static let navigationStarts: Set<Unicode.Scalar> = Set(navigationWords.map { $0.unicodeScalars.first! })
    /// The longest navigation word, with a colon.
    private static let navigationWordLimit = 6

    /// Whether the (trimmed) line is web navigation or an HTML comment, to be left out.
    ///
    /// Reads at most a few characters of a line that is not.
    static func isNavigation(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first == "<" { return text.hasPrefix("<!--") && text.hasSuffix("-->") }
        if first == "【" || first == "字", fontSizePrefixes.contains(where: { text.hasPrefix($0) }) { return true }
        guard navigationStarts.contains(first) || isNavigationMark(first) else { return false }
        // Every word between spaces and brackets must be a navigation word.
        let scalars = text.unicodeScalars
        var wordStart: Substring.Index?
        var wordLength = 0
        var index = scalars.startIndex
        while true {
            let atEnd = index == scalars.endIndex
            if atEnd || scalars[index].isReportSpace || isNavigationMark(scalars[index]) {
                if let start = wordStart, !navigationWords.contains(droppingColons(text[start..<index])) {
                    return false
                }
                wordStart = nil
                wordLength = 0
            } else {
                if wordStart == nil { wordStart = index }
                wordLength += 1
                if wordLength > navigationWordLimit { return false }
            }
            if atEnd { return true }
            index = scalars.index(after: index)
        }
    }

    /// The word without trailing colons: 分享到： → 分享到.
    private static func droppingColons(_ word: Substring) -> Substring {
        var core = word
        while let last = core.unicodeScalars.last, last == "：" || last == ":" {
            core = core[..<core.unicodeScalars.index(before: core.endIndex)]
        }
        return core
    }

    /// Standalone labels that open an appendix: 名词解释, 附件, 附录.
    static let appendixLabels: Set<Substring> = ["名词解释", "附：名词解释", "附:名词解释", "名词注释", "附件", "附录", "注释"]

    /// Whether the (trimmed) line opens an appendix, a top-level section without a number.
    static func isAppendixHeading(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "名" || first == "附" || first == "注" else { return false }
        return appendixLabels.contains(droppingColons(text))
    }

    /// Whether the line is a salutation: "各位代表：", "XX:", "同志们：".
    static func isSalutation(_ text: Substring) -> Bool {
        guard let last = text.unicodeScalars.last, last == "：" || last == ":" else { return false }
        return ReportText.count(text, upTo: 20) <= 20
    }

    /// Closing words that stand alone but are no headings.
    static let closings: Set<Substring> = ["谢谢", "谢谢大家", "特此报告", "以上报告", "此致", "敬礼", "此致敬礼"]
    /// The longest line that may stand for a missing heading.
    static let candidateLimit = 30

    /// Sentence and label punctuation: a line holding one is no heading.
    private static let candidateForbidden: Set<Unicode.Scalar> = ["。", "！", "？", "；", "!", "?", ";", "：", ":", "…"]
    /// A heading does not end mid-sentence.
    private static let candidateForbiddenLast: Set<Unicode.Scalar> = ["，", ",", "、"]
    /// Subtitles (——…), parenthesised notes, bracketed labels, book titles and markup.
    private static let candidateForbiddenFirst: Set<Unicode.Scalar> = ["—", "－", "-", "（", "(", "【", "[", "《", "<", "#"]

    /// Whether a short unnumbered line may stand where a top-level number is missing.
    ///
    /// Only the line itself is judged here: not a sentence, not a salutation or label,
    /// not a subtitle, speaker, date or signature. Its position is judged by ``MissingHeadings``.
    static func isHeadingCandidate(_ text: Substring) -> Bool {
        let length = ReportText.count(text, upTo: candidateLimit)
        guard length >= 2, length <= candidateLimit else { return false }
        var hanCount = 0
        for s in text.unicodeScalars {
            if candidateForbidden.contains(s) || s.isReportSpace { return false }
            if s.isHan { hanCount += 1 }
        }
        guard hanCount >= 2, let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !candidateForbiddenLast.contains(last), !candidateForbiddenFirst.contains(first) else { return false }
        if closings.contains(text) { return false }
        if ReportDates.leadingDate(text) != nil { return false }
        if UnitNames.isUnitName(text) { return false }
        return true
    }

    /// Words that end a report's title: 工作总结, 政府工作报告, 述职报告 ….
    static let titleEndings = ["报告", "总结", "汇报", "计划", "要点", "讲话", "方案", "意见", "通知", "纪要", "发言", "材料", "规划"]

    /// Whether a short line reads as the title of a report ("2021年度机关党建工作总结").
    static func isTitleLike(_ text: Substring) -> Bool {
        titleEndings.contains(where: { text.hasSuffix($0) })
    }

    /// Whether the line reads as body text: a sentence, or too long to be a heading.
    static func isBodyParagraph(_ text: Substring) -> Bool {
        ReportText.count(text, upTo: candidateLimit) > candidateLimit
            || ReportText.contains(text, where: ReportText.isSentenceEnd)
    }
}
