/// The folding and class of the non-ASCII, non-Han scalars Chinese text uses most —
/// general punctuation (U+2000–U+206F), CJK symbols and punctuation (U+3000–U+303F) and
/// full-width forms (U+FF00–U+FFEF) — worked out once, so that `，（：；` and `、。“”` cost a
/// table lookup instead of Unicode property lookups on every search and every passage.
///
/// ```swift
/// FrequentScalars.entry(0xFF0C)?.folded       // 0x2C: "，" folds to ","
/// FrequentScalars.entry(0x3001)?.scalarClass  // .separator: "、"
/// FrequentScalars.entry(0x4E61)               // nil: not one of them
/// ```
enum FrequentScalars {
    /// What folding and classifying one scalar gives.
    struct Entry {
        /// The one scalar it folds to; ``notOne`` when it folds to none or several.
        var folded: UInt32
        /// The class of the scalar itself (``ScalarClass/of(_:)-(UInt32)``).
        var scalarClass: ScalarClass
    }

    /// ``Entry/folded`` of a scalar that folds to nothing or to several scalars.
    static let notOne = UInt32.max

    /// The blocks covered, as half-open ranges.
    static let blocks: [Range<UInt32>] = [0x2000..<0x2070, 0x3000..<0x3040, 0xFF00..<0xFFF0]

    private static let table: [Entry] = blocks.flatMap { block in
        block.map { value -> Entry in
            let scalar = Unicode.Scalar(value)!
            let folded = ScalarFolding.computeFolded(scalar)
            return Entry(folded: folded.count == 1 ? folded[0].value : notOne,
                         scalarClass: ScalarClass.computeClass(value))
        }
    }

    /// The entry of `value`, or nil when it is outside the covered blocks.
    @inline(__always)
    static func entry(_ value: UInt32) -> Entry? {
        let offset: UInt32
        switch value {
        case 0x2000..<0x2070: offset = value - 0x2000
        case 0x3000..<0x3040: offset = 0x70 + value - 0x3000
        case 0xFF00..<0xFFF0: offset = 0x70 + 0x40 + value - 0xFF00
        default: return nil
        }
        return table[Int(offset)]
    }
}
