import GRDB

/// Finds every match identical to the shown hits when the ranking saw only some of the matches
/// (the best candidates of a widely matching query, or an even sample of them), so that a hit
/// names every place it stands for, not only those that were ranked.
///
/// Identical passages hold the same characters, so FTS5 narrows the tier's matches to those
/// holding a few of a shown passage's rarer characters (one-character prefix queries, as a
/// one-character search runs them: every character starts a bigram or closes a run), one
/// statement for the whole page; then the ``DuplicateKey``s are compared. Characters among the
/// ``FrequentCharacters`` are left out: their prefix queries are the costliest and narrow least.
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
        let narrowings = shown.map { Self.narrowingCharacters($0.key) }
        // A passage without rarer characters cannot narrow: then the whole tier is read.
        if !narrowings.contains(where: \.isEmpty) {
            let alternatives = Set(narrowings.map { characters in
                "(" + characters.compactMap { TermPlan(String(Character(Unicode.Scalar($0)!)))?.matchExpression }
                    .joined(separator: " AND ") + ")"
            }).sorted().joined(separator: " OR ")
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
