import Foundation
import GRDB

/// The near-variant tier of a term alone, read from rowids: the NEAR groups' matches less the
/// exact tier's, no passage read.
///
/// The tier's own FTS5 expression, `NEAR(…) NOT "…"`, evaluates the exact phrase again at every
/// NEAR match, and almost every NEAR match is an exact one: for 人民法院 at 1 GB (267,359
/// matches, 731 through variants) that second evaluation was a quarter of `count`, and `units`
/// also asked bm25 for the parts' IDF over a million passages. Here the exact tier's rowids,
/// read once for its count anyway, are taken away in Swift. The rule of ``TermVariant`` is the
/// NEAR groups' own, so what is left is the tier: its text is read only to rank the few
/// matches shown (建设部门 at 1 GB has 52,992 matches through variants, 3,278 exact; checking
/// each one's text took four fifths of its count).
///
/// ```swift
/// if let variant = compiled.soleVariant {
///     let exact = try compiled.exactRowIDs(db)
///     let variants = try compiled.variantRowIDs(variant, excluding: exact, db)
///     let best = try compiled.scoredVariants(Array(variants.prefix(100)), variant, db)
/// }
/// ```
extension CompiledQuery {
    /// The variants of the query's one unquoted term, when the query is that term alone
    /// (four or more ideographs, no filter) and its exact tier is answered by FTS5 exactly:
    /// its variant tier is then ``variantRowIDs(_:excluding:_:)``.
    var soleVariant: TermVariant? {
        guard conditions.isEmpty, allowedReportIDs == nil, ranges != nil else { return nil }
        return termVariant
    }

    /// The near variants of the query's one term under a filter read in Swift, when its tiers
    /// are as for ``soleVariant``: the variant tier is then the NEAR groups' matches less the
    /// exact tier's, dropped as the NEAR groups are walked.
    var nearGroupsUnderFilter: TermVariant? {
        allowedReportIDs != nil ? termVariant : nil
    }

    /// Gives a query with ``nearGroupsUnderFilter`` a ``RowIDMemo``, so that its exact tier's
    /// rowids, read first by a count or `units`, are there for its variant tier (a page's
    /// count keeps them scored, in ``WiderWalks``); and one with ``characterParts``, so that
    /// the matches `units` counts are those it ranks, not walked again. Other queries keep no
    /// walk: the memo holds every rowid it is given for as long as the read lasts.
    mutating func keepRowIDsBetweenSteps() {
        if memo == nil, nearGroupsUnderFilter != nil || characterParts != nil { memo = RowIDMemo() }
    }

    /// The variants of the query's one unquoted term, when its tiers are that term's exact
    /// phrase, answered by FTS5 exactly, and its variants.
    private var termVariant: TermVariant? {
        guard singleTerm != nil, highlightPlans.count == 1, highlightVariants.count == 1, tiers.count == 2,
              tiers[0].check == nil, tiers[0].match != nil, tiers[1].kind == .variant else { return nil }
        return highlightVariants[0]
    }

    /// The exact tier's rowids, ascending.
    func exactRowIDs(_ db: Database) throws -> RowIDs {
        guard let match = tiers.first?.match, let ranges else { return RowIDs() }
        return Self.ascending(try allowedRowIDs(match: match, db, ranges: ranges))
    }

    /// The variant tier's rowids, ascending: those FTS5 finds for `variant`'s NEAR groups, less
    /// `exact` (the exact tier's rowids, ascending).
    func variantRowIDs(_ variant: TermVariant, excluding exact: RowIDs, _ db: Database) throws -> RowIDs {
        guard let ranges else { return RowIDs() }
        let near = try allowedRowIDs(match: variant.matchExpression, db, ranges: ranges)
        return Self.difference(Self.ascending(near), exact)
    }

    /// One match of the variant tier: its passage, report and score (lower is better).
    struct VariantHit {
        var passage: Int64
        var report: Int64
        var rank: Double
    }

    /// The passages `ids` of the variant tier, best first, each scored by bm25's
    /// term-frequency and length part over the variant's parts (no IDF: one query's parts
    /// weigh alike), as ``bestMatch(in:report:known:_:ranges:)`` scores a passage without an
    /// index score. The text is folded from SQLite's bytes, never made a String.
    func scoredVariants(_ ids: [Int64], _ variant: TermVariant, _ db: Database) throws -> [VariantHit] {
        guard !ids.isEmpty else { return [] }
        let parts = variant.parts
        var found: [VariantHit] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.id, p.report_id, p.text FROM json_each(?) j JOIN passages p ON p.id = j.value
            """), arguments: [Self.jsonArray(ids)])
        while let row = try rows.next() {
            let folded = try row.withUnsafeData(atIndex: 2) { data in
                (data ?? Data()).withUnsafeBytes { FoldedText(utf8: $0.bindMemory(to: UInt8.self)) }
            }
            let length = Double(max(1, folded.scalars.count))
            var score = 0.0
            for part in parts {
                let tf = Double(folded.occurrences(of: part).count)
                score += tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / 100))
            }
            found.append(VariantHit(passage: row[0], report: row[1], rank: -score))
        }
        found.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.passage < $1.passage }
        return found
    }

    /// The matches of `hits`, in their order, each read with its text.
    func matches(of hits: some Collection<VariantHit>, _ db: Database) throws -> [Match] {
        var byID: [Int64: Match] = [:]
        try Self.forEachPassage(hits.map(\.passage), db) { id, reportID, sectionID, line, text in
            byID[id] = Match(passageID: id, reportID: reportID, sectionID: sectionID, line: line, text: text,
                             rank: 0, kind: .variant)
        }
        return hits.compactMap { hit in byID[hit.passage].map { var m = $0; m.rank = hit.rank; return m } }
    }

    /// `ids` in ascending order (FTS5 returns a MATCH's rowids so; sorted only if not).
    static func ascending(_ ids: RowIDs) -> RowIDs {
        var previous = Int64.min
        var ascending = true
        try? ids.forEachID { id in
            ascending = id > previous
            previous = id
            return ascending
        }
        return ascending ? ids : RowIDs(Set(ids).sorted())
    }

    /// The ids of `all` not in `taken`, both ascending.
    static func difference(_ all: RowIDs, _ taken: RowIDs) -> RowIDs {
        var out = RowIDs()
        var others = taken.makeIterator()
        var other = others.next()
        try? all.forEachID { id in
            while let o = other, o < id { other = others.next() }
            if other != id { out.append(id) }
            return true
        }
        return out
    }

    /// Both tiers of a term alone with near variants: each tier's rowids, ascending, and how
    /// many reports hold either.
    struct VariantTiers {
        var exact: RowIDs
        var variants: RowIDs
        var reports: Int
        var passages: Int { exact.count + variants.count }
    }

    /// Both tiers of the query's term alone (``soleVariant``), counted from rowids.
    func variantTiers(_ variant: TermVariant, _ db: Database) throws -> VariantTiers {
        let exact = try exactRowIDs(db)
        let variants = try variantRowIDs(variant, excluding: exact, db)
        guard let ranges else { return VariantTiers(exact: exact, variants: variants, reports: 0) }
        var tally = ReportRanges.Tally(ranges)
        try exact.forEachID { tally.add(passage: $0); return true }
        try variants.forEachID { tally.add(passage: $0); return true }
        return VariantTiers(exact: exact, variants: variants, reports: tally.count)
    }

    /// For a term alone with near variants (``soleVariant``): both tiers counted from rowids,
    /// the exact tier's best `wanted` ranked as the term's phrase alone would be (an even
    /// sample past ``onePassAtMost`` matches), and, when fewer, the best variant matches that
    /// fit in `wanted` after them. Nil when the query does not qualify.
    func rankedWithVariants(_ db: Database, wanted: Int,
                            hydrator: HitHydrator? = nil) throws -> (tiers: VariantTiers, best: [Match], bestVariants: [Match])? {
        guard let variant = soleVariant else { return nil }
        let tiers = try variantTiers(variant, db)
        var exactOnly = self
        exactOnly.tiers = [self.tiers[0]]
        exactOnly.related = nil
        let best = tiers.exact.count > Self.onePassAtMost
            ? try exactOnly.bestOfSample(Self.evenSample(tiers.exact), db, wanted: wanted)
            : try exactOnly.rankedInOnePass(db, wanted: wanted, hydrator: hydrator)?.best ?? []
        guard best.count < wanted, !tiers.variants.isEmpty else { return (tiers, best, []) }
        // Ranked on an even sample when many, as the exact tier is.
        let sample = tiers.variants.count > Self.onePassAtMost ? Self.evenSample(tiers.variants) : Array(tiers.variants)
        let ranked = try scoredVariants(sample, variant, db)
        return (tiers, best, try matches(of: ranked.prefix(wanted - best.count), db))
    }
}
