/// Reads the Chinese numerals used to number headings, articles and dates.
///
/// ```swift
/// ChineseNumerals.value(of: "二十一")      // 21
/// ChineseNumerals.value(of: "一百二十")    // 120
/// ChineseNumerals.positionalValue(of: "二〇二一") // 2021
/// ```
enum ChineseNumerals {
    static let digits: [Unicode.Scalar: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
        "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let units: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1000]

    /// Whether the scalar can be part of a Chinese numeral.
    static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        digits[s] != nil || units[s] != nil
    }

    /// The value of a numeral like 三, 十一, 二十, 一百零五; nil if it is not one.
    static func value(of text: some StringProtocol) -> Int? {
        var total = 0
        var pending: Int?
        var count = 0
        for s in text.unicodeScalars {
            count += 1
            if let d = digits[s] {
                pending = d
            } else if let u = units[s] {
                total += (pending ?? (total == 0 ? 1 : 0)) * u // 十一: a leading 十 is 一十
                pending = nil
            } else {
                return nil
            }
        }
        guard count > 0 else { return nil }
        return total + (pending ?? 0)
    }

    /// The value of a digit-by-digit numeral like 二〇二一 (years); nil if it is not one, or
    /// too long to be a number (it would overflow).
    static func positionalValue(of text: some StringProtocol) -> Int? {
        var total = 0
        var count = 0
        for s in text.unicodeScalars {
            guard let d = digits[s], s != "两", count < 18 else { return nil }
            total = total * 10 + d
            count += 1
        }
        return count > 0 ? total : nil
    }
}
