/// Folds traditional and variant Han characters to simplified ones, so 鄉村振興 and 乡村振兴
/// match each other. Built once from ``ScriptVariantTable`` (OpenCC's tables).
///
/// ```swift
/// ScriptVariants.simplified(0x9109)  // 0x4E61: 鄉 → 乡
/// ScriptVariants.simplified(0x4E61)  // nil: 乡 stays
/// ```
enum ScriptVariants {
    /// For 一 (U+4E00) … 鿿 (U+9FFF): the simplified scalar, or 0 when the character stays;
    /// every other mapped character (extensions, compatibility ideographs); how many in all.
    /// Read in one pass over the table's scalars, at the first fold of a process.
    private static let tables: (unified: [UInt32], others: [UInt32: UInt32], count: Int) = {
        var unified = [UInt32](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        var others: [UInt32: UInt32] = [:]
        others.reserveCapacity(2048)
        var count = 0
        var from: UInt32?
        for scalar in ScriptVariantTable.pairs.unicodeScalars {
            guard let source = from else {
                from = scalar.value
                continue
            }
            from = nil
            count += 1
            if source >= 0x4E00 && source <= 0x9FFF {
                unified[Int(source - 0x4E00)] = scalar.value
            } else {
                others[source] = scalar.value
            }
        }
        return (unified, others, count)
    }()

    /// The simplified form of `value`, or nil when it has none.
    @inline(__always)
    static func simplified(_ value: UInt32) -> UInt32? {
        if value >= 0x4E00 && value <= 0x9FFF {
            let mapped = tables.unified[Int(value - 0x4E00)]
            return mapped == 0 ? nil : mapped
        }
        if value < 0x3400 { return nil }
        return tables.others[value]
    }

    /// How many characters are mapped.
    static var count: Int { tables.count }
}
