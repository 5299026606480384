/// Takes out the spaces OCR puts between Chinese characters, and keeps those between Latin
/// words and numbers. Pure.
///
/// Tesseract reads Chinese one character (or a few) at a time and writes its "words" with
/// spaces between them: `今年 以 来 ， 我 局`, and numbers digit by digit: `2 0 2 3 年`. A run
/// of spaces goes when the character on either side is Chinese (a Han character, kana, hangul,
/// CJK or full-width punctuation, a Chinese quotation mark); in a line holding Chinese, it also
/// goes between two tokens of which one is a lone digit, letter or `.` `%` (`2 0 2 3`,
/// `8 8 . 7 %`, `X X`). Between Latin words and whole numbers it stays, as one space.
///
/// ```swift
/// OCRSpacing.clean("今年 以 来 ， 我 局 完成 GDP 增长 5 . 2 %")  // "今年以来，我局完成GDP增长5.2%"
/// OCRSpacing.clean("Baogao  search   tool")                     // "Baogao search tool"
/// ```
enum OCRSpacing {
    static func clean(_ line: String) -> String {
        let tokens = line.unicodeScalars.split(whereSeparator: isSpace).map { Array($0) }
        let chinese = tokens.contains { $0.contains(where: isWide) }
        var out = String.UnicodeScalarView()
        for (i, token) in tokens.enumerated() {
            if i > 0 {
                let before = tokens[i - 1]
                let keep = !isWide(before.last!) && !isWide(token.first!)
                    && !(chinese && (isLone(before) || isLone(token)))
                if keep { out.append(" ") }
            }
            out.append(contentsOf: token)
        }
        return String(out)
    }

    /// A token of one digit, letter, `.` or `%`: a piece of a number or code OCR split.
    private static func isLone(_ token: [Unicode.Scalar]) -> Bool {
        guard token.count == 1, let s = token.first, s.isASCII else { return false }
        return s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "%"
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}" || s == "\u{A0}"
    }

    /// Whether the scalar belongs to Chinese (or Japanese, Korean) text, where words are not
    /// separated by spaces.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if ScalarClass.of(v) == .ideograph { return true }
        return (0x3000...0x303F).contains(v)      // CJK punctuation: 、。〈〉《》「」【】〔〕
            || (0xFF00...0xFFEF).contains(v)      // full-width forms: ，（）：；！？
            || (0x2018...0x201F).contains(v)      // ‘ ’ “ ”
            || v == 0x2026 || v == 0x2014 || v == 0x00B7 || v == 0x2022 // … — · •
    }
}
