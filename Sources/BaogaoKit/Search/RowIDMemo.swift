/// The complete walks of one compiled query's FTS5 expressions, kept for its next step: a
/// search page's counts by unit and year read the rowids its hits were found among instead of
/// walking FTS5's doclists a second time (人民政府 at 1 GB: 663,127 matches).
///
/// ```swift
/// var compiled = try QueryCompiler.compile(query, db)
/// compiled.memo = RowIDMemo()
/// // a step that reads every rowid of `match` keeps them; the next one reads them back
/// ```
///
/// Only walks that read every rowid are kept, in FTS5's order (ascending), filters applied:
/// the same ids ``CompiledQuery/forEachAllowedRowID(match:_:ranges:_:)`` gives. One memo
/// serves one compiled query within one read transaction.
final class RowIDMemo {
    private var walks: [String: RowIDs] = [:]

    init() {}

    /// Every allowed rowid of `match`, when a step has read them all.
    func ids(of match: String) -> RowIDs? { walks[match] }

    /// Keeps `ids`, every allowed rowid of `match` in ascending order.
    func keep(_ ids: RowIDs, of match: String) { walks[match] = ids }
}
