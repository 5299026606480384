import Foundation
import GRDB

/// A query of several terms with very many matches, ranked on a sample of them.
///
/// ```swift
/// let (passages, reports, best) = try compiled.rankedFromTermsSample(db, wanted: 100, ids: ids)!
/// ```
extension CompiledQuery {
    /// For a query of several terms (or one and negations) in one exact tier without filters,
    /// past ``onePassAtMost`` matches:
    /// the totals (`ids`, every match, and the reports holding them) and the best `wanted`
    /// of an even sample of about ``termSample`` matches, scored by bm25 here
    /// (``bestOfSample(_:_:wanted:idfs:)``) with each term's IDF from its own count.
    ///
    /// FTS5 ranked an even sample of the matches by bm25 itself: one more evaluation of the
    /// whole query after the count's, plus one of each term for its IDF, then bm25 for every
    /// sampled row (`"规定" "县级以"` at 1 GB, 118,169 matches: top 10 about 150 ms, its count
    /// 50 ms). Nil when the query does not qualify (a prefix term: its count would merge every
    /// bigram starting with it).
    func rankedFromTermsSample(_ db: Database, wanted: Int, ids: [Int64]) throws -> (passages: Int, reports: Int, best: [Match])? {
        guard !highlightPlans.isEmpty, !highlightPlans.contains(where: \.prefixLast), let ranges else { return nil }
        var tally = ReportRanges.Tally(ranges)
        for id in ids { tally.add(passage: id) }
        let reports = tally.count
        if highlightPlans.count == 1 {
            // One term to score (the others negated): its IDF is the same for every match.
            return (ids.count, reports, try bestOfSample(Self.evenSample(ids), db, wanted: wanted))
        }
        guard let rows = try Self.indexedRows(db), rows > 0 else { return nil }
        var idfs: [Double] = []
        for plan in highlightPlans {
            let n = Double(try passages(holding: plan, db))
            // FTS5's bm25: ln((N − n + ½) / (n + ½)), at least 1e-6.
            idfs.append(max(1e-6, log((Double(rows) - n + 0.5) / (n + 0.5))))
        }
        return (ids.count, reports, try bestOfSample(Self.evenSample(ids), db, wanted: wanted, idfs: idfs))
    }

    /// How many passages hold `plan`'s phrase: from the stored totals for one of the
    /// ``FrequentCharacters`` or ``FrequentBigrams``, else counted by FTS5.
    private func passages(holding plan: TermPlan, _ db: Database) throws -> Int {
        if let totals = ranges?.totals {
            if let slot = plan.frequentCharacterSlot { return totals.character(slot).passages }
            if let slot = plan.frequentBigramSlot { return totals.bigram(slot).passages }
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?"),
                                arguments: [plan.matchExpression]) ?? 0
    }

    /// The rows FTS5 counts in its index (bm25's N): the first varint of its averages record.
    static func indexedRows(_ db: Database) throws -> Int? {
        guard let block = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM passages_fts_data WHERE id = 1"))
        else { return nil }
        // SQLite's varint: big-endian groups of 7 bits, the ninth byte whole.
        var value: UInt64 = 0
        for (i, byte) in block.prefix(9).enumerated() {
            if i == 8 { return Int(exactly: value << 8 | UInt64(byte)) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return Int(exactly: value) }
        }
        return nil
    }
}
