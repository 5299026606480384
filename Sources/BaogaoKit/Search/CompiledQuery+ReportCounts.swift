import GRDB

/// Matches counted per report, and a report's best match picked from its own matches: what
/// `units` needs of a term in half the passages without ranking every one of them.
///
/// ```swift
/// let counts = try compiled.reportCounts(in: tier, db, ranges: ranges)   // [(report, passages)]
/// let best = try compiled.bestMatch(in: tier, report: 12, db, ranges: ranges)
/// ```
extension CompiledQuery {
    /// The slot of the bigram searched for, when the query is one of ``FrequentBigrams`` and
    /// nothing else: its counts per report are read from ``ReportBigrams``.
    var frequentBigram: Int? {
        guard let singleTerm, tiers.count == 1, tiers[0].check == nil, conditions.isEmpty else { return nil }
        return singleTerm.frequentBigramSlot
    }

    /// The matching passages of each report with any, in report id order, for a tier FTS5
    /// answers exactly, in a query without filters or with filters read in Swift
    /// (``allowedReportIDs``): for a frequent character or bigram one row per report of
    /// ``ReportCharacters`` or ``ReportBigrams`` (the cost grows with the reports, not with the
    /// matches; under a section: filter the character's bits), else the allowed rowids
    /// (``forEachAllowedRowID(match:_:ranges:_:)``) mapped to reports by `ranges`. Nil when the
    /// tier does not qualify.
    /// From the rowids, each report's first ``scoredPerReport`` matches come along
    /// (`first`), so that its best match needs no second query, unless that match is
    /// ``scoredFromIndex(_:)`` and every passage of the report is allowed. `known` are the
    /// tier's rowids in ascending order, when the caller has read them.
    ///
    /// `units 的 title:条例` at 1 GB ranked each of the allowed reports' passages holding 的 to
    /// count them (4.5 s); their rows of `report_chars` give the same counts.
    func reportCounts(in tier: Tier, _ db: Database, ranges: ReportRanges, known: RowIDs? = nil) throws -> [ReportCount]? {
        guard let match = tier.match, tier.check == nil, conditions.isEmpty || allowedReportIDs != nil else { return nil }
        var counts: [ReportCount] = []
        if tiers.count == 1, allowedSections == nil, try ReportRanges.isKnown(db) {
            // A row per report holding it, most reports: room for all at once, not grown by
            // doubling (546,316 reports at 10 GB: 13 MB, not 25 MB and a copy).
            let allowed = allowedReportIDs
            let slots = (character: singleTerm?.frequentCharacterSlot, bigram: singleTerm?.frequentBigramSlot)
            if slots.character != nil || slots.bigram != nil {
                counts.reserveCapacity(allowed?.count ?? ranges.reports.count)
            }
            func add(_ report: Int64, _ passages: Int) {
                if passages > 0, allowed?.contains(report) ?? true { counts.append(ReportCount(report: report, passages: passages)) }
            }
            // A few allowed reports are looked up one by one; otherwise every row is read.
            let lookedUp = allowed.map { $0.count * Self.lookedUpShare <= ranges.reports.count } ?? false
            if let slot = slots.character {
                if lookedUp, let allowed {
                    for report in allowed.sorted() { add(report, try ReportCharacters.count(slot: slot, report: report, db)) }
                } else {
                    try ReportCharacters.forEachCount(slot: slot, db, add)
                }
                return counts
            }
            if let slot = slots.bigram {
                if lookedUp, let allowed {
                    for report in allowed.sorted() { add(report, try ReportBigrams.count(slot: slot, report: report, db)) }
                } else {
                    try ReportBigrams.forEachCount(slot: slot, db, add)
                }
                return counts
            }
        }
        let kept = scoredFromIndex(tier) && allowedSections == nil ? 0 : Self.scoredPerReport
        var counter = ReportCounter(ranges: ranges, kept: kept)
        if let known {
            try known.forEachID { counter.add($0); return true }
        } else {
            try forEachAllowedRowID(match: match, db, ranges: ranges) { counter.add($0); return true }
        }
        return counter.counts
    }

    /// Filters keeping at most one report in this many have their reports' rows of
    /// ``ReportCharacters`` or ``ReportBigrams`` looked up one by one rather than every row read.
    static let lookedUpShare = 16

    /// Matches counted per report from their rowids in ascending order, each report's first
    /// `kept` kept: a binary search per report, not per match.
    struct ReportCounter {
        let ranges: ReportRanges
        let kept: Int
        private(set) var counts: [ReportCount] = []
        private var end = Int64.min

        init(ranges: ReportRanges, kept: Int) {
            self.ranges = ranges
            self.kept = kept
        }

        mutating func add(_ id: Int64) {
            if id < end {
                counts[counts.count - 1].passages += 1
                if counts[counts.count - 1].first.count < kept { counts[counts.count - 1].first.append(id) }
                return
            }
            guard let i = ranges.range(ofPassage: id) else { return }
            end = ranges.ids(ofRange: i).upperBound
            counts.append(ReportCount(report: ranges.reports[i], passages: 1, first: kept > 0 ? [id] : []))
        }
    }

    /// A report's matching passages, and its first few when they were read on the way.
    struct ReportCount {
        var report: Int64
        var passages: Int
        var first: [Int64] = []
    }

    /// How many of a report's matches are read and scored to pick its best one.
    static let scoredPerReport = 32

    /// Whether a report's best match in `tier` is scored by FTS5 from its index
    /// (``TermFrequencyRank``), reading no passage text: for a term alone, not a one-character
    /// prefix query (which FTS5 would expand again for every report).
    func scoredFromIndex(_ tier: Tier) -> Bool {
        singleTerm != nil && highlightPlans.count == 1 && tier.kind == .exact && tier.check == nil
            && tier.match.map { !$0.contains("*") } == true
    }

    /// The best of the first ``scoredPerReport`` matches of `report` in `tier`: its passage and
    /// score (lower is better), or nil when the report has no match. Scored from the index
    /// when ``scoredFromIndex(_:)``; otherwise each candidate's text is scored by bm25's
    /// term-frequency and length part for every term (no IDF: within one query it only weighs
    /// terms against each other).
    func bestMatch(in tier: Tier, report: Int64, known: [Int64] = [], _ db: Database, ranges: ReportRanges) throws -> (passage: Int64, rank: Double)? {
        guard let match = tier.match, let i = ranges.range(ofReport: report) else { return nil }
        let ids = ranges.ids(ofRange: i)
        if scoredFromIndex(tier), allowedSections == nil {
            // `units 发展` at 1 GB read and folded the text of 32 passages for each of 709 units.
            var best: (passage: Int64, rank: Double)?
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT rowid, \(TermFrequencyRank.sql(lengths: lengths)) FROM passages_fts
                WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?
                """), arguments: [match, ids.lowerBound, ids.upperBound - 1, Self.scoredPerReport])
            while let row = try rows.next() {
                let (id, rank): (Int64, Double) = (row[0], row[1])
                if let b = best, b.rank <= rank { continue }
                best = (id, rank)
            }
            return best
        }
        var candidates: [Int64] = known  // read with the counts, when they came from FTS5's rowids
        if !candidates.isEmpty {
            candidates = Array(candidates.prefix(Self.scoredPerReport))
        } else if tiers.count == 1, tier.check == nil, allowedSections == nil, let slot = singleTerm?.frequentCharacterSlot,
                  try ReportRanges.isKnown(db) {
            try ReportCharacters.forEachPassage(holding: slot, report: report, db) { id in
                if candidates.count < Self.scoredPerReport { candidates.append(id) }
            }
        } else {
            candidates = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?
                """), arguments: [match, ids.lowerBound, ids.upperBound - 1, Self.scoredPerReport])
        }
        var best: (passage: Int64, rank: Double)?
        try Self.forEachPassage(candidates, db) { id, _, _, _, text in
            let folded = FoldedText(text)
            let length = Double(max(1, folded.scalars.count))
            var score = 0.0
            for plan in highlightPlans {
                let tf = Double(folded.occurrences(of: plan.folded).count)
                score += tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / 100))
            }
            if let b = best, b.rank < -score || (b.rank == -score && b.passage < id) { return }
            best = (id, -score)
        }
        return best
    }
}
