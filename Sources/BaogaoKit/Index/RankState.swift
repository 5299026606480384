import GRDB
import GRDBSQLite

/// What an FTS5 ranking function keeps for one statement (SQLite's auxdata): made at the first
/// row from the index's row count and token total, released with the statement.
///
/// ```swift
/// guard let state = RankState.of(api, fts, context, make: { rows, tokens in MyState(rows, tokens) })
/// else { return }   // the error is set
/// ```
enum RankState {
    /// The statement's object, made by `make(rows, tokens)` at the first call. Nil when SQLite
    /// failed (the result is then its error code) or `make` gave nil (having set the error).
    static func of<State: AnyObject>(_ api: Fts5ExtensionApi, _ fts: OpaquePointer, _ context: OpaquePointer?,
                                     make: (_ rows: Int64, _ tokens: Int64) -> State?) -> State? {
        if let stored = api.xGetAuxdata(fts, 0) {
            return Unmanaged<State>.fromOpaque(stored).takeUnretainedValue()
        }
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        var code = api.xRowCount(fts, &rows)
        if code == SQLITE_OK { code = api.xColumnTotalSize(fts, -1, &tokens) }
        guard code == SQLITE_OK else { sqlite3_result_error_code(context, code); return nil }
        guard let state = make(rows, tokens) else { return nil }
        code = api.xSetAuxdata(fts, Unmanaged.passRetained(state).toOpaque()) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
        guard code == SQLITE_OK else { sqlite3_result_error_code(context, code); return nil }
        return state
    }
}
