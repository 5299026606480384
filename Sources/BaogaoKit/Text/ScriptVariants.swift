/// Folds traditional and variant Han characters to simplified ones, so 鄉村振興 and 乡村振兴
/// match each other. Built once from ``ScriptVariantTable`` (OpenCC's tables).
///
/// ```swift
/// ScriptVariants.simplified(0x9109)  // 0x4E61: 鄉 → 乡
/// ScriptVariants.simplified(0x4E61)  // nil: 乡 stays
/// ```
enum ScriptVariants {
    /// The mapping, looked up without touching a global: loops over many characters take
    /// ``table`` once (each access to a lazily built global calls `swift_once`, which showed
    /// in profiles of ranking).
    struct Table: Sendable {
        /// For 一 (U+4E00) … 鿿 (U+9FFF): one bit per character, set when it is mapped (2.6 KB,
        /// which stays in the CPU's first cache where the 84 KB table does not: most
        /// characters of a simplified text are not mapped)…
        let bits: [UInt64]
        /// …and the simplified scalar, or 0 when the character stays.
        let unified: [UInt32]
        /// Every other mapped character (extensions, compatibility ideographs).
        let others: [UInt32: UInt32]
        let count: Int

        /// The simplified form of `value`, or nil when it has none.
        @inline(__always)
        func simplified(_ value: UInt32) -> UInt32? {
            if value >= 0x4E00 && value <= 0x9FFF {
                let offset = Int(value - 0x4E00)
                guard bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0 else { return nil }
                return unified[offset]
            }
            if value < 0x3400 { return nil }
            return others[value]
        }

        /// Read in one pass over ``ScriptVariantTable``'s scalars.
        static func build() -> Table {
            var bits = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00 + 64) / 64)
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
                    let offset = Int(source - 0x4E00)
                    unified[offset] = scalar.value
                    bits[offset >> 6] |= 1 << UInt64(offset & 63)
                } else {
                    others[source] = scalar.value
                }
            }
            return Table(bits: bits, unified: unified, others: others, count: count)
        }
    }

    /// Built at the first fold of a process.
    static let table = Table.build()

    /// The simplified form of `value`, or nil when it has none.
    @inline(__always)
    static func simplified(_ value: UInt32) -> UInt32? { table.simplified(value) }

    /// How many characters are mapped.
    static var count: Int { table.count }
}
