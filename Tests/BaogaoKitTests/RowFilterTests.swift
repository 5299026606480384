import Foundation
import GRDB
import Testing
@testable import BaogaoKit

/// `baogao_keeps(passages_fts, :rows)`: a walk of FTS5 keeps the rows a ``RowFilter`` keeps,
/// and the rows it drops are never scored.
struct RowFilterTests {
    /// One report of twelve passages, each holding 乡村振兴 once.
    static let index: IndexDatabase = {
        let lines = (1...12).map { "第\($0)项：全面推进乡村振兴，完成年度目标。" }
        return try! ReportFilterTests.index(["县农业农村局_2024_工作总结.txt": lines.joined(separator: "\n")])
    }()

    static let phrase = TermPlan("乡村振兴")!.matchExpression

    static func walk(_ select: String, _ db: Database, filter: RowFilter?) throws -> [Row] {
        let statement = try db.cachedStatement(sql: select + " AND \(RowFilter.condition)")
        try statement.setArguments([phrase] + RowFilter.unset)
        guard let filter else { return try Row.fetchAll(statement) }
        return try filter.bound(to: statement) { try Row.fetchAll(statement) }
    }

    @Test func aWalkKeepsTheRowsTheFilterKeeps() throws {
        try Self.index.read { db in
            let select = "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?"
            let every: [Int64] = try Self.walk(select, db, filter: nil).map { $0[0] }
            #expect(every.count == 12)
            let even: [Int64] = try Self.walk(select, db, filter: RowFilter { $0 % 2 == 0 }).map { $0[0] }
            #expect(even == every.filter { $0 % 2 == 0 } && !even.isEmpty)
            #expect(try Self.walk(select, db, filter: RowFilter { _ in false }).isEmpty)
            // Once `bound(to:)` returns, the statement holds no filter: every row again.
            #expect(try Self.walk(select, db, filter: nil).count == 12)
        }
    }

    /// `baogao_tf(passages_fts, 1)` scores the first row it is called for and gives NULL to the
    /// rest: the first row kept has a score only if the rows dropped before it never reached it.
    @Test func droppedRowsAreNeverScored() throws {
        try Self.index.read { db in
            let select = "SELECT rowid, \(TermFrequencyRank.name)(passages_fts, 1) FROM passages_fts WHERE passages_fts MATCH ?"
            let every = try Self.walk(select, db, filter: nil)
            let firstKept: Int64 = every[5][0]
            let kept = try Self.walk(select, db, filter: RowFilter { $0 >= firstKept })
            #expect(kept.count == 7)
            #expect(kept.first.map { ($0[0] as Int64, $0[1] as Double?) }.map { $0.0 == firstKept && $0.1 != nil } == true)
            #expect(kept.dropFirst().allSatisfy { ($0[1] as Double?) == nil })
        }
    }
}
