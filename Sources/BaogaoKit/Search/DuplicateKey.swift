/// What makes two passages the same hit: their folded scalars without separators (spaces,
/// punctuation). Hashed once when made, not at every dictionary probe: hashing every
/// scalar of 100 candidates at each insert and resize showed in profiles of a top 10.
///
/// ```swift
/// DuplicateKey(FoldedText("推进乡村振兴。")) == DuplicateKey(FoldedText("推进 乡村振兴"))  // true
/// ```
struct DuplicateKey: Hashable {
    let scalars: [UInt32]
    private let digest: UInt64

    init(_ text: FoldedText) {
        var kept: [UInt32] = []
        kept.reserveCapacity(text.scalars.count)
        var digest = Self.digestSeed
        for scalar in text.scalars where ScalarClass.of(scalar) != .separator {
            kept.append(scalar)
            digest = Self.digest(digest, scalar)
        }
        scalars = kept
        self.digest = digest
    }

    /// Scalars kept.
    var count: Int { scalars.count }

    /// Whether passages with this key collapse: keys shorter than a sentence (headings, short
    /// list items) do not.
    var isCollapsible: Bool { count >= Self.collapsibleCount }

    /// Scalars a collapsible key holds at least.
    static let collapsibleCount = 8

    /// FNV-1a, scalar by scalar.
    static let digestSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always)
    static func digest(_ digest: UInt64, _ scalar: UInt32) -> UInt64 {
        (digest ^ UInt64(scalar)) &* 0x100_0000_01b3
    }

    /// The key as `passages.dup` stores it (``PassageTerms/duplicate``): 31 bits of the digest,
    /// four bytes a row; passages sharing it are compared with ``isKey(of:)``.
    static func stored(_ digest: UInt64) -> Int64 { Int64(digest & 0x7FFF_FFFF) }
    var stored: Int64 { Self.stored(digest) }

    /// Whether `text` has this key, folded scalar by scalar and given up at the first that
    /// differs: passages that share a few characters with this one seldom share their first
    /// few, so a search for its copies does not fold every text it reads.
    func isKey(of text: String) -> Bool {
        var at = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let one = ScalarFolding.foldedScalar(value) {
                guard ScalarClass.of(one) != .separator else { continue }
                guard at < scalars.count, scalars[at] == one else { return false }
                at += 1
            } else {
                for folded in ScalarFolding.folded(scalar) where ScalarClass.of(folded.value) != .separator {
                    guard at < scalars.count, scalars[at] == folded.value else { return false }
                    at += 1
                }
            }
        }
        return at == scalars.count
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    static func == (a: DuplicateKey, b: DuplicateKey) -> Bool {
        a.digest == b.digest && a.scalars == b.scalars
    }
}
