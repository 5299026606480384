/// What the index keeps of a passage besides its text and its tokens, found in one pass over
/// its folded scalars: which ``FrequentCharacters`` and ``FrequentBigrams`` it holds, and the
/// digest of its ``DuplicateKey`` (its folded scalars without separators), by which a search
/// finds the passages identical to a hit with one index lookup.
///
/// Computed by the indexer's parsing workers, so the writer only stores it. The folding is
/// ``FoldedText``'s, scalar by scalar; a bigram counts when ``BigramTokenizer`` would emit it:
/// two ideographs next to each other once folded, ignorable code points vanished.
///
/// ```swift
/// let terms = PassageTerms("推进高质量发展。")
/// terms.characters.contains(FrequentCharacters.slot(of: 0x53D1)!)  // 发
/// terms.bigrams.contains(FrequentBigrams.slot(0x53D1, 0x5C55)!)    // 发展
/// terms.duplicate == DuplicateKey(FoldedText("推进 高质量发展")).stored  // true
/// ```
public struct PassageTerms: Sendable, Hashable {
    public var characters = FrequentCharacters.Slots()
    public var bigrams = FrequentCharacters.Slots()
    /// ``DuplicateKey/stored`` of the passage: nil when it is too short to collapse.
    public var duplicate: Int64?

    public init(_ text: String) {
        var none = IgnoredIdeographs()
        self.init(text, noting: &none)
    }

    /// The terms of `text`, its ideographs counted in `tally` as one more passage.
    public init(_ text: String, tally: inout CharacterCounts.Tally) {
        tally.nextPassage()
        self.init(text, noting: &tally)
    }

    private init(_ text: String, noting tally: inout some IdeographNotes) {
        let variants = ScriptVariants.table
        var previous: UInt32 = 0
        var digest = DuplicateKey.digestSeed
        var kept = 0
        func feed(_ value: UInt32) {
            if value >= 0x4E00 && value <= 0x9FFF {
                tally.add(value)
                if let slot = FrequentCharacters.slot(of: value) { characters.insert(slot) }
                if previous != 0, let slot = FrequentBigrams.slot(previous, value) { bigrams.insert(slot) }
                previous = value
            } else {
                let kind = ScalarClass.of(value)
                if kind == .separator {
                    previous = 0
                    return
                }
                if kind == .ideograph {
                    tally.add(value)
                    if previous != 0, let slot = FrequentBigrams.slot(previous, value) { bigrams.insert(slot) }
                    previous = value
                } else {
                    previous = 0
                }
            }
            digest = DuplicateKey.digest(digest, value)
            kept += 1
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let one = ScalarFolding.foldedScalar(value, variants) {
                feed(one)
            } else if ScalarFolding.isIdentity(value, variants) {
                feed(value)
            } else {
                // Compatibility ideographs, radicals, squared words (㍻ → 平成); ignorables vanish.
                for folded in ScalarFolding.folded(scalar) { feed(folded.value) }
            }
        }
        duplicate = kept >= DuplicateKey.collapsibleCount ? DuplicateKey.stored(digest) : nil
    }
}

/// Where ``PassageTerms`` notes each ideograph of a passage, folded.
protocol IdeographNotes {
    mutating func add(_ value: UInt32)
}

extension CharacterCounts.Tally: IdeographNotes {}

/// Notes nothing.
private struct IgnoredIdeographs: IdeographNotes {
    @inline(__always) mutating func add(_ value: UInt32) {}
}
