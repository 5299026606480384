import Foundation
import GRDB

/// A long walk over FTS5's doclists read in two halves at once: the passages below the middle
/// id by the query's connection, those above it by the index's ``SecondReader``.
///
/// A phrase of common bigrams makes FTS5 walk their long doclists whatever it matches (人民代
/// at 1 GB: 180,811 matches, 44 ms to count); with a rowid range it seeks to the range's
/// start, so each half costs half. Only a query whose rarest character, per term, is in at
/// least ``SecondReader/halvedPast`` passages is split: a short walk costs less than the
/// second connection's statement.
///
/// ```swift
/// let compiled = try QueryCompiler.compile(query, db, for: index)
/// try compiled.rowIDsInHalves(match: compiled.tiers[0].match!, db, ranges: compiled.ranges!)  // ascending
/// ```
extension CompiledQuery {
    /// Every rowid FTS5 finds for `match`, ascending, read in two halves at once; nil when
    /// the query is not worth it (or is a prefix, whose doclists FTS5 merges whole for any
    /// range), the index has no second reader, or its connections are busy.
    func rowIDsInHalves(match: String, _ db: Database, ranges: ReportRanges) throws -> RowIDs? {
        try inHalves(match: match, db, ranges: ranges, read: { range, db in try Self.rowIDs(of: match, in: range, db) },
                     join: { $0.append(contentsOf: $1) })
    }

    /// Every rowid FTS5 finds for `match` and the best `k` of the rows scored by `score` (a
    /// rank function's call, taking `idfs` first when given), read as one ``ScoredRowList``
    /// per statement: in two halves at once when the walk is long enough and the index has a
    /// second reader free (``rowIDsInHalves(match:_:ranges:)``), else in one pass. Each
    /// statement scores at most `scoredAtMost` + 1 rows and reads the rest of its range as a
    /// ``RowIDList``: calling a rank function costs 35 ns a row even when it scores nothing (大会
    /// at 1 GB, 225,409 matches: the rowids 9 ms, through a function 21, scored 33), and a
    /// query past the cap is sampled, not ranked (``ScoredRowList/Rows/scored`` says how many
    /// rows were scored).
    func scoredRows(score: String, idfs: Data?, match: String, k: Int, scoredAtMost cap: Int,
                    _ db: Database, ranges: ReportRanges) throws -> ScoredRowList.Rows {
        let leading: StatementArguments = [k] + (idfs.map { [$0] } ?? []) + [match]
        let sql = ScoredRowList.select(score: score, where: "AND rowid BETWEEN ? AND ?", limited: true)
        let read: @Sendable (ClosedRange<Int64>, Database) throws -> ScoredRowList.Rows = { range, db in
            var rows = try ScoredRowList.fetch(db.cachedStatement(sql: sql),
                                               arguments: leading + [range.lowerBound, range.upperBound, cap + 1])
            if rows.ids.count > cap, rows.ids.last < range.upperBound {
                rows.ids.append(contentsOf: try Self.rowIDs(of: match, in: (rows.ids.last + 1)...range.upperBound, db))
            }
            return rows
        }
        return try inHalves(match: match, db, ranges: ranges, read: read, join: { $0.join($1, keeping: k) })
            ?? read(Int64.min...Int64.max, db)
    }

    /// `body` started on the ``secondReader``, in a transaction that sees the index as `db`
    /// does; nil when the index has no second reader or no stored ranges id, or no connection
    /// or core is free: the caller then reads that part itself.
    func alongside<T: Sendable>(_ db: Database, _ body: @escaping @Sendable (Database) throws -> T) throws -> SecondReader.Part<T>? {
        guard let secondReader, let state = try ReportRanges.storedID(db) else { return nil }
        return secondReader.start(sameAs: state, body)
    }

    /// `lower(db)` here and `upper` on the ``secondReader`` at the same time (see
    /// ``alongside(_:_:)``), or both here, one after the other, when no connection or core is
    /// free or the part saw another state of the index.
    func here<T: Sendable>(_ db: Database, _ lower: (Database) throws -> T,
                           alongside upper: @escaping @Sendable (Database) throws -> T) throws -> (lower: T, upper: T) {
        let part = try alongside(db, upper)
        let first = try lower(db)
        return (first, try part?.wait() ?? upper(db))
    }

    /// `read(ids, db)` of the passages `ids` (ascending), joined: in two halves at once, the
    /// upper one on the ``secondReader``, when they are at least `threshold` (``here(_:_:alongside:)``),
    /// else in one read here.
    func readInHalves<T: Sendable>(_ ids: [Int64], from threshold: Int, _ db: Database,
                                   _ read: @escaping @Sendable ([Int64], Database) throws -> T,
                                   join: (T, T) -> T) throws -> T {
        guard ids.count >= threshold else { return try read(ids, db) }
        let middle = ids.count / 2
        let upper = Array(ids[middle...])
        let halves = try here(db, { db in try read(Array(ids[..<middle]), db) }, alongside: { db in try read(upper, db) })
        return join(halves.lower, halves.upper)
    }

    /// `read(range, db)` for the passages below the index's middle id here and for those
    /// above it on the ``secondReader`` at the same time, joined in that order.
    private func inHalves<T: Sendable>(match: String, _ db: Database, ranges: ReportRanges,
                                       read: @escaping @Sendable (ClosedRange<Int64>, Database) throws -> T,
                                       join: (inout T, T) -> Void) throws -> T? {
        guard !match.contains("*"), let secondReader, let first = ranges.starts.first,
              let bound = try walkBound(match: match, db), bound >= secondReader.halvedPast,
              // The last range is open-ended: the last passage ends it.
              let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM passages")), last > first
        else { return nil }
        let middle = first + (last + 1 - first) / 2
        guard let later = try alongside(db, { db in try read(middle...Int64.max, db) }) else { return nil }
        var rows = try read(Int64.min...(middle - 1), db)
        join(&rows, try later.wait() ?? read(middle...Int64.max, db))
        return rows
    }

    /// The rowids FTS5 finds for `match` within `range`, ascending.
    static func rowIDs(of match: String, in range: ClosedRange<Int64>, _ db: Database) throws -> RowIDs {
        try RowIDList.fetch(db.cachedStatement(sql: rowIDsSelect + " AND rowid BETWEEN ? AND ?"),
                            arguments: [match, range.lowerBound, range.upperBound])
    }

    /// At most how many passages `match` finds, from the stored ``CharacterTotals``: each
    /// term's rarest character bounds it, and the terms' rarest bound them all (their sum when
    /// `match` has an OR). Nil when a term has no ideograph or the totals are not known.
    func walkBound(match: String, _ db: Database) throws -> Int? {
        guard !highlightPlans.isEmpty, let bounds = try Self.rarestCharacters(of: highlightPlans, db) else { return nil }
        return match.contains(" OR ") ? bounds.reduce(0, +) : bounds.min()
    }

    /// For each of `plans`, the passages holding its rarest ideograph (``CharacterTotals``),
    /// which bound the passages holding the term; nil when one has no ideograph or the totals
    /// are not known.
    static func rarestCharacters(of plans: [TermPlan], _ db: Database) throws -> [Int]? {
        var bounds: [Int] = []
        for plan in plans {
            let ideographs = plan.folded.filter { ScalarClass.of($0) == .ideograph }
            guard !ideographs.isEmpty, let totals = try CharacterTotals.lookup(ideographs, db),
                  let rarest = totals.map(\.passages).min() else { return nil }
            bounds.append(rarest)
        }
        return bounds
    }
}
