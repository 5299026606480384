import GRDB
import GRDBSQLite

/// The state of an SQL aggregate written in Swift (``RowIDList``, ``ScoredRowList``): a
/// `State` in the memory SQLite keeps for the statement's group, zeroed when first allocated
/// (all zero must be an empty state), freed by SQLite after the final call.
///
/// ```swift
/// guard let state = aggregateState(context, allocate: true, as: RowIDList.Buffer.self) else {
///     return sqlite3_result_error_nomem(context)
/// }
/// ```
///
/// `allocate` false (in the final call) gives nil when no row reached the step.
func aggregateState<State>(_ context: OpaquePointer?, allocate: Bool, as _: State.Type) -> UnsafeMutablePointer<State>? {
    sqlite3_aggregate_context(context, allocate ? Int32(MemoryLayout<State>.stride) : 0)?
        .assumingMemoryBound(to: State.self)
}
