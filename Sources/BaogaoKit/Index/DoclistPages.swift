import Foundation
import GRDB

/// About how many leaf pages of FTS5's index each token's doclist spans: how common the token
/// is, read from the b-tree over the leaves (`passages_fts_idx`) in a few lookups, without
/// reading a doclist.
///
/// FTS5 keeps a row of `passages_fts_idx` for every leaf page on which a term starts first:
/// the segment, that term (after the index's prefix byte, `0` for the main index) and the page
/// number (shifted left by one, the low bit saying whether the doclist has an index of its
/// own). A token's doclist runs from the page of the last row at or before it to the page of
/// the first row after it, in every segment. A token of a few passages spans one page; 规定
/// at 1 GB spans 914 of them. The figure only guides a plan: whatever it says, the answer is
/// the same.
///
/// ```swift
/// DoclistPages.spans(of: ["员按", "按照", "规定"], db)   // [2, 432, 914]
/// ```
enum DoclistPages {
    /// The pages spanned by each token's doclist, summed over the segments of at least
    /// `segmentPagesAtLeast` pages (a run of updates adds small ones, which hold little of any
    /// doclist), in order; nil when the index's b-tree cannot be read.
    static func spans(of tokens: [String], segmentPagesAtLeast: Int = RareTokens.Limits().segmentPagesAtLeast,
                      _ db: Database) -> [Int]? {
        guard !tokens.isEmpty else { return [] }
        guard let encoded = try? JSONEncoder().encode(tokens) else { return nil }
        let json = String(decoding: encoded, as: UTF8.self)
        guard let rows = try? Row.fetchAll(db.cachedStatement(sql: sql), arguments: [segmentPagesAtLeast, json, json]),
              rows.count == tokens.count else { return nil }
        return rows.map { max(0, $0[1] as Int? ?? 0) }
    }

    /// Each segment, found by stepping through the b-tree's first column, with its last page;
    /// for each segment of at least the pages asked and each token, the pages of the last row
    /// at or before the token and of the first row after it (past the segment's last row, one
    /// page on).
    private static let sql = """
        WITH RECURSIVE segments(id) AS (
            SELECT min(segid) FROM passages_fts_idx
            UNION ALL
            SELECT (SELECT min(segid) FROM passages_fts_idx WHERE segid > segments.id)
            FROM segments WHERE segments.id IS NOT NULL
        ), large(id) AS (
            SELECT id FROM segments WHERE id IS NOT NULL
            AND (SELECT pgno >> 1 FROM passages_fts_idx WHERE segid = segments.id ORDER BY term DESC LIMIT 1)
                >= ?
        ), bounds(i, before, after) AS (
            SELECT t.key,
                   (SELECT pgno >> 1 FROM passages_fts_idx
                    WHERE segid = s.id AND term <= CAST('0' || t.value AS BLOB) ORDER BY term DESC LIMIT 1),
                   (SELECT pgno >> 1 FROM passages_fts_idx
                    WHERE segid = s.id AND term > CAST('0' || t.value AS BLOB) ORDER BY term LIMIT 1)
            FROM large s, json_each(?) t
        )
        SELECT t.key, coalesce((SELECT sum(coalesce(after, coalesce(before, 0) + 1) - coalesce(before, 0))
                                FROM bounds b WHERE b.i = t.key), 0)
        FROM json_each(?) t ORDER BY t.key
        """
}
