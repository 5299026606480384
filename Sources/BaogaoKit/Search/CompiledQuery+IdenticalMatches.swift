import GRDB

/// Finds every match identical to the shown hits when the ranking saw only some of the matches
/// (the best candidates of a widely matching query, or an even sample of them), so that a hit
/// names every place it stands for, not only those that were ranked.
///
/// Every passage stores its ``DuplicateKey`` as `passages.dup` (31 bits of its digest, indexed),
/// so the passages identical to a page's hits are one statement over that index, whatever the
/// query; then the keys are compared in full. A passage identical to a match is a match of the
/// same kind (the same terms, variants and exclusions), so only the query's filters are applied
/// again. (Narrowing the tier's FTS5 matches by a few of each hit's rarer characters took
/// 10–40 ms a page on 100 MB, most of it evaluating the phrases again.)
extension CompiledQuery {
    /// For each of `shown` (matches of one tier, none identical to another), the other matches
    /// of the tier identical to it, in no set order.
    func identicalMatches(to shown: [(match: Match, key: DuplicateKey)], _ db: Database) throws -> [[Match]] {
        var found = Array(repeating: [Match](), count: shown.count)
        guard let kind = shown.first?.match.kind else { return found }
        let stored = shown.map(\.key.stored)
        var sql = """
            SELECT p.id, p.report_id, p.section_id, p.line, p.text, p.dup FROM passages p
            JOIN reports r ON r.id = p.report_id WHERE p.dup IN (SELECT value FROM json_each(?))
            """
        for condition in conditions { sql += " AND (\(condition))" }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [Self.jsonArray(Set(stored))] + arguments)
        while let row = try rows.next() {
            let (id, dup): (Int64, Int64) = (row[0], row[5])
            let text: String = row[4]
            for (n, s) in shown.enumerated() where stored[n] == dup && s.match.passageID != id && s.key.isKey(of: text) {
                found[n].append(Match(passageID: id, reportID: row[1], sectionID: row[2], line: row[3],
                                      text: text, rank: 0, kind: kind))
                break
            }
        }
        return found
    }
}
