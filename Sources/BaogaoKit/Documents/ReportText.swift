/// Small scalar-level helpers shared by the structure and metadata units.
///
/// Everything here works on `Unicode.Scalar`s and stops early, so that a 50 MB line costs
/// no more than its first few characters.
///
/// ```swift
/// ReportText.trimmed("\u{3000}一、总体情况 ")   // "一、总体情况"
/// ReportText.count("谢谢大家！", upTo: 30)      // 5
/// ```
enum ReportText {
    /// The line without surrounding whitespace (ASCII, full-width U+3000, NBSP, BOM, zero-width).
    static func trimmed(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isReportSpace }) else {
            return line[line.endIndex...]
        }
        var end = scalars.endIndex
        while end > first {
            let before = scalars.index(before: end)
            if !scalars[before].isReportSpace { break }
            end = before
        }
        return line[first..<end]
    }

    /// The line without surrounding whitespace.
    static func trimmed(_ line: String) -> Substring {
        trimmed(line[...])
    }

    /// Whether the line holds nothing but whitespace.
    static func isBlank(_ line: Substring) -> Bool {
        !line.unicodeScalars.contains(where: { !$0.isReportSpace })
    }

    /// The number of scalars in `text`, but never more than `limit + 1`: enough to tell
    /// "at most `limit`" from "longer" without walking a huge line.
    static func count(_ text: Substring, upTo limit: Int) -> Int {
        var n = 0
        for _ in text.unicodeScalars {
            n += 1
            if n > limit { break }
        }
        return n
    }

    /// The first `n` scalars of `text`.
    static func prefix(_ text: Substring, scalars n: Int) -> Substring {
        let view = text.unicodeScalars
        let end = view.index(view.startIndex, offsetBy: n, limitedBy: view.endIndex) ?? view.endIndex
        return text[view.startIndex..<end]
    }

    /// Whether `text` has a scalar matching `predicate` among its first `limit` scalars.
    static func contains(_ text: Substring, within limit: Int = .max, where predicate: (Unicode.Scalar) -> Bool) -> Bool {
        var n = 0
        for s in text.unicodeScalars {
            if predicate(s) { return true }
            n += 1
            if n >= limit { return false }
        }
        return false
    }

    /// Sentence ends: 。！？ and their ASCII forms.
    static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "!", "?": return true
        default: return false
        }
    }

    /// Clause ends: sentence ends plus ；：， and their ASCII forms.
    static func isClauseEnd(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "!", "?", "；", "：", "，", ";", ":", ",": return true
        default: return false
        }
    }
}

extension Unicode.Scalar {
    /// Whitespace as it appears in reports, including U+3000, NBSP, BOM and zero-width spaces.
    var isReportSpace: Bool {
        switch value {
        case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F,
             0x2060, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// A CJK ideograph (the basic, extension-A and compatibility blocks and the supplementary planes).
    var isHan: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// The value of an ASCII or full-width decimal digit.
    var decimalDigitValue: Int? {
        switch value {
        case 0x30...0x39: return Int(value - 0x30)
        case 0xFF10...0xFF19: return Int(value - 0xFF10)
        default: return nil
        }
    }
}
