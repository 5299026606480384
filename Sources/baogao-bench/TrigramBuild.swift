import Foundation
import GRDB

/// The baseline: the same passages as a Baogao index, in an FTS5 table with SQLite's built-in
/// `trigram` tokenizer, laid out like Baogao's (a `passages` table and an external-content FTS5
/// table), written the same way (each passage's row, then its text into the FTS5 table: a
/// trigger would make FTS5 write a segment per passage), opened the same way (a GRDB
/// `DatabasePool`: WAL, synchronous NORMAL) and with the same transaction size as Baogao's
/// `Indexer` in a build: whole reports, a transaction committed once it holds 64 MB or has run
/// ten seconds.
enum TrigramBuild {
    /// As `IndexTuning.Merging.bulk`'s `commitBytes` and `commitInterval` (internal to BaogaoKit).
    static let commitBytes = 64 << 20
    static let commitSeconds = 10.0

    /// Pages per step of the merge at the end, as `IndexTuning.mergeStepPages`.
    static let mergeStepPages = 16_384
    /// Baogao's FTS5 settings for a build (`IndexTuning.Merging.bulk`, internal to BaogaoKit),
    /// followed by one merge at the end.
    static let tunedSettings: [(String, Int)] = [("automerge", 0), ("crisismerge", 256), ("hashsize", 16 << 20)]

    /// The passages of a Baogao index, grouped by report in id order.
    struct Passages {
        var reports: [[(id: Int64, line: Int, text: String)]]
    }

    static func load(from index: URL) throws -> Passages {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: index.path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            var reports: [[(id: Int64, line: Int, text: String)]] = []
            var current: Int64? = nil
            let rows = try Row.fetchCursor(db, sql: "SELECT id, report_id, line, text FROM passages ORDER BY report_id, id")
            while let row = try rows.next() {
                let report: Int64 = row["report_id"]
                if report != current {
                    reports.append([])
                    current = report
                }
                reports[reports.count - 1].append((row["id"], row["line"], row["text"]))
            }
            return Passages(reports: reports)
        }
    }

    /// Builds the trigram index at `url` (replacing any file there); returns the wall and CPU
    /// seconds (this process does nothing else meanwhile).
    /// `tuned` gives it Baogao's FTS5 settings for a build (no merging while writing, one
    /// merge at the end), to show what they do for any tokenizer.
    static func build(_ passages: Passages, at url: URL, tuned: Bool = false) throws -> (seconds: Double, cpuSeconds: Double) {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: url.path + suffix)
        }
        let start = Clock.now()
        let cpu = CPUTime.seconds()
        let pool = try DatabasePool(path: url.path)
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE passages (
                    id INTEGER PRIMARY KEY,
                    report_id INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE VIRTUAL TABLE passages_fts USING fts5(
                    text, content = 'passages', content_rowid = 'id', tokenize = 'trigram'
                );
                """)
            if tuned {
                for (name, value) in tunedSettings {
                    try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES (?, ?)", arguments: [name, value])
                }
            }
        }
        try pool.writeWithoutTransaction { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO passages(id, report_id, line, text) VALUES (?, ?, ?, ?)")
            let insertText = try db.cachedStatement(sql: "INSERT INTO passages_fts(rowid, text) VALUES (?, ?)")
            var pending = 0
            var opened = Clock.now()
            for (report, rows) in passages.reports.enumerated() {
                if !db.isInsideTransaction {
                    try db.beginTransaction(.immediate)
                    pending = 0
                    opened = Clock.now()
                }
                for row in rows {
                    try insert.execute(arguments: [row.id, report, row.line, row.text])
                    try insertText.execute(arguments: [row.id, row.text])
                    pending += row.text.utf8.count + 1
                }
                if pending >= commitBytes || Clock.milliseconds(since: opened) >= commitSeconds * 1000 {
                    try db.commit()
                }
            }
            if db.isInsideTransaction { try db.commit() }
        }
        if tuned {
            // As Baogao's end of a build: the optimize's work in committed steps.
            while try pool.write({ db -> Bool in
                let before = db.totalChangesCount
                try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', ?)", arguments: [-mergeStepPages])
                return db.totalChangesCount - before >= 2
            }) {}
        }
        try pool.close()
        return (Clock.milliseconds(since: start) / 1000, CPUTime.seconds() - cpu)
    }
}

/// The bytes an index file spends on its FTS5 index, from the `dbstat` virtual table.
enum IndexSizes {
    struct Sizes: Codable {
        /// Pages of the FTS5 shadow tables (`passages_fts_data`, `_idx`, `_docsize`, `_config`)
        /// and of Baogao's `report_chars` (which passages hold common characters), the
        /// structures a search reads besides the text.
        var ftsBytes: Int
        /// The whole database (every page), WAL included.
        var fileBytes: Int
        /// The text of every passage, in UTF-8.
        var textBytes: Int
        var pageSize: Int
    }

    static func measure(_ url: URL) throws -> Sizes {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: url.path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            let fts = try Int.fetchOne(db, sql: """
                SELECT coalesce(sum(pgsize), 0) FROM dbstat
                WHERE name IN ('passages_fts_data', 'passages_fts_idx', 'passages_fts_docsize',
                               'passages_fts_config', 'passages_fts_content', 'report_chars')
                """) ?? 0
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let text = try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM passages") ?? 0
            return Sizes(ftsBytes: fts, fileBytes: pages * pageSize, textBytes: text, pageSize: pageSize)
        }
    }
}
