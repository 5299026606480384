import Foundation
import GRDB
import GRDBSQLite

/// `baogao_keeps(passages_fts, :rows)`: whether a filter keeps the current row of an FTS5
/// walk, the filter handed to the statement through SQLite's pointer interface. As a condition
/// of the walk it drops the other rows inside SQLite: their columns are never computed (no
/// score, no length looked up in FTS5's `docsize` table) nor returned one by one.
///
/// A filter keeping many reports, or a `section:` filter, is read over every match of the
/// index: `人民法院 section:法律责任` at 1 GB returned and scored all 266,628 exact matches to keep
/// 16,589. Left NULL, `:rows` keeps every row.
///
/// ```swift
/// let statement = try db.cachedStatement(sql: """
///     SELECT rowid, baogao_tf(passages_fts) FROM passages_fts
///     WHERE passages_fts MATCH ? AND baogao_keeps(passages_fts, :rows)
///     """)
/// try statement.setArguments(["\"乡村\" + \"村振\" + \"振兴\""] + RowFilter.unset)
/// let filter = RowFilter { id in id % 2 == 0 }
/// let even = try filter.bound(to: statement) { try Row.fetchAll(statement) }
/// ```
///
/// Registered on every connection of an index (see ``IndexDatabase``).
final class RowFilter {
    static let name = "baogao_keeps"
    /// The condition to add to a walk of `passages_fts`.
    static let condition = "\(name)(passages_fts, \(parameter))"
    /// The parameter the condition names the filter by.
    static let parameter = ":rows"
    /// The filter's parameter left NULL, to add to the statement's other arguments.
    static let unset: StatementArguments = ["rows": nil]

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, keepsFunction, nil)
    }

    fileprivate let keeps: (Int64) -> Bool

    /// A filter keeping the rows whose rowid `keeps`, asked once per row in FTS5's order.
    init(_ keeps: @escaping (Int64) -> Bool) {
        self.keeps = keeps
    }

    /// `body`'s result, `self` bound to `statement`'s ``parameter`` (the other arguments set)
    /// while it runs and NULL again after: a statement stepped past this call keeps every row.
    func bound<T>(to statement: Statement, _ body: () throws -> T) throws -> T {
        let index = sqlite3_bind_parameter_index(statement.sqliteStatement, Self.parameter)
        guard index > 0 else { return try body() }
        sqlite3_bind_pointer(statement.sqliteStatement, index, Unmanaged.passUnretained(self).toOpaque(),
                             rowFilterType, nil)
        defer { sqlite3_bind_null(statement.sqliteStatement, index) }
        return try body()
    }
}

/// The pointer type SQLite checks a filter's pointer against: a C string for the process's life.
private nonisolated(unsafe) let rowFilterType: UnsafePointer<CChar> = UnsafePointer(strdup("baogao_row_filter")!)

private nonisolated(unsafe) let keepsFunction: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let fts else { return }
    guard count == 1, let pointer = sqlite3_value_pointer(values![0], rowFilterType) else {
        return sqlite3_result_int(context, 1)
    }
    let filter = Unmanaged<RowFilter>.fromOpaque(pointer).takeUnretainedValue()
    sqlite3_result_int(context, filter.keeps(api.xRowid(fts)) ? 1 : 0)
}
