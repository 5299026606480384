import GRDB

/// A long phrase of ideographs whose bigrams are partly common, found through its rare ones.
///
/// ``RareTokens`` picks the bigrams FTS5 walks, as a NEAR group as tight as the phrase
/// holds them: every passage holding the phrase is a candidate, and few others are. Each
/// candidate's text then says whether the phrase is in it and how often, and FTS5's
/// `passages_fts_docsize` gives its length, so that it scores as `baogao_tf` scores it in every
/// other way of ranking the phrase, to the last bit. `"任人员按照规定给"` at 1 GB walks 员按 and
/// 定给 (2 and 18 pages of doclist) instead of seven bigrams, the other five of 74 to 914 pages
/// each.
///
/// ```swift
/// try compiled.rankedFromRareTokens(db, wanted: 100, ranges: ranges)   // (13, 13, [best matches])
/// ```
extension CompiledQuery {
    /// For one phrase of ideographs alone (one tier, no filters, no prefix): the totals and the
    /// best `wanted` of its matches, found through its rare bigrams and checked against the
    /// text. Nil when the phrase does not qualify, its bigrams are all common or all rare
    /// (``RareTokens/plan(spans:_:)``), or the tokens kept find more candidates than the plan
    /// reads.
    func rankedFromRareTokens(_ db: Database, wanted: Int, ranges: ReportRanges,
                              limits: RareTokens.Limits = RareTokens.Limits()) throws -> (passages: Int, reports: Int, best: [Match])? {
        guard let plan = singleTerm, highlightPlans.count == 1, tiers.count == 1, let tier = tiers.first,
              tier.kind == .exact, tier.check == nil, let match = tier.match, conditions.isEmpty,
              plan.tokens.count >= limits.fewestTokens, Self.isWalkedByBigrams(plan),
              let spans = DoclistPages.spans(of: plan.tokens, segmentPagesAtLeast: limits.segmentPagesAtLeast, db),
              let rare = RareTokens.plan(spans: spans, limits),
              let totals = try FTS5Totals.read(db) else { return nil }
        let near = Self.group(of: plan, kept: rare.kept)
        guard let candidates = try Self.candidates(near, atMost: rare.candidatesAtMost, db) else { return nil }

        // Each match keeps its text; its folded text only when every match is returned (at 10 GB
        // a plan may read thousands of candidates, and the ranking folds its 100 again cheaply).
        let average = totals.averageLength
        guard let found = try checkedCandidates(candidates, terms: [plan], keepsFolded: candidates.count <= wanted, db,
                                                score: { frequencies, length in
            TermFrequencyRank.score(frequency: frequencies[0], length: length, averageLength: average)
        }) else { return nil }
        return ranked(found, of: match, ranges: ranges, wanted: wanted)
    }

    /// ``checkedCandidates(_:terms:keepsFolded:lengths:_:score:)`` of `ids` (ascending) with the
    /// query's ``lengths``: in two halves at once, the upper one on the ``secondReader``, when
    /// they are at least ``candidatesHalvedFrom`` (``readInHalves(_:from:_:_:join:)``); nil
    /// when either half meets a candidate without its length.
    func checkedCandidates(_ ids: [Int64], terms: [TermPlan], keepsFolded: Bool, _ db: Database,
                           score: @escaping @Sendable (_ frequencies: [Double], _ length: Double) -> Double) throws -> [Match]? {
        let lengths = lengths
        return try readInHalves(ids, from: Self.candidatesHalvedFrom, db, { ids, db in
            try Self.checkedCandidates(ids, terms: terms, keepsFolded: keepsFolded, lengths: lengths, db, score: score)
        }, join: { lower, upper in lower.flatMap { lower in upper.map { lower + $0 } } })
    }

    /// Whether FTS5 finds `term` as its bigrams alone, so that a plan may walk some of them and
    /// check the rest in the text: ideographs only (every character but the last starting one
    /// of its bigrams), not a prefix, nothing for the text to verify.
    static func isWalkedByBigrams(_ term: TermPlan) -> Bool {
        !term.prefixLast && !term.needsVerification && term.tokens.count == term.folded.count - 1
            && term.folded.allSatisfy { ScalarClass.of($0) == .ideograph }
    }

    /// The tokens `kept` (ascending positions) of `term` as FTS5 walks them: the term's phrase
    /// when all are kept, one token alone, or a NEAR group as tight as the term holds them.
    static func group(of term: TermPlan, kept: [Int]) -> String {
        if kept.count == term.tokens.count { return "(\(term.matchExpression))" }
        let quoted = kept.map { "\"\(term.tokens[$0])\"" }
        guard kept.count > 1 else { return quoted.first ?? "" }
        return "NEAR(\(quoted.joined(separator: " ")), \(RareTokens.nearDistance(kept: kept)))"
    }

    /// The candidates `ids` (ascending) that hold every one of `terms`, read with their text and
    /// length (``forEachPassageWithLength(_:_:lengths:_:)``) and ranked by `score(frequencies, length)`,
    /// the terms' instances counted as FTS5 counts them; each keeps its folded text when
    /// `keepsFolded`. Nil when FTS5 holds no length for one of them (the query is then walked
    /// whole, as FTS5 would fail to score the row).
    static func checkedCandidates(_ ids: [Int64], terms: [TermPlan], keepsFolded: Bool, lengths: PassageLengths?,
                                  _ db: Database,
                                  score: (_ frequencies: [Double], _ length: Double) -> Double) throws -> [Match]? {
        var found: [Match] = []
        var lengthless = false
        try forEachPassageWithLength(ids, db, lengths: lengths) { m, length in
            let folded = FoldedText(m.text)
            let frequencies = terms.map { Double(instances(of: $0.folded, in: folded.scalars)) }
            guard !frequencies.contains(0) else { return true }
            guard let length else { lengthless = true; return false }
            var m = m
            m.rank = score(frequencies, Double(length))
            m.folded = keepsFolded ? folded : nil
            found.append(m)
            return true
        }
        return lengthless ? nil : found
    }

    /// The rows FTS5 finds for a plan's `expression`, ascending; nil when there are more than
    /// `atMost` (the walk stops at the first row too many).
    static func candidates(_ expression: String, atMost: Int, _ db: Database) throws -> [Int64]? {
        let rows = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?
            """), arguments: [expression, atMost + 1])
        return rows.count <= atMost ? rows.sorted() : nil
    }

    /// A plan's matches, every one scored: kept in the ``memo`` for `match` (the tier's
    /// expression), their reports counted, the best `wanted` of them.
    func ranked(_ found: [Match], of match: String, ranges: ReportRanges,
                wanted: Int) -> (passages: Int, reports: Int, best: [Match]) {
        var found = found
        found.sort { $0.passageID < $1.passageID }
        memo?.keep(RowIDs(found.map(\.passageID)), of: match)
        var reports = ReportRanges.Tally(ranges)
        for m in found { reports.add(passage: m.passageID) }
        found.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.passageID < $1.passageID }
        return (found.count, reports.count, Array(found.prefix(wanted)))
    }

    /// How often `term` occurs in `scalars`, overlapping occurrences each counted: for a term of
    /// ideographs, FTS5's instances of its phrase of bigrams.
    static func instances(of term: [UInt32], in scalars: [UInt32]) -> Int {
        guard let first = term.first, term.count <= scalars.count else { return 0 }
        var count = 0
        for i in 0...(scalars.count - term.count) where scalars[i] == first {
            var k = 1
            while k < term.count && scalars[i + k] == term[k] { k += 1 }
            if k == term.count { count += 1 }
        }
        return count
    }

    /// Calls `body(match, length)` for the passages `ids` (ascending), read with one statement:
    /// each as an exact match ranked 0, with its length in tokens from `lengths` when they are
    /// kept in memory (a passage they do not know, and every one without them, from
    /// `passages_fts_docsize`: one SQLite varint per column, and the index has one), nil when
    /// FTS5 holds none. Return false to stop.
    ///
    /// With the lengths in memory the statement joins no `docsize` row: a candidate costs the
    /// read of its text alone (a lookup in `docsize` was about a microsecond a candidate).
    static func forEachPassageWithLength(_ ids: [Int64], _ db: Database, lengths: PassageLengths? = nil,
                                         _ body: (Match, Int?) throws -> Bool) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: lengths != nil ? """
            SELECT p.id, p.report_id, p.section_id, p.line, p.text FROM json_each(?) j
            JOIN passages p ON p.id = j.value
            """ : """
            SELECT p.id, p.report_id, p.section_id, p.line, p.text, d.sz FROM json_each(?) j
            JOIN passages p ON p.id = j.value LEFT JOIN passages_fts_docsize d ON d.id = j.value
            """), arguments: [jsonArray(ids)])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let length: Int?
            if let lengths {
                length = try lengths.length(of: id).map(Int.init) ?? storedLength(ofPassage: id, db)
            } else {
                length = try storedLength(row, atIndex: 5)
            }
            let match = Match(passageID: id, reportID: row[1], sectionID: row[2], line: row[3], text: row[4],
                              rank: 0, kind: .exact)
            if try !body(match, length) { return }
        }
    }

    /// The length in tokens FTS5 holds for passage `id` in `passages_fts_docsize`; nil when none.
    static func storedLength(ofPassage id: Int64, _ db: Database) throws -> Int? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT sz FROM passages_fts_docsize WHERE id = ?"),
                                         arguments: [id]) else { return nil }
        return try storedLength(row, atIndex: 0)
    }

    /// The length in tokens a row of `passages_fts_docsize` holds at column `index` (`sz`: one
    /// SQLite varint per column of the FTS5 table, and it has one); nil for NULL.
    static func storedLength(_ row: Row, atIndex index: Int) throws -> Int? {
        try row.withUnsafeData(atIndex: index) { data in
            data.flatMap { $0.withUnsafeBytes { FTS5Totals.varint($0, at: 0)?.value } }
        }.map { Int($0) }
    }
}
