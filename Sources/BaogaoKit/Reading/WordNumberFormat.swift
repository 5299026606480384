/// Formats list numbers the way Word shows them, for the `w:numFmt` values of numbering.xml.
///
/// ```swift
/// WordNumberFormat.format(12, as: "chineseCounting")        // "十二"
/// WordNumberFormat.format(3, as: "decimalEnclosedCircle")   // "③"
/// WordNumberFormat.format(4, as: "upperRoman")              // "IV"
/// ```
enum WordNumberFormat {
    /// The number `n` in format `format`; formats Baogao does not know print as decimals,
    /// `bullet` and `none` as "".
    static func format(_ n: Int, as format: String) -> String {
        if format == "bullet" || format == "none" { return "" }
        guard n > 0 else { return String(n) }
        switch format {
        case "decimalZero": return n < 10 ? "0\(n)" : String(n)
        case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
             "taiwaneseCountingThousand", "ideographDigital":
            return chinese(n)
        case "chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal":
            return String(chinese(n).map { legal[$0] ?? $0 })
        case "ideographTraditional": return String(heavenlyStems[(n - 1) % 10])
        case "ideographZodiac": return String(earthlyBranches[(n - 1) % 12])
        case "lowerLetter" where n <= 780: return letters(n, upper: false)
        case "upperLetter" where n <= 780: return letters(n, upper: true)
        case "lowerRoman" where n < 4000: return roman(n).lowercased()
        case "upperRoman" where n < 4000: return roman(n)
        case "decimalEnclosedCircle" where n <= 20, "decimalEnclosedCircleChinese" where n <= 20:
            return String(Unicode.Scalar(0x2460 + UInt32(n) - 1)!)
        case "decimalEnclosedParen" where n <= 20:
            return String(Unicode.Scalar(0x2474 + UInt32(n) - 1)!)
        case "decimalEnclosedFullstop" where n <= 20:
            return String(Unicode.Scalar(0x2488 + UInt32(n) - 1)!)
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
        default: return String(n)
        }
    }

    private static let digits: [Character] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    private static let legal: [Character: Character] = [
        "一": "壹", "二": "贰", "三": "叁", "四": "肆", "五": "伍", "六": "陆", "七": "柒", "八": "捌",
        "九": "玖", "十": "拾", "百": "佰", "千": "仟",
    ]
    private static let heavenlyStems = Array("甲乙丙丁戊己庚辛壬癸")
    private static let earthlyBranches = Array("子丑寅卯辰巳午未申酉戌亥")

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十.
    static func chinese(_ n: Int) -> String {
        guard n > 0 else { return "零" }
        guard n < 10_000 else { return String(n) }
        if n < 20 && n >= 10 { return "十" + (n == 10 ? "" : String(digits[n - 10])) }
        let units: [(Int, String)] = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        var out = ""
        var pendingZero = false
        for (value, name) in units {
            let d = (n / value) % 10
            if d == 0 {
                if !out.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { out += "零"; pendingZero = false }
            out += String(digits[d]) + name
        }
        return out
    }

    /// 1 → a, 26 → z, 27 → aa, 28 → bb (Word repeats the letter).
    static func letters(_ n: Int, upper: Bool) -> String {
        let letter = Character(Unicode.Scalar(UInt32(upper ? 0x41 : 0x61) + UInt32((n - 1) % 26))!)
        return String(repeating: letter, count: (n - 1) / 26 + 1)
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var out = ""
        for (value, symbol) in table {
            while n >= value { out += symbol; n -= value }
        }
        return out
    }
}
