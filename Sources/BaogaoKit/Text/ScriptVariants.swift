/// Folds traditional and variant Han characters to simplified ones, so 鄉村振興 and 乡村振兴
/// match each other. Built once from ``ScriptVariantTable`` (OpenCC's tables).
///
/// ```swift
/// ScriptVariants.simplified(0x9109)  // 0x4E61: 鄉 → 乡
/// ScriptVariants.simplified(0x4E61)  // nil: 乡 stays
/// ```
enum ScriptVariants {
    /// For 一 (U+4E00) … 鿿 (U+9FFF): the simplified scalar, or 0 when the character stays.
    private static let unified: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        for (from, to) in all where from >= 0x4E00 && from <= 0x9FFF {
            table[Int(from - 0x4E00)] = to
        }
        return table
    }()

    /// Every other mapped character (extensions, compatibility ideographs).
    private static let others: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        for (from, to) in all where from < 0x4E00 || from > 0x9FFF {
            map[from] = to
        }
        return map
    }()

    private static let all: [(UInt32, UInt32)] = {
        let scalars = Array(ScriptVariantTable.pairs.unicodeScalars)
        return stride(from: 0, to: scalars.count - 1, by: 2).map { (scalars[$0].value, scalars[$0 + 1].value) }
    }()

    /// The simplified form of `value`, or nil when it has none.
    @inline(__always)
    static func simplified(_ value: UInt32) -> UInt32? {
        if value >= 0x4E00 && value <= 0x9FFF {
            let mapped = unified[Int(value - 0x4E00)]
            return mapped == 0 ? nil : mapped
        }
        if value < 0x3400 { return nil }
        return others[value]
    }

    /// How many characters are mapped.
    static var count: Int { all.count }
}
