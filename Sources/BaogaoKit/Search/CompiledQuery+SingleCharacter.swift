import GRDB

/// One character alone, any character: counted from ``CharacterTotals`` and, when it is in many
/// reports, ranked on a sample read from the text of reports spread over the index.
///
/// FTS5 answers one character with a prefix query (`"所" *`) that merges the doclists of every
/// bigram starting with it before returning a row, whether all its rowids are wanted or those
/// of one report: 所 at 1 GB took 114 ms to count and 181 ms for a first page. The
/// ``FrequentCharacters`` keep each report's passages as bits; any other character keeps its
/// totals only, and a page reads the few reports it samples (``rankedFromSpread(_:wanted:ranges:matches:)``).
///
/// ```swift
/// compiled.singleCharacter             // 0x6240 for the query 所
/// try compiled.characterTotals(db)     // (passages, reports) holding it, or nil when not stored
/// ```
extension CompiledQuery {
    /// The folded character searched for, when the query is one ideograph alone without filters.
    var singleCharacter: UInt32? {
        guard let singleTerm, tiers.count == 1, tiers[0].check == nil, conditions.isEmpty,
              singleTerm.folded.count == 1, singleTerm.prefixLast,
              ScalarClass.of(singleTerm.folded[0]) == .ideograph else { return nil }
        return singleTerm.folded[0]
    }

    /// The index's totals of ``singleCharacter``, when the query is one and they are stored.
    func characterTotals(_ db: Database) throws -> CharacterTotals.Totals? {
        guard let value = singleCharacter else { return nil }
        return try CharacterTotals.lookup(value, db)
    }

    /// Whether a character with `totals` is ranked on a spread sample rather than through FTS5:
    /// past ``onePassAtMost`` passages, and in at least one report of ``spreadTries`` (so that
    /// the reports tried from each sampled position hold it more often than not).
    func samplesFromSpread(_ totals: CharacterTotals.Totals, ranges: ReportRanges) -> Bool {
        totals.passages > Self.onePassAtMost && totals.reports * Self.spreadTries >= ranges.reports.count
    }

    /// Calls `body(passageID)` for the passages of report `report` holding `value` once folded,
    /// ascending, until it returns false: the report's text read through its passage range.
    static func forEachPassage(holding value: UInt32, report: Int64, ranges: ReportRanges, _ db: Database,
                        _ body: (Int64) throws -> Bool) throws {
        guard let i = ranges.range(ofReport: report) else { return }
        let ids = ranges.ids(ofRange: i)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, text FROM passages WHERE id >= ? AND id < ? ORDER BY id
            """), arguments: [ids.lowerBound, ids.upperBound])
        while let row = try rows.next() {
            let held = try row.withUnsafeData(atIndex: 1) { data -> Bool in
                guard let data else { return false }
                return data.withUnsafeBytes { raw in
                    FoldedText(utf8: raw.bindMemory(to: UInt8.self)).scalars.contains(value)
                }
            }
            if held, try !body(row[0]) { return }
        }
    }
}
