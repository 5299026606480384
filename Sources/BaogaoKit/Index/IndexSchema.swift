import Foundation
import GRDB

/// The tables of an index file and the versions that say how it was built.
///
/// `files` holds one row per file read (path, size, mtime, content hash: what incremental
/// runs compare); `reports` one per report — a document, or a row of a collection
/// (`laws.csv#12`) — pointing to its file; `sections` and `passages` belong to a report.
/// The `meta` table holds the versions, the folder (`root`), the hash of its metadata.csv
/// (`metadata_csv`) and units.csv (`units_csv`), the version of the metadata rules that
/// derived each report's unit, year and title (`metadata_rules`), the column mapping of collections (`columns`) and the files the last
/// run skipped (`skipped`).
///
/// A report's `unit` is the one name of its unit (``UnitAliases``); `unit_name` the name as
/// found (file name, text, column), which `baogao units --names` lists under the unit.
///
/// A section's `trail` is its heading under those of its ancestors, outermost first, joined by
/// newlines (``SectionTrail``): what a hit shows and the ``Ranker`` reads, in one lookup.
///
/// A passage's `page` is the page of a PDF (or multi-page scan) it starts on; NULL elsewhere.
/// Its `dup` is ``DuplicateKey/stored`` (NULL for a passage too short to collapse): the
/// passages identical to a hit are one lookup in `passages_dup`.
///
/// A report's `first_passage` is the id of its first passage when its passages' ids are
/// contiguous (NULL otherwise): ``ReportRanges`` is built from it without reading `passages`.
///
/// `report_chars` holds which passages of a report hold each of the ``FrequentCharacters``
/// (``ReportCharacters``), `report_bigrams` how many hold each of the ``FrequentBigrams``
/// (``ReportBigrams``).
///
/// `sections_parent` and `passages_section` let SQLite check the foreign keys when a report's
/// sections are deleted without scanning every passage (a changed 300 KB file took seconds
/// to replace without them), and serve `section:` filters.
///
/// `passages_fts` indexes the text of `passages` (external content). ``ReportWriter`` inserts
/// each passage's text itself, right after its row: an `AFTER INSERT` trigger would make every
/// passage's `INSERT` a statement with a savepoint, and FTS5 writes its pending terms to disk
/// as a new segment at every savepoint: one segment per passage, merged again and again
/// (a 100 MB build took 30 s instead of 12). Deletes go through the trigger (FTS5 needs the
/// old text), one statement per file.
///
/// `headings_fts` indexes the section headings with the passages under each (``HeadingIndex``),
/// for `section:` filters; a trigger removes a section's row with it.
///
/// An index whose versions differ from these is never read: it is rebuilt from its folder.
enum IndexSchema {
    /// Bumped whenever the tables change, or the list of ``FrequentCharacters`` or ``FrequentBigrams`` (their slots are stored).
    /// What an older index can be given without reading its files again (the indexes on reports,
    /// `headings_fts`) is added by the next run that writes to it instead.
    static let schemaVersion = 8

    /// The tokenizer and folding versions, as stored in the index.
    static var tokenizerVersion: String { "bigram-\(BigramTokenizer.version).fold-\(ScalarFolding.version)" }

    /// The FTS5 table over the passages' text (its shadow tables `passages_fts_data`, `_idx`,
    /// `_docsize` and `_config`); a build's ``FTSBuildThread`` makes the same table in its file.
    static let passagesFTSTable = """
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text,
            content = 'passages',
            content_rowid = 'id',
            tokenize = '\(BaogaoFTS5Tokenizer.name)'
        )
        """

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );
            CREATE TABLE files (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                size INTEGER NOT NULL,
                mtime REAL NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE TABLE reports (
                id INTEGER PRIMARY KEY,
                file_id INTEGER NOT NULL REFERENCES files(id),
                path TEXT NOT NULL UNIQUE,
                size INTEGER NOT NULL,
                mtime REAL NOT NULL,
                hash TEXT NOT NULL,
                encoding TEXT NOT NULL,
                note TEXT,
                unit TEXT,
                year INTEGER,
                title TEXT,
                unit_source TEXT,
                year_source TEXT,
                title_source TEXT,
                unit_name TEXT,
                passage_count INTEGER NOT NULL,
                first_passage INTEGER
            );
            CREATE INDEX reports_file ON reports(file_id);
            """)
        try addReportIndexes(db)
        try db.execute(sql: """
            CREATE TABLE sections (
                id INTEGER PRIMARY KEY,
                report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                parent_id INTEGER REFERENCES sections(id),
                rank INTEGER NOT NULL,
                heading TEXT NOT NULL,
                trail TEXT NOT NULL,
                line INTEGER NOT NULL
            );
            CREATE INDEX sections_report ON sections(report_id, line);
            CREATE INDEX sections_parent ON sections(parent_id);
            CREATE TABLE passages (
                id INTEGER PRIMARY KEY,
                report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                section_id INTEGER REFERENCES sections(id),
                line INTEGER NOT NULL,
                page INTEGER,
                dup INTEGER,
                text TEXT NOT NULL
            );
            CREATE INDEX passages_report ON passages(report_id, line);
            CREATE INDEX passages_dup ON passages(dup) WHERE dup IS NOT NULL;
            CREATE TABLE report_chars (
                report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
                first_passage INTEGER NOT NULL,
                passages INTEGER NOT NULL,
                bits BLOB NOT NULL
            );
            CREATE TABLE report_bigrams (
                report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
                width INTEGER NOT NULL,
                counts BLOB NOT NULL
            );
            CREATE INDEX passages_section ON passages(section_id);
            \(passagesFTSTable);
            CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
                INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            """)
        try HeadingIndex.create(db)
        try IndexTuning.setMerging(.incremental, db)
        try setMeta(db, "schema_version", String(schemaVersion))
        try setMeta(db, "tokenizer_version", tokenizerVersion)
    }

    /// Indexes on `reports` that change no row, added to an index of the same schema version
    /// written before them when a run opens it:
    /// - `reports_year`, `reports_unit` serve `year:` and `unit:` filters: reading the reports
    ///   a filter allows scanned every report (14 ms at 1 GB, for each filtered search).
    /// - `reports_passages` holds what ``ReportRanges/store(_:totals:)`` and a run's summary
    ///   read of every report, so that an update reads it instead of every report's row (paths,
    ///   titles: 8 times the bytes at 10 GB).
    static func addReportIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX IF NOT EXISTS reports_year ON reports(year);
            CREATE INDEX IF NOT EXISTS reports_unit ON reports(unit);
            CREATE INDEX IF NOT EXISTS reports_passages ON reports(id, first_passage, passage_count);
            """)
    }

    /// Drops every trigger, view, virtual table and table, whatever version created them
    /// (the FTS table first: its shadow tables go with it). Run with foreign keys off, inside
    /// the caller's transaction.
    static func dropAll(_ db: Database) throws {
        for kind in ["trigger", "view"] {
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = ?", arguments: [kind]) {
                try db.execute(sql: "DROP \(kind.uppercased()) IF EXISTS \(name.quotedDatabaseIdentifier)")
            }
        }
        let virtual = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'
            """)
        for name in virtual { try db.execute(sql: "DROP TABLE IF EXISTS \(name.quotedDatabaseIdentifier)") }
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        for name in tables { try db.execute(sql: "DROP TABLE IF EXISTS \(name.quotedDatabaseIdentifier)") }
    }

    /// The value of `key` in `meta`; nil when the index has no such key or no `meta` table.
    /// (Asked of sqlite_master directly: GRDB's `tableExists` reads the whole schema first,
    /// a tenth of a `baogao search`.)
    static func meta(_ db: Database, _ key: String) throws -> String? {
        guard try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'
            """)) ?? false else { return nil }
        return try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [key])
    }

    /// The files the last run skipped, as meta's `skipped` holds them (JSON), so that
    /// `baogao check` does not take them for files never indexed.
    static func encodeSkipped(_ files: [SkippedFile]) -> String {
        let data = (try? JSONEncoder().encode(files)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeSkipped(_ text: String?) -> [SkippedFile] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([SkippedFile].self, from: Data(text.utf8))) ?? []
    }

    static func setMeta(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
    }
}
