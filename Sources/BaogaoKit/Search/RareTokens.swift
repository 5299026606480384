/// Which two or three tokens of a long phrase FTS5 walks to find the phrase's candidates, when some of
/// its bigrams are common and others rare.
///
/// FTS5 finds a phrase by stepping the doclists of all its tokens to the same rows; each step
/// in a common bigram's doclist decodes its page up to the row sought. A phrase of seven
/// bigrams of which two are in a few hundred passages and five in tens of thousands spends its
/// time in the five: `"任人员按照规定给"` (13 matches) took 6.7 ms at 1 GB, `"规定履行法定"`
/// (164) 5.4 ms. The rare tokens alone, as close as in the phrase (a NEAR group), find
/// about the same rows for a fraction of that; the text of each candidate then says whether
/// the phrase is in it. From the pages each token's doclist spans (``DoclistPages``):
///
/// - the rarest token, which must span at most ``rarestAtMost`` pages (else every token is
///   common, and the phrase is walked whole);
/// - then the next rarest, a token next to one kept counting four times its pages (it adds one
///   character to the constraint, one further away two), three tokens for a phrase of five or
///   more (a third only of at most 64 pages);
/// - the tokens left out must span at least 128 pages together and four times as many as those
///   kept (else the whole phrase is about as cheap to walk).
///
/// ```swift
/// RareTokens.kept(spans: [74, 382, 2, 432, 92, 914, 18])     // [2, 6]: 员按, 定给
/// RareTokens.kept(spans: [90, 507, 425, 169, 211, 105, 408]) // nil: all common
/// ```
enum RareTokens {
    /// The thresholds of a plan, in pages of doclist (see the list above).
    struct Limits: Sendable {
        /// A phrase of fewer tokens is walked whole.
        var fewestTokens = 4
        /// A phrase of at least this many tokens walks three of them, a shorter one two.
        var threeFrom = 5
        var rarestAtMost = 16
        /// A third token is walked only if it spans at most this many pages.
        var thirdAtMost = 64
        var droppedAtLeast = 128
        /// Segments of fewer pages (the few a run of updates adds) hold little of any doclist
        /// and are left out of the spans (``DoclistPages``).
        var segmentPagesAtLeast = 64
    }

    /// The positions of the tokens to walk, ascending; nil to walk the whole phrase.
    static func kept(spans: [Int], _ limits: Limits = Limits()) -> [Int]? {
        guard spans.count >= limits.fewestTokens,
              let rarest = spans.indices.min(by: { spans[$0] != spans[$1] ? spans[$0] < spans[$1] : $0 < $1 }),
              spans[rarest] <= limits.rarestAtMost else { return nil }
        var kept = [rarest]
        // A token next to one kept adds one character to the constraint, one further away two.
        func weight(_ i: Int) -> Int { kept.contains { abs($0 - i) == 1 } ? 4 * spans[i] : spans[i] }
        while kept.count < (spans.count >= limits.threeFrom ? 3 : 2) {
            guard let next = spans.indices.filter({ !kept.contains($0) })
                .min(by: { weight($0) != weight($1) ? weight($0) < weight($1) : $0 < $1 }) else { break }
            if kept.count == 2 && spans[next] > limits.thirdAtMost { break }
            kept.append(next)
        }
        guard kept.count >= 2 else { return nil }
        let walked = kept.reduce(0) { $0 + spans[$1] }
        let dropped = spans.reduce(0, +) - walked
        guard dropped >= limits.droppedAtLeast, dropped >= 4 * walked else { return nil }
        return kept.sorted()
    }

    /// The distance of a NEAR group of the tokens at `kept` that holds them wherever they
    /// stand as in the phrase: FTS5 matches single tokens at most this many plus one apart.
    static func nearDistance(_ kept: [Int]) -> Int {
        max(0, (kept.last ?? 0) - (kept.first ?? 0) - 1)
    }
}
