/// Which tokens of each term FTS5 walks to find the candidates of a query of several terms
/// (all of them required), when some of their bigrams are common and others rare.
///
/// FTS5 finds `"常管理" "态控制线"` by stepping the doclists of all five bigrams to the same
/// rows, 管理's 796 pages of doclist at 1 GB among them, for one match. Every passage holding
/// both terms holds each term's rare bigrams, as close as in the term: walked alone (常管, and
/// 态控 with 制线 as a NEAR group), they find a few candidates, whose text then says whether
/// both terms are in them. As for one long phrase (``RareTokens``), from the pages each token's
/// doclist spans (``DoclistPages``):
///
/// - each term keeps the tokens ``RareTokens/kept(spans:_:)`` picks; a term of two tokens only
///   the rarer, when the other spans four times its pages; a term of one token that token;
/// - the tokens left out must span at least ``RareTokens/Limits/droppedAtLeast`` pages together
///   and three times as many as those kept (the terms together are far rarer than any of them,
///   so a plan reads fewer candidates than a phrase's; at twice, `"依照前" "商品"`, 307 matches,
///   read past its candidates and was walked whole after, 3.4 → 4.2 ms at 1 GB);
/// - at most half as many candidates as pages left out are read (and at least
///   ``RareTokens/Limits/candidatesAtLeast``): past them the query is walked whole, having lost
///   at most the walk of the tokens kept, up to the first candidate too many.
///
/// ```swift
/// RareTerms.plan(spans: [[4, 796], [2, 78, 2]])   // kept [[0], [0, 2]], 437 candidates
/// RareTerms.plan(spans: [[47], [14]])             // nil: nothing to leave out
/// ```
enum RareTerms {
    /// The tokens to walk, term by term, and the candidates to read at most.
    struct Plan: Equatable, Sendable {
        /// For each term, the positions of the tokens walked, ascending.
        var kept: [[Int]]
        var candidatesAtMost: Int
    }

    /// The plan for terms whose tokens span `spans` pages (one array per term, in order); nil to
    /// walk the query whole.
    static func plan(spans: [[Int]], _ limits: RareTokens.Limits = RareTokens.Limits()) -> Plan? {
        guard spans.count >= 2, spans.allSatisfy({ !$0.isEmpty }) else { return nil }
        let kept = spans.map { Self.kept(spans: $0, limits) }
        let walked = zip(spans, kept).reduce(0) { sum, term in sum + term.1.reduce(0) { $0 + term.0[$1] } }
        let dropped = spans.joined().reduce(0, +) - walked
        guard dropped >= limits.droppedAtLeast, dropped >= 3 * walked else { return nil }
        return Plan(kept: kept, candidatesAtMost: max(limits.candidatesAtLeast, dropped / 2))
    }

    /// The tokens of one term walked: as for a long phrase, but a term of two tokens keeps the
    /// rarer alone when the other spans four times its pages.
    static func kept(spans: [Int], _ limits: RareTokens.Limits = RareTokens.Limits()) -> [Int] {
        if spans.count == 2 {
            if spans[1] >= 4 * max(1, spans[0]) { return [0] }
            if spans[0] >= 4 * max(1, spans[1]) { return [1] }
            return [0, 1]
        }
        return RareTokens.kept(spans: spans, limits)
    }
}
