/// Takes out the spaces OCR puts between Chinese characters, and keeps those between Latin
/// words and numbers. Pure.
///
/// Tesseract reads Chinese one character (or a few) at a time and writes its "words" with
/// spaces between them: `今年 以 来 ， 我 局`. A run of spaces goes when the character on
/// either side is Chinese (a Han character, kana, hangul, CJK or full-width punctuation, a
/// Chinese quotation mark); between two Latin words or numbers it stays, as one space.
///
/// ```swift
/// OCRSpacing.clean("今年 以 来 ， 我 局 完成 GDP 增长 5.2 %")  // "今年以来，我局完成GDP增长5.2 %"
/// OCRSpacing.clean("Baogao  search   tool")                   // "Baogao search tool"
/// ```
enum OCRSpacing {
    static func clean(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace, let last = out.last, !isWide(last), !isWide(scalar) {
                out.append(" ")
            }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
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
