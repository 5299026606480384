import GRDB

extension CompiledQuery {
    /// The reports a query's filters let through, when every filter is on the report (unit:,
    /// year:, title:): read with one `SELECT` over `reports` when the query is compiled (see
    /// ``allowedReportIDs``), so that FTS5's rowids are kept or
    /// dropped through ``ReportRanges`` rather than by joining `passages` and `reports` for every
    /// match (营商环境 year:2023 read a passage row and a report row for each of its matches
    /// in every year). Nil without filters, or when one (section:) needs the passage.
    ///
    /// ```swift
    /// let compiled = try QueryCompiler.compile(SearchQuery(parsing: "营商环境 year:2023"), db)
    /// compiled.allowedReportIDs   // the ids of the reports of 2023
    /// ```
    func allowedReports(_ db: Database) throws -> Set<Int64>? {
        guard !conditions.isEmpty, filtersOnReports else { return nil }
        return try Self.allowedReports(conditions, arguments, db)
    }

    /// The reports `conditions` (on the report alone) let through.
    static func allowedReports(_ conditions: [String], _ arguments: StatementArguments, _ db: Database) throws -> Set<Int64> {
        var sql = "SELECT r.id FROM reports r WHERE 1"
        for condition in conditions { sql += " AND (\(condition))" }
        return Set(try Int64.fetchAll(db, sql: sql, arguments: arguments))
    }

    /// Whether the filters let passage `id` of report `report` through: the report is allowed
    /// and, with a section: filter, the passage is under one of its sections.
    func allows(passage id: Int64, report: Int64?) -> Bool {
        if let allowed = allowedReportIDs, report.map(allowed.contains) != true { return false }
        return allowedSections?.contains(id) ?? true
    }

    /// Whether the filters, read in Swift, let through at most `count` passages (the section
    /// spans' passages, or the allowed reports'); false without such filters.
    func allowsAtMost(_ count: Int, _ ranges: ReportRanges, _ db: Database) throws -> Bool {
        if let allowedSections { return allowedSections.count <= count }
        guard let allowed = allowedReportIDs, allowed.count <= count else { return false }
        var passages = 0
        for i in allowed.compactMap(ranges.range(ofReport:)) {
            var ids = ranges.ids(ofRange: i)
            if ids.upperBound == .max {
                // The last range is open: it ends at the last passage.
                let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM passages") ?? ids.lowerBound
                ids = ids.lowerBound..<max(ids.lowerBound, last + 1)
            }
            passages += Int(ids.upperBound - ids.lowerBound)
            if passages > count { return false }
        }
        return true
    }

    /// A filter keeping at most one report in this many is read span by span.
    static let spanShare = 8

    /// The passage ids of the allowed reports, neighbours joined into one span, when they are
    /// few enough (at most one report in ``spanShare``) that FTS5 is better asked for the
    /// matches in each span than for every match of the index: `规定 year:2015` at 1 GB scored
    /// a million matches to keep a few thousand. Nil without such a filter.
    ///
    /// ```swift
    /// compiled.allowedSpans(ranges)   // [1200...1388, 5021...5102]
    /// ```
    func allowedSpans(_ ranges: ReportRanges) -> [ClosedRange<Int64>]? {
        guard let allowed = allowedReportIDs, allowed.count * Self.spanShare <= ranges.reports.count else { return nil }
        var spans: [ClosedRange<Int64>] = []
        for i in allowed.compactMap(ranges.range(ofReport:)).sorted() {
            let ids = ranges.ids(ofRange: i)
            if let last = spans.last, last.upperBound + 1 == ids.lowerBound {
                spans[spans.count - 1] = last.lowerBound...(ids.upperBound - 1)
            } else {
                spans.append(ids.lowerBound...(ids.upperBound - 1))
            }
        }
        return spans
    }

    /// ``allowedSpans(_:)`` for reading `match`, unless `match` steps several tokens and the
    /// rarest of them spans few of FTS5's leaf pages beside the spans (at most one page for
    /// every ``spansPerRarePage`` spans): then nil, every match read once. For a span holding no
    /// match FTS5 looks for the next match past its end, stepping the tokens on the way, and a
    /// rare phrase makes every span such a walk: `"依照本法规定应当" unit:河南省人民代表大会常务委员会`
    /// at 1 GB (its rarest bigram on 14 pages, 222 spans) took 129–133 ms span by span and
    /// 34–38 over every match; a word or a phrase of common bigrams (`"县级以上" year:2018`: 186
    /// pages, 198 spans) stays span by span (77 ms, 339 over every match). An expression with
    /// OR, NOT or a prefix keeps the spans.
    func allowedSpans(_ ranges: ReportRanges, reading match: String, _ db: Database) -> [ClosedRange<Int64>]? {
        guard let spans = allowedSpans(ranges) else { return nil }
        guard !match.contains(" OR "), !match.contains(" NOT "), !match.contains("*") else { return spans }
        let tokens = Array(Set(Self.phrases(in: match).joined())).sorted()
        guard tokens.count > 1, let pages = DoclistPages.spans(of: tokens, db),
              Self.readsEveryMatch(tokenPages: pages, spans: spans.count) else { return spans }
        return nil
    }

    /// Whether an expression of tokens spanning `tokenPages` leaf pages each is read over every
    /// match rather than in `spans` spans: its rarest token spans at most one page for every
    /// ``spansPerRarePage`` spans.
    ///
    /// ```swift
    /// CompiledQuery.readsEveryMatch(tokenPages: [173, 14, 1390], spans: 222)   // true
    /// CompiledQuery.readsEveryMatch(tokenPages: [329, 27, 302], spans: 164)    // false
    /// ```
    static func readsEveryMatch(tokenPages: [Int], spans: Int) -> Bool {
        guard tokenPages.count > 1, let rarest = tokenPages.min() else { return false }
        return rarest * spansPerRarePage <= spans
    }

    /// See ``readsEveryMatch(tokenPages:spans:)``. Set between the phrases measured at 1 GB:
    /// read over every match up to 14 (`"依照本法规定应当" year:2018`: 14 pages, 198 spans; 95–158
    /// → 23–24 ms), span by span from 7 (`"法律责任" unit:北京市人民代表大会常务委员会`: 27 pages,
    /// 164 spans, a phrase in most passages holding its rarest bigram: 17–19 ms by spans, 65–97
    /// over every match). The pages say how common the rarest bigram is, not how many of its
    /// passages hold the phrase.
    static let spansPerRarePage = 10

    /// Calls `body` with every row of `select` (FTS5's rowid first; `select` ends in its MATCH)
    /// for `match` whose report the filters allow: span by span when
    /// ``allowedSpans(_:reading:_:)`` (``allowedSpans(_:)`` with `everySpan`) gives spans and
    /// `bySpans` allows it, else over every match, dropping those of other reports. Not by spans when `select` asks for bm25: FTS5 evaluates every term again for
    /// its IDF in each statement (`管理 办法 year:2012` at 1 GB: 0.2 s over every match, 1.7 s
    /// span by span); ``GivenIDFRank`` takes them as an argument, in `leading` (the arguments
    /// before `match`). `excluding`: rows dropped as well, ascending. Return false to stop.
    func forEachAllowedRow(_ select: String, leading: StatementArguments = [], match: String, _ db: Database,
                           ranges: ReportRanges, bySpans: Bool = true, everySpan: Bool = false,
                           excluding: RowIDs? = nil, _ body: (Row) throws -> Bool) throws {
        // The rows of other passages are dropped inside SQLite (``RowFilter``), before their
        // columns are computed: a score, a length looked up.
        var kept = allowedCursor(ranges)
        var excluded = excluding?.makeIterator()
        var next = excluded?.next()
        let filter = RowFilter { id in
            while let e = next, e < id { next = excluded?.next() }
            return next != id && kept.allows(id)
        }
        // The rows of `sql` with `arguments`, the filter bound when `filtered`; false when
        // `body` stopped.
        func walk(_ sql: String, _ arguments: StatementArguments, filtered: Bool) throws -> Bool {
            let statement = try db.cachedStatement(sql: filtered ? sql + " AND \(RowFilter.condition)" : sql)
            try statement.setArguments(arguments + (filtered ? RowFilter.unset : []))
            func read() throws -> Bool {
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    if try !body(row) { return false }
                }
                return true
            }
            return try filtered ? filter.bound(to: statement, read) : read()
        }
        if bySpans, let spans = everySpan ? allowedSpans(ranges) : allowedSpans(ranges, reading: match, db) {
            for span in spans {
                // The spans hold the allowed reports' passages: only a section: filter drops any.
                guard try walk(select + " AND rowid BETWEEN ? AND ?", leading + [match, span.lowerBound, span.upperBound],
                               filtered: allowedSections != nil || excluding != nil) else { return }
            }
            return
        }
        _ = try walk(select, leading + [match], filtered: allowedReportIDs != nil || allowedSections != nil || excluding != nil)
    }

    /// Calls `body` with every rowid FTS5 finds for `match` whose report the filters allow,
    /// as ``forEachAllowedRow(_:leading:match:_:ranges:bySpans:_:)`` does with `SELECT rowid`, but
    /// each statement's rowids come back as one ``RowIDList``: for the counts and the samples
    /// that read every match. Return false to stop (the statement has read every id by then:
    /// for a walk that stops early, use ``forEachAllowedRow(_:leading:match:_:ranges:bySpans:_:)``).
    /// With a ``memo``, a walk that reads every rowid is kept there and the next walk of `match`
    /// reads it back.
    func forEachAllowedRowID(match: String, _ db: Database, ranges: ReportRanges,
                             _ body: (Int64) throws -> Bool) throws {
        if let ids = try characterFilteredRowIDs(match: match, db, ranges: ranges) {
            // Kept by the memo, if any, as a list already.
            try ids.forEachID(body)
            return
        }
        if let memo {
            if let ids = memo.ids(of: match) {
                try ids.forEachID(body)
                return
            }
            // Kept only when the walk reads every rowid.
            var ids = RowIDs()
            var complete = true
            try walkAllowedRowIDs(match: match, db, ranges: ranges) { id in
                ids.append(id)
                complete = try body(id)
                return complete
            }
            if complete { memo.keep(ids, of: match) }
            return
        }
        try walkAllowedRowIDs(match: match, db, ranges: ranges, body)
    }

    /// Every rowid ``forEachAllowedRowID(match:_:ranges:_:)`` gives, as one list: the blobs
    /// SQLite returns kept as they are when nothing is dropped (the ``memo``'s when it has
    /// them; kept there when there is one).
    func allowedRowIDs(match: String, _ db: Database, ranges: ReportRanges) throws -> RowIDs {
        if let ids = memo?.ids(of: match) { return ids }
        var ids = RowIDs()
        if allowedReportIDs == nil {
            if let filtered = try characterFilteredRowIDs(match: match, db, ranges: ranges) {
                ids = filtered
            } else if let halves = try rowIDsInHalves(match: match, db, ranges: ranges) {
                ids = halves
            } else {
                ids = try RowIDList.fetch(db.cachedStatement(sql: Self.rowIDsSelect), arguments: [match])
            }
        } else {
            try walkAllowedRowIDs(match: match, db, ranges: ranges) { ids.append($0); return true }
        }
        memo?.keep(ids, of: match)
        return ids
    }

    private func walkAllowedRowIDs(match: String, _ db: Database, ranges: ReportRanges,
                                   _ body: (Int64) throws -> Bool) throws {
        if let reader = try filteredCharacter(db, ranges: ranges, match: match) {
            try forEachPassage(of: reader, db, ranges: ranges, body)
            return
        }
        let select = Self.rowIDsSelect
        if let spans = allowedSpans(ranges, reading: match, db) {
            let statement = try db.cachedStatement(sql: select + " AND rowid BETWEEN ? AND ?")
            var allowed = allowedCursor(ranges)
            for span in spans {
                var going = true
                try RowIDList.forEach(statement, arguments: [match, span.lowerBound, span.upperBound]) {
                    if allowedSections != nil, !allowed.allows($0) { return true }
                    going = try body($0)
                    return going
                }
                if !going { return }
            }
            return
        }
        let filtered = allowedReportIDs != nil || allowedSections != nil
        if !filtered, let ids = try rowIDsInHalves(match: match, db, ranges: ranges) {
            try ids.forEachID(body)
            return
        }
        var allowed = allowedCursor(ranges)
        try RowIDList.forEach(db.cachedStatement(sql: select), arguments: [match]) { id in
            if filtered, !allowed.allows(id) { return true }
            return try body(id)
        }
    }

    /// Every rowid of a MATCH as one ``RowIDList`` (`AND rowid BETWEEN ? AND ?` for a span).
    static let rowIDsSelect = "SELECT \(RowIDList.name)(rowid) FROM passages_fts WHERE passages_fts MATCH ?"

    /// Ids read per statement when the text of allowed matches is read in rank order.
    static let allowedBatch = 256

    /// The matches of `tier` in the reports the filters allow, best first when `ranked`, at
    /// most `limit`: FTS5's rowids of those reports (span by span for a narrow filter), then
    /// the text of only those, in batches. `人民法院 year:2010..2015` at 1 GB joined all 267,359
    /// matches to their passage and report and ranked each by bm25 to keep 3,253.
    ///
    /// Ranked by ``TermFrequencyRank`` (bm25 without the IDF): bm25 evaluates every phrase over
    /// the whole index again in each statement, once per span. For a tier of one phrase it
    /// orders as bm25 does; for several, each phrase's occurrences weigh alike. Every allowed
    /// match is scored (no sample: only the text of the best is read), as the join ranked them.
    /// A tier walked unranked is scored all the same and kept for its ranking when
    /// `keepingScores` (a count before a page that ranks it).
    func forEachAllowedMatch(in tier: Tier, _ db: Database, ranked: Bool, limit: Int?,
                             ranges: ReportRanges, keepingScores: Bool = false,
                             _ body: (Match) throws -> Bool) throws {
        guard let rows = try allowedRows(in: tier, db, ranked: ranked, ranges: ranges, keepingScores: keepingScores)
        else { return }
        try forEachFound(rows.found, in: tier, checking: rows.checked, db, limit: limit, body)
    }

    /// The rows ``forEachAllowedMatch(in:_:ranked:limit:ranges:keepingScores:_:)`` reads for
    /// `tier`, best first when `ranked`, and whether each must still pass the tier's check
    /// (false when the expression read is one FTS5 answers exactly: the count needs no text).
    /// Nil for a tier without an expression.
    func allowedRows(in tier: Tier, _ db: Database, ranked: Bool, ranges: ReportRanges,
                     keepingScores: Bool = false) throws -> (found: [(id: Int64, rank: Double)], checked: Bool)? {
        guard var match = tier.match else { return nil }
        let score = ranked ? TermFrequencyRank.sql(lengths: lengths) : "0.0"
        var found: [(id: Int64, rank: Double)] = []
        if let reader = try filteredCharacter(db, ranges: ranges, match: match) {
            // One character: read report by report, ranked on the text.
            if ranked {
                found = try rankedPassages(of: reader, db, ranges: ranges).map { ($0.id, $0.rank) }
            } else {
                try forEachPassage(of: reader, db, ranges: ranges) { found.append(($0, 0)); return true }
            }
            return (found, tier.check != nil)
        }
        // A tier with a check (near variants: NEAR groups) under a narrow filter is read
        // through its wider `spanMatch`, never its NEAR groups span by span: for a span holding
        // no match, FTS5 looks for the span's first match past its end, and near variants are
        // rare (营商环境 year:2023 went from 22 to 220 ms through its NEAR groups); every part
        // of a term anywhere is not.
        var bySpans = tier.check == nil
        var wider: WiderPlan?
        var kept: [(id: Int64, rank: Double)]?
        if let rows = widerWalks.rows(of: match) {
            // Its expression (or its NEAR groups), read for the count before, with the scores.
            kept = rows
        } else if !bySpans, let loose = tier.spanMatch {
            if let rows = widerWalks.rows(of: loose) {
                // Read for the tier before (the count, the variant tier), with its scores.
                (match, kept) = (loose, rows)
            } else if let plan = widerPlan(loose, db, ranges: ranges) {
                // Its NEAR groups over every match cost more than its wider expression (营商环境
                // year:2023 at 1 GB: 50–57 ms against 14–23 by spans): the wider one, read the
                // cheapest way (``widerPlan(passages:spans:tokens:pages:)``), then checked.
                match = loose
                (bySpans, wider) = (plan == .spans, plan)
            }
        }
        if let kept {
            found = kept
        } else if wider == .text, let scanned = try scannedWider(match, db, ranges: ranges) {
            found = scanned
            widerWalks.keep(found, of: match)
        } else {
            // A walk of the wider expression is scored and kept for the next tier; one of NEAR
            // groups for the tier's ranking, when a page ranks it after the count (依照本法规定应当
            // section:总则 at 1 GB walked them once to count and again to rank; 县级以上人民政府
            // section:总则, whose exact tier fills the page, would only pay for the scores); the
            // exact tier's, by the count before a page (人民法院 section:法律责任 at 1 GB walked its
            // 266,628 exact matches once to count and again to rank).
            let keeps = wider != nil || keepingScores || tier.check != nil && ranked
            let scored = keeps ? TermFrequencyRank.sql(lengths: lengths) : score
            // A term's variant tier over every match: its NEAR groups, less the exact tier's
            // rows read before (scored for a page, or kept in the ``memo``), rather than the tier's `NOT` the
            // phrase, which FTS5 evaluates again at every NEAR match (县级以上人民政府 at 1 GB:
            // 222 against 381 ms).
            var walked = match
            var exact: RowIDs?
            if wider == nil, tier.kind == .variant, let near = nearGroupsUnderFilter,
               let exactMatch = tiers.first?.match,
               let ids = widerWalks.rows(of: exactMatch).map({ RowIDs($0.lazy.map(\.id)) }) ?? memo?.ids(of: exactMatch) {
                (walked, exact) = (near.matchExpression, ids)
            }
            try forEachAllowedRow("SELECT rowid, \(scored) FROM passages_fts WHERE passages_fts MATCH ?",
                                  match: walked, db, ranges: ranges, bySpans: bySpans, everySpan: tier.check != nil,
                                  excluding: exact) { row in
                found.append((row[0], row[1]))
                return true
            }
            if keeps { widerWalks.keep(found, of: match) }
        }
        if ranked { found.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id } }
        // The tier's own expression, or its NEAR groups less the exact tier, is the tier itself
        // when FTS5 answers it exactly; the wider one needs the check.
        return (found, tier.check != nil && (match != tier.match || !tier.answeredExactly))
    }

    /// Calls `body(passage, report, rank)` for every match of `tier` that the filters allow,
    /// best first when `ranked`, as ``forEachAllowedMatch(in:_:ranked:limit:ranges:keepingScores:_:)``
    /// finds them, reading a passage's text only when it must pass the tier's check: counts and
    /// `units` need no text (建设部门 -unit:北京市人民代表大会常务委员会 at 1 GB read 52,831
    /// passages to count its variant tier, which its NEAR groups answer exactly). Nothing for a
    /// tier without an expression.
    func forEachAllowedHit(in tier: Tier, _ db: Database, ranked: Bool, ranges: ReportRanges,
                           keepingScores: Bool = false, _ body: (Int64, Int64, Double) throws -> Void) throws {
        guard let rows = try allowedRows(in: tier, db, ranked: ranked, ranges: ranges, keepingScores: keepingScores)
        else { return }
        if rows.checked {
            try forEachFound(rows.found, in: tier, checking: true, db, limit: nil) {
                try body($0.passageID, $0.reportID, $0.rank)
                return true
            }
        } else {
            for row in rows.found {
                if let report = ranges.report(ofPassage: row.id) { try body(row.id, report, row.rank) }
            }
        }
    }

    /// Calls `body` with the matches `found` of `tier`, in that order, their text read in
    /// batches, at most `limit`; return false to stop.
    func forEachFound(_ found: [(id: Int64, rank: Double)], in tier: Tier, checking: Bool, _ db: Database,
                      limit: Int?, _ body: (Match) throws -> Bool) throws {
        var taken = 0
        var start = 0
        while start < found.count {
            let batch = found[start..<min(found.count, start + Self.allowedBatch)]
            start = batch.endIndex
            var rows: [Int64: Match] = [:]
            try Self.forEachPassage(batch.map(\.id), db) { id, reportID, sectionID, line, text in
                rows[id] = Match(passageID: id, reportID: reportID, sectionID: sectionID, line: line, text: text,
                                 rank: 0, kind: tier.kind)
            }
            for (id, rank) in batch {
                guard var m = rows[id] else { continue }
                if checking, let check = tier.check, !check(FoldedText(m.text)) { continue }
                m.rank = rank
                guard try body(m) else { return }
                taken += 1
                if let limit, taken >= limit { return }
            }
        }
    }
}
