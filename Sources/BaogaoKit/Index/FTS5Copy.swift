import Foundation
import GRDB
import GRDBSQLite

/// Makes one database's FTS5 index of the passages what another's is, copying only what
/// differs: the segments the target lacks, the lengths of the passages added since, and the
/// records that say what the index holds. Both hold `passages_fts` as ``IndexSchema`` makes it.
///
/// A build writes its FTS5 index into a file of its own on a thread of its own
/// (``FTSBuildThread``) and copies it into the index at each commit, in the transaction that
/// holds the passages: FTS5's own insert, most of a build's writing, then runs beside the
/// writer's other work instead of after it. The copy reads the source's rows and writes them
/// as SQLite holds them, which is what FTS5 itself reads and writes (its shadow tables):
///
/// - `passages_fts_data`: a segment's rows are those of ids from its id << 37 (its leaves and
///   doclist indexes, ``FTS5Structure/Segment/rowIDs``), beside row 1 (the totals, bm25's
///   averages) and row 10 (the structure: which segments there are, level by level).
/// - `passages_fts_idx`: each segment's terms and the leaves they start on.
/// - `passages_fts_docsize`: each passage's length in tokens.
/// - `passages_fts_config`: the merge settings and FTS5's version.
///
/// A segment both hold is kept when its id, pages and last leaf are the same; every other
/// segment of the target is deleted and every other of the source copied. The source only
/// ever gains passages (a build deletes none), so its lengths past the target's last are
/// the new ones. FTS5 on the target's connection keeps the structure it read last, and reads
/// it again only once another connection has committed a change: that connection must not use
/// its `passages_fts` until then (other connections see the copy as any change committed;
/// ``FTSBuildThread`` merges the copied index through a connection of its own).
///
/// ```swift
/// try FTS5Copy.update(index, from: scratch)   // inside the index's transaction
/// ```
enum FTS5Copy {
    /// What one update wrote.
    struct Copied: Equatable {
        /// Segments copied from the source, and deleted from the target.
        var segmentsCopied = 0
        var segmentsDeleted = 0
        /// Rows of `passages_fts_data` copied (leaves, doclist indexes and the two records).
        var dataRows = 0
        /// Passages' lengths copied.
        var lengths = 0
    }

    /// Makes the FTS5 index of `target` that of `source`; see the type.
    @discardableResult
    static func update(_ target: Database, from source: Database) throws -> Copied {
        guard let theirs = FTS5Structure.read(source) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the FTS5 index to copy has no structure record")
        }
        let mine = FTS5Structure.read(target)?.segments ?? []
        let theirSegments = Set(theirs.segments)
        var kept: Set<FTS5Structure.Segment> = []
        for segment in mine where theirSegments.contains(segment) {
            if try lastLeaf(of: segment, target) == lastLeaf(of: segment, source) { kept.insert(segment) }
        }
        var copied = Copied()
        for segment in mine where !kept.contains(segment) {
            try target.execute(sql: "DELETE FROM passages_fts_data WHERE id >= ? AND id < ?",
                               arguments: [segment.rowIDs.lowerBound, segment.rowIDs.upperBound])
            try target.execute(sql: "DELETE FROM passages_fts_idx WHERE segid = ?", arguments: [segment.id])
            copied.segmentsDeleted += 1
        }
        for segment in theirs.segments where !kept.contains(segment) {
            copied.dataRows += try copyRows(
                "SELECT id, block FROM passages_fts_data WHERE id >= ? AND id < ?",
                [segment.rowIDs.lowerBound, segment.rowIDs.upperBound], from: source,
                "INSERT INTO passages_fts_data(id, block) VALUES (?, ?)", into: target)
            try copyRows("SELECT segid, term, pgno FROM passages_fts_idx WHERE segid = ?", [segment.id], from: source,
                         "INSERT INTO passages_fts_idx(segid, term, pgno) VALUES (?, ?, ?)", into: target)
            copied.segmentsCopied += 1
        }
        copied.dataRows += try copyRows(
            "SELECT id, block FROM passages_fts_data WHERE id IN (1, 10)", [], from: source,
            "INSERT OR REPLACE INTO passages_fts_data(id, block) VALUES (?, ?)", into: target)
        let last = try Int64.fetchOne(target, sql: "SELECT max(id) FROM passages_fts_docsize") ?? Int64.min
        copied.lengths = try copyRows("SELECT id, sz FROM passages_fts_docsize WHERE id > ?", [last], from: source,
                                      "INSERT INTO passages_fts_docsize(id, sz) VALUES (?, ?)", into: target)
        try target.execute(sql: "DELETE FROM passages_fts_config")
        try copyRows("SELECT k, v FROM passages_fts_config", [], from: source,
                     "INSERT INTO passages_fts_config(k, v) VALUES (?, ?)", into: target)
        return copied
    }

    /// The bytes of a segment's last leaf; nil when it has none.
    private static func lastLeaf(of segment: FTS5Structure.Segment, _ db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT block FROM passages_fts_data WHERE id = ?",
                          arguments: [segment.lastLeafRowID]).map { [UInt8]($0) }
    }

    /// Runs `select` on `source` and `insert` on `target` once per row, its parameters the row's
    /// columns in order, each value bound as SQLite holds it (no copy into Swift values).
    /// Returns the rows copied.
    @discardableResult
    private static func copyRows(_ select: String, _ arguments: StatementArguments, from source: Database,
                                 _ insert: String, into target: Database) throws -> Int {
        let reading = try source.cachedStatement(sql: select)
        try reading.setArguments(arguments)
        let writing = try target.cachedStatement(sql: insert)
        let (from, to) = (reading.sqliteStatement, writing.sqliteStatement)
        defer {
            sqlite3_reset(from)
            sqlite3_reset(to)
            sqlite3_clear_bindings(to)
        }
        let columns = sqlite3_column_count(from)
        var rows = 0
        var code = sqlite3_step(from)
        while code == SQLITE_ROW {
            for column in 0..<columns {
                let bound = sqlite3_bind_value(to, column + 1, sqlite3_column_value(from, column))
                guard bound == SQLITE_OK else { throw DatabaseError.stepping(bound, target) }
            }
            let written = sqlite3_step(to)
            guard written == SQLITE_DONE else { throw DatabaseError.stepping(written, target) }
            sqlite3_reset(to)
            rows += 1
            code = sqlite3_step(from)
        }
        guard code == SQLITE_DONE else { throw DatabaseError.stepping(code, source) }
        return rows
    }
}
