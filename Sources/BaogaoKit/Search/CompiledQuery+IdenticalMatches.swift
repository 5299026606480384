import GRDB

/// Finds every match identical to the shown hits when the ranking saw only some of the matches
/// (the best candidates of a widely matching query, or an even sample of them), so that a hit
/// names every place it stands for, not only those that were ranked.
///
/// Identical passages hold the same words, so FTS5 narrows the tier's matches to those holding
/// one of a few of a shown passage's rarer bigrams (single tokens: one doclist each), one
/// statement for the whole page; then the ``DuplicateKey``s are compared. Passages identical
/// but for their punctuation may split a bigram, which is why any one of three is enough. A
/// passage without such bigrams is narrowed by its rarer characters (one-character prefix
/// queries, as a one-character search runs them: these merge the doclists of every bigram
/// starting with the character, 30 of them cost 350 ms on 100 MB, hence the bigrams first).
/// Bigrams among the ``FrequentBigrams`` and characters among the ``FrequentCharacters`` are
/// left out: they narrow least.
extension CompiledQuery {
    /// How many characters of a passage narrow the search.
    static let identicalNarrowing = 3

    /// For each of `shown` (matches of one tier, none identical to another), the other matches
    /// of the tier identical to it, in no set order.
    func identicalMatches(to shown: [(match: Match, key: DuplicateKey)], _ db: Database) throws -> [[Match]] {
        var found = Array(repeating: [Match](), count: shown.count)
        guard let kind = shown.first?.match.kind,
              let tier = (tiers + (related.map { [$0] } ?? [])).first(where: { $0.kind == kind }) else { return found }
        var narrowed = tier
        let narrowings = shown.map { shown -> String? in
            let bigrams = Self.narrowingBigrams(FoldedText(shown.match.text).scalars)
            if !bigrams.isEmpty {
                return "(" + bigrams.compactMap { TermPlan(Self.text($0))?.matchExpression }.joined(separator: " OR ") + ")"
            }
            let characters = Self.narrowingCharacters(shown.key)
            guard !characters.isEmpty else { return nil }
            return "(" + characters.compactMap { TermPlan(Self.text([$0]))?.matchExpression }.joined(separator: " AND ") + ")"
        }
        // A passage without rarer bigrams or characters cannot narrow: then the whole tier is read.
        if !narrowings.contains(nil) {
            let alternatives = Set(narrowings.compactMap { $0 }).sorted().joined(separator: " OR ")
            // One of the commonest characters alone: every passage identical to a hit holds it,
            // and its prefix query is the costliest there is (a search reads it elsewhere).
            let base = frequentCharacter == nil ? tier.match : nil
            narrowed.match = ((base.map { ["(\($0))"] } ?? []) + ["(\(alternatives))"]).joined(separator: " AND ")
        }
        try forEachMatch(in: narrowed, db, ranked: false, limit: nil) { candidate in
            for (n, s) in shown.enumerated() where s.match.passageID != candidate.passageID && s.key.isKey(of: candidate.text) {
                found[n].append(candidate)
                break
            }
            return true
        }
        return found
    }

    /// Up to ``identicalNarrowing`` distinct bigrams of the folded passage `scalars` (two
    /// ideographs side by side) that are not among the ``FrequentBigrams`` and hold no
    /// two ``FrequentCharacters``, spread over the passage.
    static func narrowingBigrams(_ scalars: [UInt32]) -> [[UInt32]] {
        var seen: Set<UInt64> = []
        var rare: [[UInt32]] = []
        for i in scalars.indices.dropLast() {
            let (a, b) = (scalars[i], scalars[i + 1])
            guard ScalarClass.of(a) == .ideograph, ScalarClass.of(b) == .ideograph,
                  FrequentBigrams.slot(a, b) == nil,
                  FrequentCharacters.slot(of: a) == nil || FrequentCharacters.slot(of: b) == nil,
                  seen.insert(UInt64(a) << 32 | UInt64(b)).inserted else { continue }
            rare.append([a, b])
        }
        guard rare.count > identicalNarrowing else { return rare }
        return (0..<identicalNarrowing).map { rare[$0 * (rare.count - 1) / (identicalNarrowing - 1)] }
    }

    static func text(_ scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return String(view)
    }

    /// Up to ``identicalNarrowing`` distinct ideographs of `key` that are not among the
    /// ``FrequentCharacters``, spread over the passage; none when it has no such character.
    static func narrowingCharacters(_ key: DuplicateKey) -> [UInt32] {
        var seen: Set<UInt32> = []
        let rare = key.scalars.filter {
            ScalarClass.of($0) == .ideograph && FrequentCharacters.slot(of: $0) == nil && seen.insert($0).inserted
        }
        guard rare.count > identicalNarrowing else { return rare }
        return (0..<identicalNarrowing).map { rare[$0 * (rare.count - 1) / (identicalNarrowing - 1)] }
    }
}
