import Foundation
import GRDB
import Synchronization

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

    /// Every row of `select` (`SELECT rowid, score … MATCH ?`, the score taking `idfs` first
    /// when given, capped at `scoredAtMost` rows) for `match`, ascending, read in two halves at
    /// once; nil as for ``rowIDsInHalves(match:_:ranges:)``. The halves score rows until they
    /// have read more than `scoredAtMost` between them; past that each reads the rest of its
    /// half as one rowid list, unscored: a query with more matches than that is sampled, not
    /// ranked, and stepping the scoring statement through the rest cost as much again as the
    /// walk (级人民政 at 1 GB, 155,253 matches: top 10 48 ms, the count 27). A query with at
    /// most `scoredAtMost` matches has every row scored (nil, for a walk in one pass, in the one
    /// case where a half could have stopped early: the other half's part failed after reading).
    func scoredInHalves(_ select: String, idfs: Data?, match: String, _ db: Database,
                        ranges: ReportRanges, scoredAtMost: Int) throws -> ScoredHalves? {
        let read = RowsRead()
        let rows = try inHalves(match: match, db, ranges: ranges, read: { range, db in
            var half = ScoredHalves()
            let upper = range.lowerBound != Int64.min
            read.start(upper: upper)
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: select + " AND rowid BETWEEN ? AND ?"),
                                             arguments: (idfs.map { [$0] } ?? []) + [match, range.lowerBound, range.upperBound])
            while let row = try cursor.next() {
                let id: Int64 = row[0]
                if let rank: Double = row[1] { half.scored.append((id, rank)) }  // nil past the score's cap
                half.ids.append(id)
                if read.add(upper: upper) > scoredAtMost {
                    if id < range.upperBound {
                        half.ids.append(contentsOf: try Self.rowIDs(of: match, in: (id + 1)...range.upperBound, db))
                    }
                    break
                }
            }
            return half
        }, join: { first, second in
            first.scored += second.scored
            first.ids.append(contentsOf: second.ids)
        })
        // A part that failed after counting rows may have stopped the other half's scoring
        // early: then the caller walks again in one pass.
        if let rows, rows.ids.count <= scoredAtMost, rows.scored.count < rows.ids.count { return nil }
        return rows
    }

    /// How many rows the two halves of a scoring pass have read between them. A half read
    /// again (its part saw another state of the index, or failed) starts its count again.
    /// Sequentially consistent: a half that sees at most the cap has read one of the first
    /// `cap` rows, so the halves score at most two rows past it.
    private final class RowsRead: Sendable {
        private let lower = Atomic<Int>(0)
        private let upper = Atomic<Int>(0)

        func start(upper isUpper: Bool) {
            if isUpper { upper.store(0, ordering: .sequentiallyConsistent) } else { lower.store(0, ordering: .sequentiallyConsistent) }
        }

        /// Counts a row of one half; the rows of both halves so far.
        func add(upper isUpper: Bool) -> Int {
            if isUpper {
                return upper.add(1, ordering: .sequentiallyConsistent).newValue + lower.load(ordering: .sequentiallyConsistent)
            }
            return lower.add(1, ordering: .sequentiallyConsistent).newValue + upper.load(ordering: .sequentiallyConsistent)
        }
    }

    /// What ``scoredInHalves(_:idfs:match:_:ranges:scoredAtMost:)`` read: the rows it scored
    /// (the first of each half, until the halves had read past the cap) and every rowid, ascending.
    struct ScoredHalves: Sendable {
        var scored: [(id: Int64, rank: Double)] = []
        var ids = RowIDs()
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
        guard !highlightPlans.isEmpty else { return nil }
        var bounds: [Int] = []
        for plan in highlightPlans {
            let ideographs = plan.folded.filter { ScalarClass.of($0) == .ideograph }
            guard !ideographs.isEmpty, let totals = try CharacterTotals.lookup(ideographs, db),
                  let rarest = totals.map(\.passages).min() else { return nil }
            bounds.append(rarest)
        }
        return match.contains(" OR ") ? bounds.reduce(0, +) : bounds.min()
    }
}
