import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `baogao_best` hands back every rowid a statement produces, in order, and the best `k` rows
/// by score (lowest first, ties by rowid), as sorting every scored row would give them.
@Suite(.serialized)
struct ScoredRowListTests {
    /// Rows of (rowid, score), NULL scores included.
    static let tables: [[(Int64, Double?)]] = {
        let few: [(Int64, Double?)] = [(1, -2), (2, -3), (3, nil), (4, -3), (5, 0), (6, -10), (7, nil), (8, -2.5)]
        // Many ties.
        let tied: [(Int64, Double?)] = (1...500).map { (n: Int) -> (Int64, Double?) in
            let score: Double = Double((n * 7_919) % 113) - 56
            return (Int64(n), score)
        }
        // Descending ids, every fifth unscored.
        let descending: [(Int64, Double?)] = (1...300).map { (n: Int) -> (Int64, Double?) in
            let score: Double? = n % 5 == 0 ? nil : -Double(n)
            return (Int64(1_000 - n), score)
        }
        return [[], [(7, 1.5)], few, tied, descending]
    }()

    @Test(arguments: 0..<tables.count, [0, 1, 3, 100, 1_000])
    func theAggregateKeepsEveryRowidAndTheBestRows(_ table: Int, _ k: Int) throws {
        let rows = Self.tables[table]
        let db = try DatabaseQueue()
        try db.write { db in
            ScoredRowList.register(db)
            try db.execute(sql: "CREATE TABLE t (seq INTEGER PRIMARY KEY, id INTEGER, score REAL)")
            for (id, score) in rows { try db.execute(sql: "INSERT INTO t (id, score) VALUES (?, ?)", arguments: [id, score]) }
            let found = try ScoredRowList.fetch(db.makeStatement(sql: """
                SELECT \(ScoredRowList.name)(id, score, ?) FROM (SELECT id, score FROM t ORDER BY seq)
                """), arguments: [k])
            var ids: [Int64] = []
            try found.ids.forEachID { ids.append($0); return true }
            #expect(ids == rows.map(\.0))
            let scored = rows.compactMap { row in row.1.map { (id: row.0, rank: $0) } }
            #expect(found.scored == scored.count)
            let best = Array(scored.sorted(by: ScoredRowList.isBetter).prefix(k))
            #expect(found.best.map(\.id) == best.map(\.id))
            #expect(found.best.map(\.rank) == best.map(\.rank))
        }
    }

    @Test func twoRangesJoinedAreTheBestOfBoth() {
        var first = ScoredRowList.Rows(best: [(1, -5), (3, -1)], scored: 3, ids: RowIDs([1, 2, 3]))
        let second = ScoredRowList.Rows(best: [(9, -5), (8, -4)], scored: 2, ids: RowIDs([8, 9]))
        first.join(second, keeping: 3)
        #expect(first.best.map(\.id) == [1, 9, 8])
        #expect(first.scored == 5)
        #expect(Array(first.ids) == [1, 2, 3, 8, 9])
    }

    @Test func aTruncatedBlobIsAnErrorNotACrash() {
        let bytes: [UInt8] = [5, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 2]
        #expect(throws: BaogaoError.self) { try bytes.withUnsafeBytes { try ScoredRowList.decode($0) } }
        #expect(throws: BaogaoError.self) { try [UInt8](repeating: 0, count: 4).withUnsafeBytes { try ScoredRowList.decode($0) } }
    }
}
