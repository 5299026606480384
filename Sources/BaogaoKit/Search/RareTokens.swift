/// Which two or three tokens of a long phrase FTS5 walks to find the phrase's candidates, when
/// some of its bigrams are common and others rare, and how many candidates are worth reading.
///
/// FTS5 finds a phrase by stepping the doclists of all its tokens to the same rows; each step
/// in a common bigram's doclist decodes its page up to the row sought, about 3.5 µs a page of
/// doclist left out at 1 GB. A phrase of seven bigrams of which two are in a few hundred
/// passages and five in tens of thousands spends its time in the five: `"任人员按照规定给"`
/// (13 matches) took 6.0 ms at 1 GB, `"规定履行法定"` (164) 4.8 ms. The rare tokens alone, as
/// close as in the phrase (a NEAR group), find about the same rows for a fraction of that; the
/// text of each candidate (about 3.7 µs to read and check) then says whether the phrase is in
/// it. For a phrase of at least ``Limits/fewestTokens`` tokens, from the pages each token's
/// doclist spans (``DoclistPages``):
///
/// - the rarest token, then the next rarest, a token next to one kept counting four times its
///   pages (it adds one character to the constraint, one further away two); for a phrase of
///   ``Limits/threeFrom`` tokens or more a third, if it spans no more pages than the two
///   together;
/// - the tokens left out must span at least ``Limits/droppedAtLeast`` pages together and four
///   times as many as those kept (else the whole phrase is about as cheap to walk);
/// - at most half as many candidates as pages left out are read (and at least
///   ``Limits/candidatesAtLeast``): past them the phrase is walked whole, having lost at most
///   the walk of the tokens kept, a quarter of what is left out.
///
/// ```swift
/// RareTokens.plan(spans: [74, 382, 2, 432, 92, 914, 18])  // kept [2, 6] (员按, 定给), 947 candidates
/// RareTokens.plan(spans: [228, 30, 23, 498, 14, 47, 9])   // kept [2, 4, 6], 401 candidates
/// RareTokens.plan(spans: [70, 1, 32])                     // nil: three tokens
/// ```
enum RareTokens {
    /// The thresholds of a plan: tokens, pages of doclist, candidates.
    struct Limits: Sendable {
        /// A phrase of fewer tokens is walked whole.
        var fewestTokens = 4
        /// A phrase of at least this many tokens may walk three of them, a shorter one two.
        var threeFrom = 5
        var droppedAtLeast = 128
        var candidatesAtLeast = 300
        /// Segments of fewer pages (the few a run of updates adds) hold little of any doclist
        /// and are left out of the spans (``DoclistPages``).
        var segmentPagesAtLeast = 64
    }

    /// The tokens to walk and the candidates to read at most.
    struct Plan: Equatable, Sendable {
        /// Positions in the phrase, ascending.
        var kept: [Int]
        var candidatesAtMost: Int

        /// The distance of a NEAR group of the tokens kept that holds them wherever they stand
        /// as in the phrase: FTS5 matches single tokens at most this many plus one apart.
        var nearDistance: Int { RareTokens.nearDistance(kept: kept) }
    }

    /// The distance of a NEAR group of a phrase's tokens at positions `kept` (ascending) that
    /// holds them wherever they stand as in the phrase.
    static func nearDistance(kept: [Int]) -> Int {
        max(0, (kept.last ?? 0) - (kept.first ?? 0) - 1)
    }

    /// The plan for a phrase whose tokens span `spans` pages; nil to walk the whole phrase.
    static func plan(spans: [Int], _ limits: Limits = Limits()) -> Plan? {
        guard spans.count >= limits.fewestTokens else { return nil }
        let kept = Self.kept(spans: spans, limits)
        let walked = kept.reduce(0) { $0 + spans[$1] }
        let dropped = spans.reduce(0, +) - walked
        guard kept.count >= 2, dropped >= limits.droppedAtLeast, dropped >= 4 * walked else { return nil }
        return Plan(kept: kept, candidatesAtMost: max(limits.candidatesAtLeast, dropped / 2))
    }

    /// The positions (ascending) of the tokens of a phrase whose doclists span `spans` pages
    /// that are worth walking: the rarest, the next rarest (a token next to one kept counting
    /// four times its pages), and for ``Limits/threeFrom`` tokens or more a third no larger
    /// than the two together. All of them for a phrase of one or two tokens.
    static func kept(spans: [Int], _ limits: Limits = Limits()) -> [Int] {
        guard let rarest = spans.indices.min(by: { spans[$0] != spans[$1] ? spans[$0] < spans[$1] : $0 < $1 })
        else { return [] }
        var kept = [rarest]
        // A token next to one kept adds one character to the constraint, one further away two.
        func weight(_ i: Int) -> Int { kept.contains { abs($0 - i) == 1 } ? 4 * spans[i] : spans[i] }
        while kept.count < (spans.count >= limits.threeFrom ? 3 : 2) {
            guard let next = spans.indices.filter({ !kept.contains($0) })
                .min(by: { weight($0) != weight($1) ? weight($0) < weight($1) : $0 < $1 }) else { break }
            if kept.count == 2 && spans[next] > spans[kept[0]] + spans[kept[1]] { break }
            kept.append(next)
        }
        return kept.sorted()
    }
}
