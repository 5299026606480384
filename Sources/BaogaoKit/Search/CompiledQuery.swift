import GRDB

/// A query ready to run on one index: FTS5 MATCH expressions, SQL conditions for the filters,
/// and the checks for what FTS5 can only approximate.
///
/// Matches come in two tiers: passages where every term matches as its exact phrase, then
/// passages where some unquoted term matches only through its near variants.
///
/// ```swift
/// let compiled = try QueryCompiler.compile(query, db)
/// try compiled.forEachMatch(db) { match in … }   // exact tier, then variants; best first in each
/// ```
struct CompiledQuery {
    /// One tier of matches.
    struct Tier {
        /// The FTS5 expression; nil when the query has filters only.
        var match: String?
        /// The check every candidate must pass, when FTS5's answer is not exact.
        var check: ((FoldedText) -> Bool)?
        /// What kind of matches the tier holds.
        var kind: MatchKind
        /// For a tier with a check: a wider FTS5 expression without NEAR groups (every part of
        /// each term, anywhere), for reading a narrow filter's reports span by span.
        var spanMatch: String? = nil
        /// Whether FTS5's answer to `match` is the tier itself, though it has a check: a
        /// variant tier under filters keeps its check for reading through `spanMatch`.
        var answeredExactly = false
    }

    /// The tiers that make up the query's matches (and its counts).
    var tiers: [Tier]
    /// Passages holding every part of a term but apart: shown after the matches, not counted.
    var related: Tier?
    /// SQL conditions on `p` (passages) and `r` (reports), joined with AND.
    var conditions: [String]
    var arguments: StatementArguments
    /// Whether every condition is on the report alone (unit:, year:, title:, not section:), so
    /// that ``allowedReports(_:)`` can stand for them.
    var filtersOnReports = false
    /// The reports those filters let through, read once when the query is compiled (with
    /// ``allowedSections``, the reports holding them); nil without filters or when the index
    /// does not know its reports' passage ranges.
    var allowedReportIDs: Set<Int64>?
    /// The passages the query's filters let through when a section: filter is among them,
    /// alone, under OR or under - (``allowedReportIDs`` then holds the reports of those
    /// passages); nil otherwise.
    var allowedSections: SectionPassages?
    /// Which report every passage id belongs to, read once when the query is compiled (an
    /// 872 KB row at 1 GB, which every step of a search used to read again); nil when the
    /// index does not know them.
    var ranges: ReportRanges?
    /// The plans of the terms a hit contains (not negated): for highlights.
    var highlightPlans: [TermPlan]
    /// The variants of those terms, for highlighting variant hits.
    var highlightVariants: [TermVariant]

    /// The query's one term, when its text is nothing else (no AND, OR or NOT).
    var singleTerm: TermPlan?
    /// The query's single characters apart from its other terms, when it has both
    /// (``characterFilteredRowIDs(match:_:ranges:)``).
    var characterParts: CharacterParts?
    /// How many of the rest's matches have their text read for such a character, at most
    /// (``textCheckedAtMost`` unless a test says otherwise).
    var textCheckedAtMost = CompiledQuery.textCheckedAtMost

    /// Reads the second half of a long walk at the same time (``rowIDsInHalves(match:_:ranges:)``).
    var secondReader: SecondReader?
    /// Every passage's length, kept in memory by a process that searches many times, of the
    /// state this query's read sees: the rank functions read it instead of FTS5's lookups.
    var lengths: PassageLengths?

    /// Keeps the walks that read every rowid of an expression for the query's next step (a
    /// page's counts after its hits); nil: nothing kept.
    var memo: RowIDMemo?

    /// The walks of wider expressions under a narrow filter, kept for the query's next step.
    var widerWalks = WiderWalks()
    /// How wider expressions are read under a narrow filter, when not the cheapest way
    /// (``widerPlan(_:_:ranges:)``): for tests, which compare the ways.
    var forcedWiderPlan: WiderPlan?

    /// When a long phrase alone is found through its rare bigrams (``RareTokens``).
    var rareTokenLimits = RareTokens.Limits()
    /// How terms' passages are counted for their IDFs in a large index (``TermCounting``).
    var termCountingLimits = TermCounting.Limits()

    /// The slot of the character searched for, when the query is one character of
    /// ``FrequentCharacters`` and nothing else: its passages are read from ``ReportCharacters``
    /// (once the index is known to hold them) instead of an FTS5 prefix query.
    var frequentCharacter: Int? {
        guard let singleTerm, tiers.count == 1, tiers[0].check == nil, conditions.isEmpty else { return nil }
        return singleTerm.frequentCharacterSlot
    }

    /// Whether the query has terms (not only filters).
    var hasTerms: Bool { tiers.first?.match != nil }

    /// One matching passage, as the candidate query returns it.
    struct Match: Sendable {
        var passageID: Int64
        var reportID: Int64
        var sectionID: Int64?
        var line: Int
        var text: String
        /// bm25: lower is better.
        var rank: Double
        /// Exact, or only through a term's variants or its parts apart.
        var kind: MatchKind
        /// `text` folded, when the step that found the match folded it already (a sample's
        /// passages): the ranking then does not fold it again.
        var folded: FoldedText? = nil
        /// The page its passage is on (nil inside: the file has none), when the step that found
        /// the match read it; nil when not read: the hit then looks it up.
        var page: Int?? = nil
    }

    /// Calls `body` for every matching passage: the exact tier first, then the variant tier;
    /// within each, best first when `ranked`. Return false to stop.
    func forEachMatch(_ db: Database, ranked: Bool = true, _ body: (Match) throws -> Bool) throws {
        for tier in tiers {
            var going = true
            try forEachMatch(in: tier, db, ranked: ranked, limit: nil) { going = try body($0); return going }
            if !going { return }
        }
    }

    /// At most about this many matches of a tier are ranked by bm25 (about a microsecond
    /// each) to pick the best few; see ``sampleStride(total:)``.
    static let rankedAtMost = 2_000

    /// The stride of the even sample of matches ranked for a query with `total` matches: 1
    /// (every match) up to ``rankedAtMost``, else ⌈total / rankedAtMost⌉, so that a phrase in
    /// half the passages costs what a phrase in 2,000 costs to rank.
    static func sampleStride(total: Int) -> Int {
        max(1, (total + rankedAtMost - 1) / rankedAtMost)
    }

    /// Several terms of which at most this many passages may match (the rarest term's, or all
    /// of them with OR) are ranked and counted in one pass; past it their rowids are read
    /// first as one list, which reads a hundred thousand matches faster than a pass stepping
    /// through them, but evaluates the query once more when they are few.
    static let listedFirstPast = 20_000

    /// A query with at most this many matches is counted and ranked in one pass.
    static let onePassAtMost = 2_000

    /// With the lengths kept in memory (``lengths``) a phrase alone has this many matches of
    /// each walk scored, not ``onePassAtMost``: a score then costs no lookup of the row's
    /// length, and scoring every match beats reading a sample's text up to about 10,000
    /// matches (at 1 GB, 2-4 characters with 2,000-9,000 matches took 0.63-0.94 of the time,
    /// while 30,000-225,000 took 1.2-2x scored whole).
    static let scoredWithLengthsAtMost = 8_000

    /// A phrase alone of at most this many characters has its rowids read before any is
    /// scored. At 1 GB (30 sampled phrases per length, top 10 p50) 2 characters took 10.3 →
    /// 6.3 ms and 3 characters 11.4 → 7.0 (half of them past 2,000 matches), while 6 and 8
    /// characters took 5.5 → 8.7 and 5.4 → 11.1: most match a few hundred passages, and
    /// FTS5 evaluated each twice.
    static let countedFirstAtMost = 3

    /// A phrase of several bigrams whose rarest spans at most this many pages of doclist
    /// (``DoclistPages``; a page holds up to about a thousand passages of a token) has that
    /// bigram's passages counted, and is scored in its first walk when they are at most
    /// ``onePassAtMost``: reading its rowids first made FTS5 walk it twice (总公司 at 1 GB,
    /// 1,406 matches: 0.7 ms of a 3 ms page). Scoring first a phrase with more matches scores
    /// 2,000 of them for nothing (定点屠, 2,111: 2.3 → 6.9 ms), hence the count (0.1 ms).
    static let scoredFirstAtMostPages = 2

    /// See ``listsRowIDsFirst(_:_:)``: a phrase of 2 or 3 characters whose rarest bigram spans
    /// at most this many pages has at most about 10,000 matches.
    static let scoredFirstWithLengthsAtMostPages = 10

    /// Whether the phrase alone `plan` is walked for its rowids before any is scored: one of
    /// at most ``countedFirstAtMost`` characters, unless its rarest bigram is in at most
    /// ``onePassAtMost`` passages (counted when it spans ``scoredFirstAtMostPages`` or fewer).
    /// With the lengths kept in memory, a phrase whose rarest bigram spans more than
    /// ``scoredFirstWithLengthsAtMostPages`` pages (about a thousand passages each) is listed
    /// first, any other scored in its first walk (``scoredWithLengthsAtMost``).
    func listsRowIDsFirst(_ plan: TermPlan, _ db: Database) throws -> Bool {
        guard plan.folded.count <= Self.countedFirstAtMost else { return false }
        if lengths != nil {
            guard Self.isWalkedByBigrams(plan),
                  let rarest = DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: rareTokenLimits.segmentPagesAtLeast, db)?.min()
            else { return true }
            return rarest > Self.scoredFirstWithLengthsAtMostPages
        }
        guard plan.tokens.count > 1, Self.isWalkedByBigrams(plan),
              let pages = DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: rareTokenLimits.segmentPagesAtLeast, db),
              let rarest = pages.indices.min(by: { pages[$0] < pages[$1] }),
              pages[rarest] <= Self.scoredFirstAtMostPages else { return true }
        return try Self.passages(matching: "\"\(plan.tokens[rarest])\"", db) > Self.onePassAtMost
    }

    /// For a query of one exact tier without filters: every match counted and the best
    /// `wanted` ranked in a single FTS5 pass (counting and ranking apart evaluate the phrase
    /// twice). A query of one term is ranked by ``TermFrequencyRank`` (bm25 without the IDF,
    /// which bm25 finds by evaluating the phrase again) and, past ``onePassAtMost`` matches
    /// (``scoredWithLengthsAtMost`` with the lengths kept in memory), goes to
    /// ``rankedFromSample(_:wanted:ids:charactersComplete:)`` with every rowid the pass read
    /// (``ScoredRowList``; a prefix term's pass steps through them instead); one of the
    /// ``FrequentCharacters`` (and one of the ``FrequentBigrams`` past ``onePassAtMost``) is
    /// counted from the ``SlotTotals`` and ranked by ``rankedFromSpread(_:wanted:ranges:matches:)``,
    /// or, in an index without totals, goes to the sample at once, read from ``ReportCharacters``. Nil
    /// when the query does not qualify or a query of several terms has more than
    /// ``onePassAtMost`` matches. The best matches' reports and trails go into `hydrator`'s
    /// cache.
    func rankedInOnePass(_ db: Database, wanted: Int, hydrator: HitHydrator? = nil) throws -> (passages: Int, reports: Int, best: [Match])? {
        guard tiers.count == 1, let tier = tiers.first, tier.check == nil, let match = tier.match,
              let ranges else { return nil }
        let allowed = allowedReportIDs
        guard conditions.isEmpty || allowed != nil else { return nil }
        let oneTerm = singleTerm != nil && highlightPlans.count == 1
        if oneTerm, try filteredCharacter(db, ranges: ranges) != nil {
            // One character with a filter: its passages in the allowed reports, read report by
            // report, every one ranked up to ``filteredRankedAtMost``, past it an even sample.
            let ids = try allowedRowIDs(match: match, db, ranges: ranges)
            var tally = ReportRanges.Tally(ranges)
            try ids.forEachID { tally.add(passage: $0); return true }
            var best: [Match] = []
            try scored(ids.count <= Self.filteredRankedAtMost ? Array(ids) : ids.evenSample(Self.filteredRankedAtMost), db) {
                best.append($0)
            }
            best.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.passageID < $1.passageID }
            return (ids.count, tally.count, Array(best.prefix(wanted)))
        }
        if oneTerm, let totals = ranges.totals {
            if let slot = frequentCharacter {
                let (passages, reports) = totals.character(slot)
                return (passages, reports, try rankedFromSpread(db, wanted: wanted, ranges: ranges) { report, db, body in
                    try ReportCharacters.forEachPassage(holding: slot, report: report, db) { _ = try body($0) }
                })
            }
            if let slot = frequentBigram, totals.bigram(slot).passages > Self.onePassAtMost {
                let (passages, reports) = totals.bigram(slot)
                return (passages, reports, try rankedFromSpread(db, wanted: wanted, ranges: ranges) { report, db, body in
                    guard let i = ranges.range(ofReport: report) else { return }
                    let ids = ranges.ids(ofRange: i)
                    let rows = try Int64.fetchCursor(db.cachedStatement(sql: """
                        SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?
                        """), arguments: [match, ids.lowerBound, ids.upperBound - 1])
                    while let id = try rows.next() { if try !body(id) { return } }
                })
            }
            if let value = singleCharacter, let held = try characterTotals(db), samplesFromSpread(held, ranges: ranges) {
                return (held.passages, held.reports, try rankedFromSpread(db, wanted: wanted, ranges: ranges) { report, db, body in
                    try Self.forEachPassage(holding: value, report: report, ranges: ranges, db, body)
                })
            }
        }
        if oneTerm, frequentCharacter != nil, try ReportCharacters.isComplete(db) {
            return try rankedFromSample(db, wanted: wanted, charactersComplete: true)
        }
        if oneTerm, let slot = frequentBigram, try ReportRanges.isKnown(db) {
            var counts: [(report: Int64, passages: Int)] = []
            try ReportBigrams.forEachCount(slot: slot, db) { counts.append(($0, $1)) }
            if counts.reduce(0, { $0 + $1.passages }) > Self.onePassAtMost {
                return try rankedFromReports(db, wanted: wanted, counts: counts, ranges: ranges)
            }
        }
        if oneTerm, allowed == nil,
           let rare = try rankedFromRareTokens(db, wanted: wanted, ranges: ranges, limits: rareTokenLimits) {
            return rare
        }
        if !oneTerm, allowed == nil, let ids = try characterFilteredRowIDs(match: match, db, ranges: ranges) {
            // Single characters beside other terms: the others' matches, kept by each character.
            return try rankedFromTermsSample(db, wanted: wanted, ids: ids)
        }
        // A prefix term of several terms usually has many matches.
        guard oneTerm || !match.contains("*") else { return nil }
        let prefix = match.contains("*")
        // Several terms: bm25 with the IDFs worked out here (``GivenIDFRank``), since bm25's own
        // walk every phrase over the whole index (4/5 of a first page of two common words at
        // 1 GB); then no statement finds them again, and filters can go span by span.
        let weights = oneTerm ? nil : try phraseIDFs(of: match, db)
        if let weights, allowed == nil,
           let rare = try rankedFromRareTerms(db, wanted: wanted, ranges: ranges, weights: weights, limits: rareTokenLimits) {
            return rare
        }
        if allowed == nil || allowedSections != nil && allowedSpans(ranges) == nil,
           !prefix, oneTerm ? try allowed != nil || singleTerm.map({ try listsRowIDsFirst($0, db) }) ?? false
            : weights.map({ $0.mostMatches > Self.listedFirstPast }) ?? true {
            // Rowids alone first, as one list. Several terms whose rarest term is common: the
            // list says whether the query has few enough matches to be ranked here, and past
            // the cap it is counted and sampled (``rankedFromTermsSample(_:wanted:ids:)``)
            // without a scoring pass stepping through every match.
            // A short phrase alone: past the cap the list is the sample's, and the 2,001 rows a
            // scoring pass would read before giving up are never scored (a longer phrase, or
            // one with a rare bigram, rarely passes the cap and costs more to evaluate twice).
            // With a section: filter keeping many reports, the list of every match, dropped
            // passage by passage, is what the scoring pass would walk, without scoring each
            // match (规定 section:第一章 at 1 GB: 985,000 matches scored to keep 77,676 and rank
            // a sample of them); with a filter on the report alone the list would be one more
            // walk, not one less.
            let ids = try allowedRowIDs(match: match, db, ranges: ranges)
            if ids.count > Self.onePassAtMost {
                return try oneTerm ? rankedFromSample(db, wanted: wanted, ids: ids)
                    : rankedFromTermsSample(db, wanted: wanted, ids: ids, weights: weights)
            }
        }
        let idfs = weights?.idfs
        if allowed == nil, !prefix, oneTerm || idfs != nil {
            // Every match's rowid and the best `wanted` from one walk, in two halves at once
            // when it is long (``scoredRows(score:idfs:match:k:scoredAtMost:_:ranges:)``); past
            // the cap, on a sample of the rowids.
            let cap = oneTerm && lengths != nil ? Self.scoredWithLengthsAtMost : Self.onePassAtMost
            let score = oneTerm ? TermFrequencyRank.sql(lengths: lengths) : GivenIDFRank.sql(lengths: lengths)
            let rows = try scoredRows(score: score, idfs: idfs.map(GivenIDFRank.encoded), match: match, k: wanted,
                                      scoredAtMost: cap, db, ranges: ranges)
            memo?.keep(rows.ids, of: match)
            if rows.scored < rows.ids.count {
                return try oneTerm ? rankedFromSample(db, wanted: wanted, ids: rows.ids)
                    : rankedFromTermsSample(db, wanted: wanted, ids: rows.ids, weights: weights)
            }
            // The rows come in rowid order: a tally steps through the ranges (a set of reports,
            // each found by a binary search, was a tenth of a page of 总公司 at 1 GB).
            var reports = ReportRanges.Tally(ranges)
            try rows.ids.forEachID { reports.add(passage: $0); return true }
            return (rows.ids.count, reports.count, try matches(rows.best, db, hydrator: hydrator))
        }
        // Under a filter every allowed row is scored: baogao_tf scores the first `cap` rows
        // FTS5 returns, which are not the first rows kept.
        let cap = allowed == nil ? Self.onePassAtMost : Int(Int32.max)
        let score = oneTerm ? TermFrequencyRank.sql(cap: cap, lengths: lengths)
            : idfs != nil ? GivenIDFRank.sql(cap: cap, lengths: lengths) : "bm25(passages_fts)"
        var found: [(id: Int64, rank: Double)] = []
        var beyond = RowIDs()
        var tooMany = false
        let select = "SELECT rowid, \(score) FROM passages_fts WHERE passages_fts MATCH ?"
        try forEachAllowedRow(select, leading: idfs.map { [GivenIDFRank.encoded($0)] } ?? [],
                              match: match, db, ranges: ranges, bySpans: oneTerm || idfs != nil) { row in
            if found.count < Self.onePassAtMost {
                found.append((row[0], row[1]))
            } else if oneTerm {
                beyond.append(row[0])
            } else {
                tooMany = true
            }
            return !tooMany
        }
        // One term under a filter, or a prefix (FTS5 merges its doclists before the first row),
        // goes on in this pass past the cap, its rowids kept for the sample; several terms
        // under a filter or without IDFs are not ranked here past it.
        if tooMany { return nil }
        // Every allowed row was read, in FTS5's order.
        var every = RowIDs(found.map(\.id))
        every.append(contentsOf: beyond)
        memo?.keep(every, of: match)
        if !beyond.isEmpty {
            return try oneTerm ? rankedFromSample(db, wanted: wanted, ids: every)
                : rankedFromTermsSample(db, wanted: wanted, ids: every, weights: weights)
        }
        var reports = ReportRanges.Tally(ranges)
        for f in found { reports.add(passage: f.id) }
        found.sort(by: ScoredRowList.isBetter)
        return (found.count, reports.count, try matches(Array(found.prefix(wanted)), db, hydrator: hydrator))
    }

    /// The matches `chosen` (rowid and score), in that order, with their pages and their text
    /// folded for the ranking (``readPassages(_:withReports:_:)``; their reports and trails into
    /// `hydrator`'s cache): read in two halves at once, the upper one on the ``secondReader``,
    /// when they are at least ``candidatesHalvedFrom`` (``readInHalves(_:from:_:_:join:)``).
    func matches(_ chosen: [(id: Int64, rank: Double)], _ db: Database, hydrator: HitHydrator?) throws -> [Match] {
        let withReports = hydrator != nil
        let passages = try readInHalves(chosen.map(\.id).sorted(), from: Self.candidatesHalvedFrom, db, { ids, db in
            try Self.readPassages(ids, withReports: withReports, db)
        }, join: +)
        var byID: [Int64: Match] = [:]
        byID.reserveCapacity(passages.count)
        for passage in passages {
            if let hydrator {
                if let report = passage.report { hydrator.remember(report: passage.match.reportID) { report } }
                if let sectionID = passage.match.sectionID, let trail = passage.trail { hydrator.remember(trail: sectionID) { trail } }
            }
            byID[passage.match.passageID] = passage.match
        }
        return chosen.compactMap { id, rank in byID[id].map { m -> Match in var m = m; m.rank = rank; return m } }
    }

    /// Candidates at least this many are read and folded in two halves at once
    /// (``matches(_:_:hydrator:)``, ``checkedCandidates(_:terms:keepsFolded:_:score:)``). At 1 GB,
    /// the 50 queries of 2–8 characters and two terms nearest the median of a first page took
    /// 0.89–0.92 of the time (both binaries timed in turn, in both orders), reading a page's
    /// 100 candidates in halves, their text folded there for the ranking, and a rare phrase's
    /// 60–900; read one after the other, folding was a tenth of such a page. Below 64 the second
    /// reader's hand-off costs more than the half saves: the 36 sampled queries of 28–130
    /// matches took 0.92 and 0.93 of the time halved from 64 instead of 32 (both orders).
    static let candidatesHalvedFrom = 64

    /// A passage read for ``matches(_:_:hydrator:)``: the match with its text folded, and its
    /// report and section trail when asked for.
    struct ReadPassage: Sendable {
        var match: Match
        var report: HitHydrator.Report?
        var trail: String?
    }

    /// The passages `ids` (ascending) read with one statement, each with its page and its text
    /// folded; with `withReports` the same statement reads each one's report and section trail
    /// (a ranking's candidates need them all; a statement each for reports and trails cost more
    /// than these joins).
    static func readPassages(_ ids: [Int64], withReports: Bool, _ db: Database) throws -> [ReadPassage] {
        guard !ids.isEmpty else { return [] }
        let sql = !withReports ? """
            SELECT p.id, p.report_id, p.section_id, p.line, p.text, p.page FROM json_each(?) j
            JOIN passages p ON p.id = j.value
            """ : """
            SELECT p.id, p.report_id, p.section_id, p.line, p.text, p.page, s.trail, r.path, r.unit, r.year, r.title
            FROM json_each(?) j JOIN passages p ON p.id = j.value JOIN reports r ON r.id = p.report_id
            LEFT JOIN sections s ON s.id = p.section_id
            """
        var out: [ReadPassage] = []
        out.reserveCapacity(ids.count)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [jsonArray(ids)])
        while let row = try rows.next() {
            let text: String = row[4]
            let page: Int? = row[5]
            let match = Match(passageID: row[0], reportID: row[1], sectionID: row[2], line: row[3], text: text,
                              rank: 0, kind: .exact, folded: FoldedText(text), page: .some(page))
            out.append(ReadPassage(match: match, report: withReports ? HitHydrator.Report(row, from: 7) : nil,
                                   trail: withReports ? row[6] : nil))
        }
        return out
    }

    /// Matches of a widely matching term scored in Swift, evenly spread over all its matches.
    static let termSample = 400

    /// For one term alone (one tier, no filters) matching widely: the exact totals and the
    /// best `wanted` of an even sample of ``termSample`` matches, from one FTS5 pass over
    /// rowids (or `ids`, every match, when the caller has them). Ranking with bm25 in FTS5
    /// would evaluate the phrase twice more (the ranked pass and bm25's IDF), and for one
    /// character (a prefix query) each evaluation merges the doclists of every bigram
    /// starting with it. The sample is scored by bm25's term-frequency and length part: the
    /// IDF of a single term is the same for every match and cancels in the ``Ranker``'s
    /// relevance. Called for a prefix term, or when ``rankedInOnePass`` found too many matches.
    /// `charactersComplete` says what the caller already asked ``ReportCharacters/isComplete(_:)``.
    func rankedFromSample(_ db: Database, wanted: Int, ids known: RowIDs? = nil,
                          charactersComplete: Bool? = nil) throws -> (passages: Int, reports: Int, best: [Match])? {
        guard tiers.count == 1, let tier = tiers.first, tier.check == nil, let match = tier.match,
              conditions.isEmpty || known != nil, highlightPlans.count == 1,
              let ranges else { return nil }
        var ids = RowIDs()
        var tally = ReportRanges.Tally(ranges)
        if let known {
            ids = known
            try ids.forEachID { tally.add(passage: $0); return true }
        } else if let slot = frequentCharacter, try charactersComplete ?? ReportCharacters.isComplete(db) {
            var last: Int64?
            var reports: Set<Int64> = []
            try ReportCharacters.forEachPassage(holding: slot, db) { id, report in
                ids.append(id)
                if report != last { reports.insert(report); last = report }
            }
            return (ids.count, reports.count, try bestOfSample(Self.evenSample(ids), db, wanted: wanted))
        } else {
            ids = try allowedRowIDs(match: match, db, ranges: ranges)
            try ids.forEachID { tally.add(passage: $0); return true }
        }
        return (ids.count, tally.count, try bestOfSample(Self.evenSample(ids), db, wanted: wanted))
    }

    /// About ``termSample`` of `ids`, evenly spaced.
    static func evenSample(_ ids: RowIDs) -> [Int64] {
        ids.evenSample(termSample)
    }

    /// Matches read from each sampled report by ``rankedFromReports(_:wanted:counts:ranges:)``.
    static let sampledPerReport = 8

    /// For one of the ``FrequentBigrams`` alone matching widely: the exact totals from
    /// ``ReportBigrams`` (`counts`, a row per report) and the best `wanted` of a sample of about
    /// ``termSample`` matches, ``sampledPerReport`` from each of reports spread evenly over all
    /// the matches, read by FTS5 within each report's passage range: no walk over a million
    /// rowids for 发展 at 1 GB.
    func rankedFromReports(_ db: Database, wanted: Int, counts: [(report: Int64, passages: Int)],
                           ranges: ReportRanges) throws -> (passages: Int, reports: Int, best: [Match])? {
        guard let match = tiers.first?.match else { return nil }
        let total = counts.reduce(0) { $0 + $1.passages }
        let picks = max(1, min(counts.count, Self.termSample / Self.sampledPerReport))
        var sampled: [Int64] = []
        var seen = 0
        var next = 0
        for (report, passages) in counts {
            // The report holding match number (next + ½) · total / picks is sampled.
            let target = (2 * next + 1) * total / (2 * picks)
            seen += passages
            guard seen > target, let i = ranges.range(ofReport: report) else { continue }
            while next < picks, (2 * next + 1) * total / (2 * picks) < seen { next += 1 }
            let ids = ranges.ids(ofRange: i)
            sampled += try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?
                """), arguments: [match, ids.lowerBound, ids.upperBound - 1, Self.sampledPerReport])
        }
        return (total, counts.count, try bestOfSample(sampled, db, wanted: wanted))
    }

    /// For one of the ``FrequentCharacters`` or ``FrequentBigrams`` alone, whose totals are
    /// known (``SlotTotals``): the best `wanted` of a sample of about ``termSample`` matches,
    /// up to ``sampledPerReport`` from each of reports spread evenly over the passages (the
    /// report holding passage (k + ½) · n / picks, or the next one with a match), read by
    /// `matches(report, db, body)` (return false from `body` to stop). No row per report is read:
    /// 的 at 1 GB read 2 million passage ids, 服务 54,544 rows of counts. The upper half of
    /// the picks is read by the ``secondReader`` at the same time, when it is free and sees
    /// the same state of the index.
    func rankedFromSpread(_ db: Database, wanted: Int, ranges: ReportRanges,
                          matches: @escaping SpreadMatches) throws -> [Match] {
        let picks = min(ranges.starts.count, Self.termSample / Self.sampledPerReport)
        let middle = picks / 2
        var sampled: [Int64]
        if picks >= 2, let part = try alongside(db, { db in
            try Self.spreadPicks(middle..<picks, of: picks, after: 0, ranges: ranges, db, matches)
        }) {
            let lower = try Self.spreadPicks(0..<middle, of: picks, after: 0, ranges: ranges, db, matches)
            // The upper picks were read as if from the start: the same as after the lower ones
            // unless those went past the report where the upper ones begin (a few long reports).
            if let upper = part.wait(), lower.next <= upper.start {
                sampled = lower.ids + upper.ids
            } else {
                sampled = lower.ids + (try Self.spreadPicks(middle..<picks, of: picks, after: lower.next,
                                                            ranges: ranges, db, matches)).ids
            }
        } else {
            sampled = try Self.spreadPicks(0..<picks, of: picks, after: 0, ranges: ranges, db, matches).ids
        }
        return try bestOfSample(sampled, db, wanted: wanted)
    }

    /// Reads one report's matches for ``rankedFromSpread(_:wanted:ranges:matches:)``:
    /// `(report, db, body)`, `body` returning false to stop.
    typealias SpreadMatches = @Sendable (Int64, Database, (Int64) throws -> Bool) throws -> Void

    /// What picks `ks` of a spread read: the passages sampled, the range after the last one
    /// tried, and the range the first pick's position fell in.
    struct SpreadPicks: Sendable {
        var ids: [Int64] = []
        var next = 0
        var start = 0
    }

    /// Picks `ks` of `picks`, each trying ranges from its position's (or from `next`, the range
    /// after the last one the picks before it tried, when that is later).
    static func spreadPicks(_ ks: Range<Int>, of picks: Int, after next: Int, ranges: ReportRanges,
                            _ db: Database, _ matches: SpreadMatches) throws -> SpreadPicks {
        var out = SpreadPicks(next: next)
        guard let first = ranges.starts.first, let last = ranges.starts.last else { return out }
        for k in ks {
            let position = first + (2 * Int64(k) + 1) * (last - first) / (2 * Int64(picks))
            let at = ranges.range(ofPassage: position) ?? 0
            if k == ks.lowerBound { out.start = at }
            var i = max(out.next, at)
            // The report there, or the next of a few with a match.
            var found = 0
            let tries = i + spreadTries
            while found == 0, i < min(ranges.starts.count, tries) {
                try matches(ranges.reports[i], db) { id in
                    guard found < sampledPerReport else { return false }
                    out.ids.append(id)
                    found += 1
                    return found < sampledPerReport
                }
                i += 1
            }
            out.next = i
        }
        return out
    }

    /// Reports ``rankedFromSpread(_:wanted:ranges:matches:)`` tries from each position before
    /// it gives up the pick (a frequent term is in almost every report).
    static let spreadTries = 4

    /// The best `wanted` of the passages `sampled`, scored in Swift by bm25: for the query's one
    /// term its term-frequency and length part (the IDF is the same for every match), for
    /// several terms each term's part weighted by its IDF (`idfs`, one per ``highlightPlans``;
    /// none or empty: the first term alone, as ``sampleIDFs(matches:weights:_:)`` gives for one).
    func bestOfSample(_ sampled: [Int64], _ db: Database, wanted: Int, idfs: [Double]? = nil) throws -> [Match] {
        let idfs = idfs?.isEmpty == false ? idfs : nil
        let terms = idfs == nil ? [highlightPlans[0].folded] : highlightPlans.map(\.folded)
        let weights = idfs ?? [1]
        let sample = try sampledPassages(sampled, terms: terms, db)
        let average = max(1, Double(sample.reduce(0) { $0 + $1.length }) / Double(max(1, sample.count)))
        let (k1, b) = (1.2, 0.75)
        var best = sample.map { s -> Match in
            var m = s.match
            let norm = k1 * (1 - b + b * Double(s.length) / average)
            m.rank = -zip(s.tf, weights).reduce(0) { sum, term in
                // One term alone: every sampled match holds it at least once.
                let tf = Double(idfs == nil ? max(1, term.0) : term.0)
                return sum + term.1 * tf * (k1 + 1) / (tf + norm)
            }
            return m
        }
        best.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.passageID < $1.passageID }
        return Array(best.prefix(wanted))
    }

    /// A sampled passage, with what bm25 needs of it.
    struct SampledPassage: Sendable {
        var match: Match
        /// How often each term occurs in it.
        var tf: [Int]
        /// Its length in characters, separators left out.
        var length: Int
    }

    /// A sample at least this large is read in two halves at once, when the index has a
    /// second reader free: reading and folding 400 passages' text took 1.5–2 ms of a first
    /// page of a phrase past 2,000 matches at 1 GB, more than counting 40,000 rowids.
    static let sampleHalvedFrom = 128

    /// The passages `ids` read and measured for `terms`, in no set order: the second half of
    /// the ids (ascending) on the ``secondReader`` at the same time when the sample is large
    /// enough and its connection sees the same state of the index.
    func sampledPassages(_ ids: [Int64], terms: [[UInt32]], _ db: Database) throws -> [SampledPassage] {
        try readInHalves(ids.sorted(), from: Self.sampleHalvedFrom, db, { ids, db in
            try Self.sampledPassages(ids, terms: terms, db)
        }, join: +)
    }

    private static func sampledPassages(_ ids: [Int64], terms: [[UInt32]], _ db: Database) throws -> [SampledPassage] {
        var sample: [SampledPassage] = []
        sample.reserveCapacity(ids.count)
        try forEachPassage(ids, db) { id, reportID, sectionID, line, text in
            let folded = FoldedText(text)
            let tf = terms.map { folded.occurrences(of: $0).count }
            let length = folded.scalars.reduce(0) { $0 + (ScalarClass.of($1) == .separator ? 0 : 1) }
            sample.append(SampledPassage(match: Match(passageID: id, reportID: reportID, sectionID: sectionID, line: line,
                                                      text: text, rank: 0, kind: .exact, folded: folded),
                                         tf: tf, length: length))
        }
        return sample
    }

    /// Calls `body(id, report, section, line, text)` for the passages `ids`, in no set order, read
    /// with one statement: a lookup per passage cost more than scoring it.
    static func forEachPassage(_ ids: [Int64], _ db: Database,
                               _ body: (Int64, Int64, Int64?, Int, String) throws -> Void) throws {
        guard !ids.isEmpty else { return }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.id, p.report_id, p.section_id, p.line, p.text FROM json_each(?) j JOIN passages p ON p.id = j.value
            """), arguments: [jsonArray(ids.sorted())])
        while let row = try rows.next() {
            try body(row[0], row[1], row[2], row[3], row[4])
        }
    }

    /// For a tier FTS5 answers exactly, in a query without filters or with filters on reports
    /// only: calls `body(passage, report, bm25)` for every match, best (lowest bm25) first
    /// (for one phrase bm25 without its IDF, which orders the same),
    /// reading no passage text and joining no table (``ReportRanges`` gives the report; one
    /// character with a filter is ranked on its text, ``rankedPassages(of:_:ranges:)``). Returns false, calling nothing, when the
    /// tier or the index does not allow it.
    func forEachRankedID(in tier: Tier, _ db: Database, _ body: (Int64, Int64, Double) throws -> Void) throws -> Bool {
        guard let match = tier.match, tier.check == nil, let ranges else { return false }
        let allowed = allowedReportIDs
        guard conditions.isEmpty || allowed != nil else { return false }
        if let reader = try filteredCharacter(db, ranges: ranges, match: match) {
            // One character: read report by report, ranked on the text.
            for f in try rankedPassages(of: reader, db, ranges: ranges) { try body(f.id, f.report, f.rank) }
            return true
        }
        if let ids = try characterFilteredRowIDs(match: match, db, ranges: ranges), ids.count <= Self.onePassAtMost,
           let idfs = try sampleIDFs(matches: ids.count, db) {
            // Single characters beside other terms: every match scored here, as a page is (a
            // tier of more is counted per report, ``Aggregator``, and never comes here).
            let scored = try bestOfSample(Array(ids), db, wanted: ids.count, idfs: idfs)
            for m in scored { try body(m.passageID, m.reportID, m.rank) }
            return true
        }
        if scoredFromIndex(tier), allowed != nil {
            // The allowed reports' matches (span by span when they are few), ranked here.
            var found: [(id: Int64, report: Int64, rank: Double)] = []
            try forEachAllowedRow("SELECT rowid, \(TermFrequencyRank.sql(lengths: lengths)) FROM passages_fts WHERE passages_fts MATCH ?",
                                  match: match, db, ranges: ranges) { row in
                if let report = ranges.report(ofPassage: row[0]) { found.append((row[0], report, row[1])) }
                return true
            }
            found.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id }
            for f in found { try body(f.id, f.report, f.rank) }
            return true
        }
        if let given = try givenIDFScore(tier, db) {
            // Several terms: the matches of the allowed reports, ranked here.
            var found: [(id: Int64, report: Int64, rank: Double)] = []
            try forEachAllowedRow("SELECT rowid, \(given.sql) FROM passages_fts WHERE passages_fts MATCH ?",
                                  leading: [given.idfs], match: match, db, ranges: ranges) { row in
                if let report = ranges.report(ofPassage: row[0]) { found.append((row[0], report, row[1])) }
                return true
            }
            found.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id }
            for f in found { try body(f.id, f.report, f.rank) }
            return true
        }
        // One phrase: bm25 without the IDF orders the same, for one evaluation of the phrase
        // instead of two (``TermFrequencyRank``).
        let score = scoredFromIndex(tier) ? TermFrequencyRank.sql(lengths: lengths) : "rank"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT rowid, \(score) AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY score
            """), arguments: [match])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            guard let report = ranges.report(ofPassage: id), allows(passage: id, report: report) else { continue }
            try body(id, report, row[1])
        }
        return true
    }

    /// `ids` as a JSON array, the one argument of `FROM json_each(?) j JOIN t ON t.id = j.value`:
    /// a single prepared statement reads any number of rows by id.
    /// Ids in ascending order read neighbouring pages one after the other.
    static func jsonArray(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The matches of one tier, best first when `ranked`, at most `limit` of them.
    ///
    /// With a limit, no check and no filters, only rowids and bm25 are read for the ranking
    /// and the text of the `limit` best only; with `sampleStride` > 1 only passages whose id
    /// is a multiple of it are ranked (an even spread over the index). With filters on the
    /// report only, the matches of the allowed reports are found first
    /// (``forEachAllowedMatch(in:_:ranked:limit:ranges:keepingScores:_:)``, every one ranked),
    /// unless `bm25` asks for FTS5's own ranking; `keepingScores` as there.
    func forEachMatch(in tier: Tier, _ db: Database, ranked: Bool, limit: Int?, sampleStride: Int = 1,
                      bm25: Bool = false, keepingScores: Bool = false, _ body: (Match) throws -> Bool) throws {
        if !bm25, allowedReportIDs != nil, tier.match != nil, let ranges {
            try forEachAllowedMatch(in: tier, db, ranked: ranked, limit: limit, ranges: ranges,
                                    keepingScores: keepingScores, body)
            return
        }
        if ranked, let limit, !bm25, let match = tier.match, let ranges,
           let ids = try characterFilteredRowIDs(match: match, db, ranges: ranges),
           let idfs = try sampleIDFs(matches: ids.count, db) {
            // Single characters beside other terms: the tier's matches scored here, as a page
            // of one tier is (``rankedFromTermsSample(_:wanted:ids:weights:)``).
            var sample = ids.count <= Self.onePassAtMost ? Array(ids) : Self.evenSample(ids)
            if let check = tier.check {
                // The related tier: the candidates whose text passes its check.
                var passing: Set<Int64> = []
                try Self.forEachPassage(sample, db) { id, _, _, _, text in
                    if check(FoldedText(text)) { passing.insert(id) }
                }
                sample = sample.filter(passing.contains)
            }
            for var m in try bestOfSample(sample, db, wanted: limit, idfs: idfs) {
                m.kind = tier.kind
                guard try body(m) else { return }
            }
            return
        }
        if ranked, let limit, let match = tier.match, tier.check == nil, conditions.isEmpty {
            let sample = sampleStride > 1 ? " AND rowid % \(sampleStride) = 0" : ""
            let given = try givenIDFScore(tier, db)
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT p.id, p.report_id, p.section_id, p.line, p.text, t.rank FROM (
                    SELECT rowid AS id, \(given?.sql ?? "bm25(passages_fts)") AS rank FROM passages_fts
                    WHERE passages_fts MATCH ?\(sample) ORDER BY rank LIMIT ?
                ) t JOIN passages p ON p.id = t.id ORDER BY t.rank
                """), arguments: (given.map { [$0.idfs] } ?? []) + [match, limit])
            while let row = try rows.next() {
                let match = Match(passageID: row[0], reportID: row[1], sectionID: row[2], line: row[3],
                                  text: row[4], rank: row[5], kind: tier.kind)
                guard try body(match) else { return }
            }
            return
        }
        var sql = "SELECT p.id, p.report_id, p.section_id, p.line, p.text, "
        var arguments = StatementArguments()
        var scoredHere = false
        if let match = tier.match {
            // bm25 only when ranking: it evaluates every phrase of the expression over the
            // whole index for its IDF (a copies lookup of 60 phrases spent 15 ms on it).
            // One phrase: bm25 without the IDF orders the same, and scores as a page's ranking
            // does (``rankedInOnePass``), so every hit and a page of them agree to the last bit.
            // Several terms: bm25 with the IDFs a page uses (``givenIDFScore(_:_:cap:)``).
            let given = ranked ? try givenIDFScore(tier, db) : nil
            let score = scoredFromIndex(tier) ? TermFrequencyRank.sql(lengths: lengths) : given?.sql ?? "passages_fts.rank"
            if let given { arguments += [given.idfs] }
            scoredHere = scoredFromIndex(tier) || given != nil
            sql += (ranked ? score : "0.0") + " FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
            sql += "JOIN reports r ON r.id = p.report_id WHERE passages_fts MATCH ?"
            arguments += [match]
        } else {
            sql += "0.0 FROM passages p JOIN reports r ON r.id = p.report_id WHERE 1"
        }
        for condition in conditions { sql += " AND (\(condition))" }
        arguments += self.arguments
        if ranked && tier.match != nil {
            sql += scoredHere ? " ORDER BY 6" : " ORDER BY passages_fts.rank"
        }
        // Without a check, SQLite can stop early; with one, candidates are filtered here.
        if let limit, tier.check == nil { sql += " LIMIT \(limit)" }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var taken = 0
        while let row = try rows.next() {
            let text: String = row[4]
            if let check = tier.check, !check(FoldedText(text)) { continue }
            let match = Match(passageID: row[0], reportID: row[1], sectionID: row[2], line: row[3],
                              text: text, rank: row[5], kind: tier.kind)
            guard try body(match) else { return }
            taken += 1
            if let limit, taken >= limit { return }
        }
    }

    /// Matching passages and reports in all tiers, counted exactly. `ranking`: how many
    /// matches a page ranks after the count; under a filter, a tier that the tiers before it
    /// leave room for is walked with its scores, kept for its ranking (``WiderWalks``), which
    /// scores every allowed match of it.
    func count(_ db: Database, ranking: Int? = nil) throws -> (passages: Int, reports: Int) {
        if let totals = ranges?.totals {
            if let slot = frequentCharacter { return totals.character(slot) }
            if let slot = frequentBigram { return totals.bigram(slot) }
        }
        if let held = try characterTotals(db) { return (held.passages, held.reports) }
        if let slot = frequentCharacter, try ReportCharacters.isComplete(db) {
            return try ReportCharacters.count(slot: slot, db)
        }
        if let slot = frequentBigram, try ReportRanges.isKnown(db) {
            return try ReportBigrams.count(slot: slot, db)
        }
        if let variant = soleVariant {
            let tiers = try variantTiers(variant, db)
            return (tiers.passages, tiers.reports)
        }
        var passages = 0
        var reports: Set<Int64> = []
        let allowed = allowedReportIDs
        let ranges = conditions.isEmpty || allowed != nil ? self.ranges : nil
        for tier in tiers {
            if tier.check == nil, let match = tier.match, let ranges {
                // Only FTS5's rowids: ReportRanges maps them to reports without a join.
                var tally = ReportRanges.Tally(ranges)
                if let ranking, passages < ranking, allowed != nil,
                   try filteredCharacter(db, ranges: ranges, match: match) == nil {
                    // Scored once for the count and the ranking, kept in ``WiderWalks``.
                    let rows = try allowedRows(in: tier, db, ranked: false, ranges: ranges, keepingScores: true)?.found ?? []
                    memo?.keep(RowIDs(rows.lazy.map(\.id)), of: match)
                    for row in rows { tally.add(passage: row.id) }
                    passages += rows.count
                } else {
                    try forEachAllowedRowID(match: match, db, ranges: ranges) { id in
                        tally.add(passage: id)
                        passages += 1
                        return true
                    }
                }
                if tiers.count == 1 { return (passages, tally.count) }
                reports.formUnion(tally.reports)
            } else if tier.check == nil, tier.match != nil {
                var sql = "SELECT p.report_id, count(*) FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
                sql += "JOIN reports r ON r.id = p.report_id WHERE passages_fts MATCH ?"
                for condition in conditions { sql += " AND (\(condition))" }
                sql += " GROUP BY p.report_id"
                for row in try Row.fetchAll(db, sql: sql, arguments: [tier.match!] + arguments) {
                    reports.insert(row[0])
                    passages += row[1] as Int
                }
            } else if allowed != nil, tier.match != nil, let ranges {
                // Under a filter: the text is read only for a check.
                try forEachAllowedHit(in: tier, db, ranked: false, ranges: ranges,
                                      keepingScores: ranking.map { passages < $0 } ?? false) { _, report, _ in
                    passages += 1
                    reports.insert(report)
                }
            } else {
                try forEachMatch(in: tier, db, ranked: false, limit: nil,
                                 keepingScores: ranking.map { passages < $0 } ?? false) {
                    passages += 1
                    reports.insert($0.reportID)
                    return true
                }
            }
        }
        return (passages, reports.count)
    }
}
