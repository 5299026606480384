/// How a term's passages are found for its IDF in a large index, from the pages its bigrams'
/// doclists span (``DoclistPages``): counted by FTS5 when the doclists are short; a term of
/// one bigram from its pages alone; bounded by
/// its rare bigrams, counted alone, when the term has some; else estimated from stretches of
/// the index that together cover a share of it small enough that FTS5 steps about the same
/// number of pages whatever the term.
///
/// FTS5 steps every token of a phrase through the same rows, so counting a term costs about
/// as many rows as its tokens' doclists hold together (some 50 ns each). An estimate over a
/// sixteenth of the index, eight statements, cost 单幢 at 1 GB (one page) more than a count
/// and 管部门 (430 and 959 pages) 2 ms. A term of few passages holds too few of them in the
/// stretches to be estimated (辨认活动, 30 at 1 GB, was estimated 16 from one), but its rare
/// bigrams (认活, one page) bound it for the cost of their few rows: at 1 GB 2–11 times the
/// term's passages for the rarest terms of the bench's two-term sample (与侵 432 for 人与侵权's
/// 39, its IDF 8.9 for 11.3), exact for others (态控 with 制线, 256); the top 10 of 29 of its
/// 30 queries stayed the same.
///
/// ```swift
/// TermCounting.of(pages: [1, 2])                        // .counted
/// TermCounting.of(pages: [4, 1, 264], bigrams: true)    // .bounded(kept: [1])
/// TermCounting.of(pages: [430, 959])                    // .estimated(share: 115)
/// TermCounting.of(pages: [44], bigrams: true)           // .paged(pages: 44): 商品
/// TermCounting.of(pages: [40, 30])                      // .estimated(share: 16)
/// ```
enum TermCounting: Equatable, Sendable {
    /// Counted by FTS5: the term's doclists span few pages.
    case counted
    /// Bounded by the passages holding the tokens at positions `kept` (a NEAR group as tight
    /// as the term holds them), counted by FTS5.
    case bounded(kept: [Int])
    /// Estimated from stretches covering 1/`share` of the index together.
    case estimated(share: Int)
    /// A term of one bigram past the pages counted: about ``passagesPerPage`` passages for
    /// each page its doclist spans.
    case paged(pages: Int)

    /// About how many passages a page of a bigram's doclist holds: at 1 GB 930–1,290 for
    /// bigrams of 5 to 205 pages (可持: 10 pages, 10,367 passages; 大会: 205, 225,409), an IDF
    /// within 0.2 of the count's, for no statement (an estimate's eight cost 0.4 ms).
    static let passagesPerPage = 1_100.0

    struct Limits: Sendable {
        /// Doclists of at most this many pages together are counted (a page holds up to about
        /// a thousand passages of a token; eight statements of an estimate cost about 3,000).
        var countedAtMostPages = 4
        /// About the pages an estimate steps through, its share shrinking as they grow.
        var estimatedPages = 12
        /// The shares an estimate covers: at least a sixteenth of the index, at most 1/1024.
        var shares = 16...1024
        /// An estimate whose stretches held fewer passages is made again over the largest
        /// share: a term of few passages among common bigrams.
        var heldAtLeast = 8
    }

    /// How a term whose tokens span `pages` is counted; `bigrams`: the tokens are the term's
    /// bigrams in order, so that some of them can stand for it (``RareTerms/kept(spans:_:)``).
    static func of(pages: [Int], bigrams: Bool = false, _ limits: Limits = Limits()) -> TermCounting {
        let total = pages.reduce(0, +)
        if total <= limits.countedAtMostPages { return .counted }
        if bigrams, pages.count == 1 { return .paged(pages: total) }
        if bigrams, pages.count > 1 {
            // The tokens a plan of rare terms keeps, rarest first, as many as fit.
            var kept: [Int] = []
            var walked = 0
            for i in RareTerms.kept(spans: pages).sorted(by: { (pages[$0], $0) < (pages[$1], $1) })
            where walked + pages[i] <= limits.countedAtMostPages {
                kept.append(i)
                walked += pages[i]
            }
            if !kept.isEmpty { return .bounded(kept: kept.sorted()) }
        }
        return .estimated(share: min(max(total / limits.estimatedPages, limits.shares.lowerBound),
                                     limits.shares.upperBound))
    }

    /// The estimate to make again after stretches covering 1/`share` held `held` passages;
    /// nil to keep it.
    static func again(held: Int, share: Int, _ limits: Limits = Limits()) -> TermCounting? {
        held < limits.heldAtLeast && share > limits.shares.lowerBound
            ? .estimated(share: limits.shares.lowerBound) : nil
    }
}
