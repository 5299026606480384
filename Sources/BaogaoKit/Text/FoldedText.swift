/// A text folded for matching (``ScalarFolding``), with the way back to the original.
///
/// Every folded scalar remembers the index of the original scalar it came from, so a match
/// found in folded text maps to an exact range of the original.
///
/// ```swift
/// let folded = FoldedText("ＡＰＰ上线")
/// folded.scalars        // a p p 上 线
/// folded.originalRange(of: 0..<3)  // 0..<3
/// ```
public struct FoldedText: Sendable {
    /// The folded scalar values.
    public let scalars: [UInt32]
    /// For each folded scalar, the index (in Unicode scalars) of the original scalar; kept
    /// only when some scalar folds to none or several (otherwise the folded index is the
    /// original one), which spares an array per passage when ranking.
    private let origins: [Int]
    private let mapped: Bool
    /// The number of Unicode scalars of the original text.
    public let originalCount: Int

    public init(_ text: String) {
        var text = text
        (scalars, origins, mapped, originalCount) = text.withUTF8 { Self.fold($0) }
    }

    /// Folds UTF-8 bytes that are known to be valid (a String's, or SQLite's TEXT of one).
    init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        (scalars, origins, mapped, originalCount) = Self.fold(bytes)
    }

    /// Folds UTF-8 (a String's) decoded by ``ByteScan/scalar(_:at:)``: the standard
    /// library's scalar iterator dispatched on every lead byte and showed in profiles of ranking.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> ([UInt32], [Int], Bool, Int) {
        var scalars: [UInt32] = []
        var origins: [Int] = []
        var mapped = false  // whether some scalar folded to none or several
        scalars.reserveCapacity(bytes.count / 2)
        var index = 0
        var i = 0
        let count = bytes.count
        let variants = ScriptVariants.table
        while i < count {
            let (decoded, length) = ByteScan.scalar(bytes, at: i)
            i += length
            guard let value = decoded else { continue }  // never, in a String's bytes
            if let one = ScalarFolding.foldedScalar(value, variants) {
                scalars.append(one)
                if mapped { origins.append(index) }
            } else if ScalarFolding.isIdentity(value, variants) {
                scalars.append(value)
                if mapped { origins.append(index) }
            } else {
                let folded = ScalarFolding.folded(Unicode.Scalar(value)!)
                if folded.count != 1 && !mapped {
                    mapped = true
                    origins.reserveCapacity(bytes.count / 2)
                    origins.append(contentsOf: 0..<scalars.count)
                }
                for scalar in folded {
                    scalars.append(scalar.value)
                    if mapped { origins.append(index) }
                }
            }
            index += 1
        }
        return (scalars, origins, mapped, index)
    }

    /// The index of the original scalar the folded scalar `i` came from.
    @inline(__always)
    private func origin(_ i: Int) -> Int { mapped ? origins[i] : i }

    /// The range of original scalars that the folded range `range` came from.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < scalars.count ? origin(range.lowerBound) : originalCount
            return at..<at
        }
        return origin(range.lowerBound)..<(origin(range.upperBound - 1) + 1)
    }

    /// Every range of folded scalars where `term` occurs, never starting or ending inside a
    /// word (a run of letters and digits), and not overlapping.
    ///
    /// ```swift
    /// FoldedText("pm2.5和pm25").occurrences(of: FoldedText("pm2").scalars) // [0..<3]
    /// ```
    public func occurrences(of term: [UInt32]) -> [Range<Int>] {
        guard let first = term.first, let last = term.last, term.count <= scalars.count else { return [] }
        let checkStart = ScalarClass.of(first) == .word
        let checkEnd = ScalarClass.of(last) == .word
        var found: [Range<Int>] = []
        var i = 0
        let limit = scalars.count - term.count
        while i <= limit {
            if scalars[i] == first && matches(term, at: i)
                && !(checkStart && i > 0 && ScalarClass.of(scalars[i - 1]) == .word)
                && !(checkEnd && i + term.count < scalars.count
                     && ScalarClass.of(scalars[i + term.count]) == .word) {
                found.append(i..<(i + term.count))
                i += term.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// Whether `term` occurs at least once (see ``occurrences(of:)``).
    public func contains(_ term: [UInt32]) -> Bool {
        !occurrences(of: term).isEmpty
    }

    private func matches(_ term: [UInt32], at i: Int) -> Bool {
        var k = 1
        while k < term.count {
            if scalars[i + k] != term[k] { return false }
            k += 1
        }
        return true
    }
}
