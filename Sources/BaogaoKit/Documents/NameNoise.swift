/// Words in file names that say which copy a file is, not what it is: 全文, 定稿, 最终版,
/// 打印版, 副本, a copy number `(1)`. Pure.
///
/// ```swift
/// NameNoise.stripped(Array("政府工作报告（全文）(1)".unicodeScalars)) // "政府工作报告"
/// ```
enum NameNoise {
    /// Words that never make a title, alone or at the end of a name.
    static let words: [String] = [
        "征求意见稿", "最终版本", "最终定稿", "全文实录", "打印版", "打印稿", "最终版", "最终稿", "定稿版", "修改稿",
        "修订稿", "送审稿", "讨论稿", "正式稿", "正式版", "发布稿", "审定稿", "报审稿", "全文", "定稿", "终稿",
        "初稿", "副本", "备份", "最新", "原文", "word版", "Word版", "WORD版", "pdf版", "PDF版", "新版",
        "copy", "Copy", "final", "Final", "FINAL",
    ]

    /// Closing brackets and their opening ones.
    static let brackets: [Unicode.Scalar: Unicode.Scalar] = [
        "）": "（", ")": "(", "】": "【", "]": "[", "〕": "〔", "》": "《", "」": "「",
    ]

    /// Separators between the parts of a name.
    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s.isReportSpace || ["_", "-", "－", "—", "–", "·", ".", "．", "、", ",", "，", "+", "~", "～", "#"].contains(s)
    }

    /// The name without noise words and copy numbers at its ends or in brackets.
    static func stripped(_ name: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var s = name
        var changed = true
        while changed {
            changed = false
            // Trailing separators.
            while let last = s.last, isSeparator(last) { s.removeLast(); changed = true }
            // A bracketed noise word or number at the end: (1), （定稿）, 【最终版】.
            if let last = s.last, let open = brackets[last], let start = s.lastIndex(of: open) {
                let inner = String(String.UnicodeScalarView(s[(start + 1)..<(s.count - 1)]))
                if isNoise(inner) { s.removeSubrange(start...); changed = true; continue }
            }
            // A bracketed noise word at the start: 【定稿】.
            if let first = s.first, let close = brackets.first(where: { $0.value == first })?.key,
               let end = s.firstIndex(of: close) {
                let inner = String(String.UnicodeScalarView(s[1..<end]))
                if isNoise(inner) { s.removeSubrange(...end); changed = true; continue }
            }
            let text = String(String.UnicodeScalarView(s))
            if let word = words.first(where: { text.hasSuffix($0) }), text.count > word.count {
                s.removeLast(word.unicodeScalars.count)
                changed = true
                continue
            }
            // A copy number after a separator: 报告-1, 报告_2, 报告 (3) handled above.
            var k = s.count
            while k > 0, s[k - 1].decimalDigitValue != nil { k -= 1 }
            if k < s.count, s.count - k <= 2, k > 0, isSeparator(s[k - 1]) {
                s.removeSubrange(k...)
                changed = true
            }
        }
        return s
    }

    /// A noise word, a short number or nothing.
    static func isNoise(_ text: String) -> Bool {
        let t = String(ReportText.trimmed(text))
        if t.isEmpty || words.contains(t) { return true }
        return t.unicodeScalars.count <= 2 && t.unicodeScalars.allSatisfy { $0.decimalDigitValue != nil }
    }
}
