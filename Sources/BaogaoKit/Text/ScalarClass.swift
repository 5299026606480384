/// How the tokenizer treats a folded scalar.
///
/// ```swift
/// ScalarClass.of("乡")  // .ideograph
/// ScalarClass.of("p")   // .word
/// ScalarClass.of("。")  // .separator
/// ```
public enum ScalarClass: Sendable, Hashable {
    /// Han, kana, hangul and bopomofo: indexed as overlapping character bigrams.
    case ideograph
    /// Letters, digits and combining marks of other scripts: indexed as whole words.
    case word
    /// Whitespace, punctuation, symbols, emoji: never indexed, always a boundary.
    case separator

    @inline(__always)
    public static func of(_ value: UInt32) -> ScalarClass {
        if value < 0x80 {
            if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39)
                || (value >= 0x41 && value <= 0x5A) {
                return .word
            }
            return .separator
        }
        if value >= 0x4E00 && value <= 0x9FFF { return .ideograph }
        if let entry = FrequentScalars.entry(value) { return entry.scalarClass }
        return computeClass(value)
    }

    /// ``of(_:)-(UInt32)`` from Unicode properties, without tables (they are built from it).
    static func computeClass(_ value: UInt32) -> ScalarClass {
        if value < 0x80 || (value >= 0x4E00 && value <= 0x9FFF) { return of(value) }
        if isIdeographRange(value) { return .ideograph }
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        if properties.isIdeographic { return .ideograph }
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .word
        default: return .separator
        }
    }

    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> ScalarClass { of(scalar.value) }

    @inline(__always)
    private static func isIdeographRange(_ v: UInt32) -> Bool {
        (v >= 0x3400 && v <= 0x4DBF)      // CJK Extension A
            || (v >= 0x3005 && v <= 0x3007) // 々 〆 〇
            || (v >= 0x3040 && v <= 0x30FF) // Hiragana, Katakana
            || (v >= 0x3100 && v <= 0x312F) // Bopomofo
            || (v >= 0x3130 && v <= 0x318F) // Hangul compatibility jamo
            || (v >= 0x31A0 && v <= 0x31FF) // Bopomofo extended, Katakana extensions
            || (v >= 0x1100 && v <= 0x11FF) // Hangul jamo
            || (v >= 0xAC00 && v <= 0xD7A3) // Hangul syllables
            || (v >= 0xF900 && v <= 0xFAFF) // CJK compatibility ideographs
            || (v >= 0x20000 && v <= 0x3134F) // CJK Extensions B–G
    }
}
