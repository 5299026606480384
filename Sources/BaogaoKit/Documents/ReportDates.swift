/// Reads years and dates as reports write them: 2021年, 2021年12月30日, 二〇二一年十二月三十日, 2021-12-30.
///
/// ```swift
/// ReportDates.leadingDateYear("2021年12月30日")          // 2021
/// ReportDates.leadingDateYear("二〇二一年十二月三十日")    // 2021
/// ReportDates.isDateLine("2021年12月30日")               // true
/// ReportDates.firstYearBeforeNian("2021年，在市委的…")    // 2021
/// ```
enum ReportDates {
    /// What follows the year of a date: 2021年, 2021-12-30, 2021.12.30, 2021/12/30.
    private static let dateSeparators: Set<Unicode.Scalar> = ["年", "-", ".", "/", "－", "．"]
    /// The years a report can be about.
    static let validYears = 1949...2100

    /// The year of a date (year and month at least) that starts the trimmed line, and where
    /// the date ends; nil when the line does not start with a date.
    static func leadingDate(_ line: Substring) -> (year: Int, end: Substring.Index)? {
        let scalars = line.unicodeScalars
        var i = scalars.startIndex
        // Year: four ASCII/full-width digits or four Chinese digits.
        var year = 0
        var arabic = true
        for k in 0..<4 {
            guard i < scalars.endIndex else { return nil }
            if let d = scalars[i].decimalDigitValue, k == 0 || arabic {
                year = year * 10 + d
            } else if let d = ChineseNumerals.digits[scalars[i]], scalars[i] != "两", k == 0 || !arabic {
                arabic = false
                year = year * 10 + d
            } else {
                return nil
            }
            i = scalars.index(after: i)
        }
        guard validYears.contains(year), i < scalars.endIndex else { return nil }
        let separator = scalars[i]
        guard dateSeparators.contains(separator) else { return nil }
        i = scalars.index(after: i)
        // Month: one or two digits (or Chinese numerals), then 月 or the same separator.
        var monthLength = 0
        while i < scalars.endIndex, monthLength < 3,
              scalars[i].decimalDigitValue != nil || ChineseNumerals.isNumeral(scalars[i]) {
            monthLength += 1
            i = scalars.index(after: i)
        }
        guard monthLength > 0 else { return nil }
        if i < scalars.endIndex, scalars[i] == "月" || scalars[i] == separator {
            i = scalars.index(after: i)
            while i < scalars.endIndex,
                  scalars[i].decimalDigitValue != nil || ChineseNumerals.isNumeral(scalars[i]) {
                i = scalars.index(after: i)
            }
            if i < scalars.endIndex, scalars[i] == "日" || scalars[i] == "号" { i = scalars.index(after: i) }
        } else if separator == "年" {
            return nil
        }
        return (year, i)
    }

    /// The year of a date that starts the line, or nil.
    static func leadingDateYear(_ line: some StringProtocol) -> Int? {
        leadingDate(ReportText.trimmed(Substring(line)))?.year
    }

    /// Whether the whole line is a date, like a dated signature "2021年12月30日".
    static func isDateLine(_ line: some StringProtocol) -> Bool {
        let text = ReportText.trimmed(Substring(line))
        guard let date = leadingDate(text) else { return false }
        return ReportText.isBlank(text[date.end...])
    }

    /// The first four-digit year in `text`, not part of a longer number ("2021年度…" → 2021).
    static func firstYear(in text: some StringProtocol) -> Int? {
        firstYear(in: text, requiringNian: false)
    }

    /// The first year written as four digits followed by 年 ("2021年，在…" → 2021).
    static func firstYearBeforeNian(in text: some StringProtocol) -> Int? {
        firstYear(in: text, requiringNian: true)
    }

    private static func firstYear(in text: some StringProtocol, requiringNian: Bool) -> Int? {
        var value = 0
        var length = 0
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let s = pending {
            pending = iterator.next()
            if let d = s.decimalDigitValue {
                // Only four digits can make a year: a longer run must not overflow.
                if length < 4 { value = value * 10 + d }
                length += 1
                continue
            }
            if length == 4, validYears.contains(value), !requiringNian || s == "年" { return value }
            value = 0
            length = 0
        }
        if length == 4, validYears.contains(value), !requiringNian { return value }
        return nil
    }
}
