/// Finds the year a file or folder name carries, as people write it: `2021年`, `2021年度`,
/// `（2021）`, `-2021`, `2021.`, `20210315`, `二〇二一年`. Pure.
///
/// A year is four digits not inside a longer number nor between Latin letters (`da4124ded`
/// holds none, `zfgzbg2026` holds 2026), or four Chinese digits before 年. What follows it as part of
/// the same date (`年度`, `年`, `.12.30`, `年3月5日`) belongs to the token, so that the rest
/// of the name can be read without it.
///
/// ```swift
/// NameYears.first(in: Array("市发改委2023年工作总结".unicodeScalars))  // year 2023, scalars 4..<9
/// NameYears.first(in: Array("二〇二一年总结".unicodeScalars))?.year      // 2021
/// ```
enum NameYears {
    /// A year found in a name, and the scalars it spans (with its 年/年度 and date tail).
    struct Token: Equatable {
        var year: Int
        var range: Range<Int>
    }

    /// Chinese digits as years are written: 二〇二一, 一九五四 (also with ○ for 〇).
    static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// The first year in `s`.
    static func first(in s: [Unicode.Scalar]) -> Token? {
        var i = 0
        while i < s.count {
            if let token = arabic(s, at: i) ?? chinese(s, at: i) { return token }
            i += 1
        }
        return nil
    }

    /// The first year in a string.
    static func firstYear(in text: some StringProtocol) -> Int? {
        first(in: Array(text.unicodeScalars))?.year
    }

    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }

    /// Four digits (or eight: 20210315) standing alone at `i`.
    private static func arabic(_ s: [Unicode.Scalar], at i: Int) -> Token? {
        guard s[i].decimalDigitValue != nil else { return nil }
        if i > 0, s[i - 1].decimalDigitValue != nil { return nil }
        var end = i
        while end < s.count, s[end].decimalDigitValue != nil { end += 1 }
        let digits = s[i..<end].map { $0.decimalDigitValue! }
        if i > 0, isASCIILetter(s[i - 1]), end < s.count, isASCIILetter(s[end]) { return nil }
        let year = digits.prefix(4).reduce(0) { $0 * 10 + $1 }
        guard ReportDates.validYears.contains(year) else { return nil }
        if digits.count == 8 {
            let month = digits[4] * 10 + digits[5]
            guard (1...12).contains(month) else { return nil }
            return Token(year: year, range: i..<end)
        }
        guard digits.count == 4 else { return nil }
        return Token(year: year, range: i..<dateTail(s, from: end))
    }

    /// Four Chinese digits before 年 at `i`: 二〇二一年.
    private static func chinese(_ s: [Unicode.Scalar], at i: Int) -> Token? {
        guard i + 4 < s.count, s[i + 4] == "年" else { return nil }
        if i > 0, chineseDigits[s[i - 1]] != nil { return nil }
        var year = 0
        for k in 0..<4 {
            guard let d = chineseDigits[s[i + k]], s[i + k] != "零" || k > 0 else { return nil }
            year = year * 10 + d
        }
        guard ReportDates.validYears.contains(year) else { return nil }
        return Token(year: year, range: i..<dateTail(s, from: i + 4))
    }

    /// The end of what goes with a year: 年度, 年, a month and day (年3月5日, .12.30, -12-30).
    private static func dateTail(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        if end < s.count, s[end] == "年" {
            end += 1
            if end < s.count, s[end] == "度" { return end + 1 }
        }
        // A month (and day) right after: 年3月5日, .12.30, -12-30, 年十二月.
        var j = end
        let separated = end == start
        if separated {
            guard j < s.count, [".", "-", "/", "．", "－"].contains(s[j]) else { return end }
            j += 1
        }
        let monthStart = j
        while j < s.count, j - monthStart < 3, s[j].decimalDigitValue != nil || ChineseNumerals.isNumeral(s[j]) { j += 1 }
        guard j > monthStart else { return end }
        if j < s.count, s[j] == "月" { j += 1 } else if !separated { return end }
        let dayStart = j
        if separated, j < s.count, [".", "-", "/", "．", "－"].contains(s[j]) { j += 1 }
        let digitsStart = j
        while j < s.count, j - digitsStart < 3, s[j].decimalDigitValue != nil || ChineseNumerals.isNumeral(s[j]) { j += 1 }
        if j > digitsStart, j < s.count, s[j] == "日" || s[j] == "号" { j += 1 }
        if j == digitsStart { j = dayStart }
        // "2021.政府工作报告": a lone separator with no month is not a date.
        return j
    }
}
