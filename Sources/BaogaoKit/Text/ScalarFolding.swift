import Foundation
import Synchronization

/// Folds one Unicode scalar for matching: NFKC, then case folding, then traditional and
/// variant Han characters to simplified (``ScriptVariants``); default-ignorable code points
/// (zero-width space, variation selectors, soft hyphen) fold to nothing.
///
/// Matching works on folded text, display on the original: `Ｐ` → `p`, `２` → `2`, `⼀` → `一`,
/// `㍻` → `平成`, `鄉` → `乡`. Folding is per scalar, so every folded scalar points back to
/// exactly one original scalar.
///
/// ```swift
/// ScalarFolding.folded("Ｐ")  // ["p"]
/// ScalarFolding.folded("鄉")  // ["乡"]
/// ```
public enum ScalarFolding {
    /// Bumped whenever folding changes what is indexed; part of the tokenizer version.
    public static let version = 2

    /// Whether `scalar` folds to itself. Cheap: no table lookup for ASCII and Han, one for
    /// common punctuation (``FrequentScalars``).
    @inline(__always)
    public static func isIdentity(_ value: UInt32) -> Bool {
        isIdentity(value, ScriptVariants.table)
    }

    /// ``isIdentity(_:)`` with the script variants' table taken once by a loop over a text.
    @inline(__always)
    static func isIdentity(_ value: UInt32, _ variants: ScriptVariants.Table) -> Bool {
        if value < 0x80 { return !(value >= 0x41 && value <= 0x5A) }
        if value >= 0x4E00 && value <= 0x9FFF { return variants.simplified(value) == nil }
        if let entry = FrequentScalars.entry(value) { return entry.folded == value }
        return computeIsIdentity(value)
    }

    /// The one scalar `value` folds to when that is cheap to know (ASCII, Han, common
    /// punctuation) and it folds to exactly one; nil otherwise. Never allocates.
    @inline(__always)
    public static func foldedScalar(_ value: UInt32) -> UInt32? {
        foldedScalar(value, ScriptVariants.table)
    }

    /// ``foldedScalar(_:)`` with the script variants' table taken once by a loop over a text.
    @inline(__always)
    static func foldedScalar(_ value: UInt32, _ variants: ScriptVariants.Table) -> UInt32? {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value + 0x20 : value }
        if value >= 0x4E00 && value <= 0x9FFF { return variants.simplified(value) ?? value }
        if let entry = FrequentScalars.entry(value), entry.folded != FrequentScalars.notOne { return entry.folded }
        return nil
    }

    /// The folded form of `scalar` (empty for ignorable code points).
    public static func folded(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let value = scalar.value
        if let one = foldedScalar(value) { return [Unicode.Scalar(one)!] }
        if isIdentity(value) { return [scalar] }
        if let cached = cache.withLock({ $0[value] }) { return cached }
        let computed = compute(scalar)
        cache.withLock { $0[value] = computed }
        return computed
    }

    /// Appends the folded form of a whole string (used for brute-force checks and highlights).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isIdentity(scalar.value) {
                out.append(scalar)
            } else if let one = foldedScalar(scalar.value) {
                out.append(Unicode.Scalar(one)!)
            } else {
                out.append(contentsOf: folded(scalar))
            }
        }
        return String(out)
    }

    private static let cache = Mutex<[UInt32: [Unicode.Scalar]]>([:])

    /// ``isIdentity(_:)`` from Unicode properties, for scalars no table covers.
    static func computeIsIdentity(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return true }
        return !scalar.properties.changesWhenNFKCCaseFolded && ScriptVariants.simplified(value) == nil
    }

    /// ``folded(_:)`` from Unicode properties, without tables (they are built from it).
    static func computeFolded(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        computeIsIdentity(scalar.value) ? [scalar] : compute(scalar)
    }

    private static func compute(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.properties.isDefaultIgnorableCodePoint { return [] }
        let nfkc = String(scalar).precomposedStringWithCompatibilityMapping
        let lowered = nfkc.lowercased().precomposedStringWithCompatibilityMapping
        return lowered.unicodeScalars
            .filter { !$0.properties.isDefaultIgnorableCodePoint }
            .map { ScriptVariants.simplified($0.value).flatMap(Unicode.Scalar.init) ?? $0 }
    }
}
