/// The rows of a tier checked in Swift read under a filter, with their scores, kept for the
/// next step of the same compiled query that reads that expression: a page of a word typed
/// without quotes under `unit:` counts its variant tier, ranks it, and ranks the related tier,
/// all three through the same wider expression, span by span under a narrow filter
/// (`依照本法规定应当 unit:河南省人民代表大会常务委员会` at 1 GB walked it three times), or through
/// the variant tier's NEAR groups, twice, under a filter keeping many passages.
///
/// ```swift
/// let walks = WiderWalks()
/// walks.keep(rows, of: loose)   // rowid order, each with its baogao_tf score
/// walks.rows(of: loose)         // the same rows, for the next tier
/// ```
///
/// One instance serves one compiled query within one read transaction.
final class WiderWalks {
    private var walks: [String: [(id: Int64, rank: Double)]] = [:]

    init() {}

    /// The allowed rows of `match` with their scores, when a step has read them.
    func rows(of match: String) -> [(id: Int64, rank: Double)]? { walks[match] }

    /// Keeps `rows`, every allowed row of `match`, in rowid order.
    func keep(_ rows: [(id: Int64, rank: Double)], of match: String) { walks[match] = rows }
}
