import Foundation
import GRDB

/// An FTS5 index of the section headings, so that a `section:` filter finds its headings
/// without reading every one (2.7 million at 10 GB, about 2 s for each filtered query): one
/// row per section, its rowid the section's id, holding the heading, the report and the
/// ``SectionSpans`` of the passages under it and its subsections.
///
/// ``ReportWriter`` adds a report's rows beside its sections; a trigger removes them with the
/// sections. An index made before the table is given it, filled from its sections, by the
/// next run that writes to it (``ensure(_:)``). A writer that knows nothing of the table adds
/// sections without rows: the table is then taken as incomplete (``isComplete(_:)``), read by
/// no query, and filled again by the next run that knows it.
///
/// ```swift
/// if try HeadingIndex.isComplete(db) {
///     // SELECT rowid, heading, report_id, spans FROM headings_fts WHERE headings_fts MATCH '"附则"'
/// }
/// ```
enum HeadingIndex {
    static let table = "headings_fts"

    /// Creates the table and its trigger.
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE \(table) USING fts5(
                heading,
                report_id UNINDEXED,
                spans UNINDEXED,
                tokenize = '\(BaogaoFTS5Tokenizer.name)'
            );
            CREATE TRIGGER IF NOT EXISTS sections_ad AFTER DELETE ON sections BEGIN
                DELETE FROM \(table) WHERE rowid = old.id;
            END;
            """)
    }

    /// Whether the table exists.
    static func exists(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?
            """), arguments: [table]) ?? false
    }

    /// Whether the table holds a row for every section: the last section has one. Sections
    /// take ids above every id in use, so a section added by a writer that adds no row would
    /// stand last until a writer that knows the table fills it again; rows go with their
    /// sections (the trigger), so a row never outlives its section.
    static func isComplete(_ db: Database) throws -> Bool {
        guard try exists(db) else { return false }
        let sections = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM sections"))
        let rows = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM \(table)_content"))
        return sections == rows
    }

    /// Makes the table complete: created and filled when missing, filled again when a writer
    /// that knows nothing of it added sections. Run in the writer's transaction, before its
    /// reports are written (their rows would otherwise hide the missing ones).
    /// Returns whether it filled the table.
    @discardableResult
    static func ensure(_ db: Database) throws -> Bool {
        guard try !isComplete(db) else { return false }
        if try exists(db) { try db.execute(sql: "DROP TABLE \(table)") }
        try create(db)
        try forEachReport(db) { report, rows in try insert(rows, report: report, db) }
        return true
    }

    /// A section's row as its report's sections and passages give it.
    struct Expected: Equatable {
        var section: Int64
        var heading: String
        var spans: [ClosedRange<Int64>]
    }

    /// Calls `body` with each report holding sections and the rows its sections and passages
    /// give (what ``ensure(_:)`` writes and `baogao check` compares), report by report.
    static func forEachReport(_ db: Database, _ body: (Int64, [Expected]) throws -> Void) throws {
        let reports = try Int64.fetchAll(db, sql: "SELECT DISTINCT report_id FROM sections ORDER BY report_id")
        let select = try db.makeStatement(sql: """
            SELECT s.id, s.parent_id, s.heading, p.id FROM sections s LEFT JOIN passages p ON p.section_id = s.id
            WHERE s.report_id = ? ORDER BY s.id, p.id
            """)
        for report in reports {
            var ids: [Int64] = []
            var parents: [Int64?] = []
            var headings: [String] = []
            var own: [[Int64]] = []
            let cursor = try Row.fetchCursor(select, arguments: [report])
            while let row = try cursor.next() {
                let id: Int64 = row[0]
                if ids.last != id {
                    ids.append(id)
                    parents.append(row[1])
                    headings.append(row[2])
                    own.append([])
                }
                if let passage: Int64 = row[3] { own[own.count - 1].append(passage) }
            }
            let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            try body(report, Self.rows(sections: ids, headings: headings, parents: parents.map { $0.flatMap { index[$0] } },
                                  own: own))
        }
    }

    /// What is wrong with a complete table (an incomplete one is read by no query): rows whose
    /// heading, report or passages are not their section's.
    static func problems(_ db: Database) throws -> [String] {
        guard try isComplete(db) else { return [] }
        var wrong = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sections s LEFT JOIN \(table)_content h ON h.id = s.id
            WHERE h.id IS NULL OR h.c0 IS NOT s.heading OR h.c1 IS NOT s.report_id
            """) ?? 0
        wrong += try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(table)_content WHERE id NOT IN (SELECT id FROM sections)
            """) ?? 0
        let stored = try db.makeStatement(sql: "SELECT c2 FROM \(table)_content WHERE id = ?")
        try forEachReport(db) { _, rows in
            for row in rows {
                let bytes = try Data.fetchOne(stored, arguments: [row.section]) ?? Data()
                if bytes != Data(SectionSpans.encoded(row.spans)) { wrong += 1 }
            }
        }
        return wrong == 0 ? [] : ["\(wrong) section heading(s) of the headings' index do not match their sections and passages"]
    }

    /// The rows of one report's sections: `parents` are indexes into the same lists, `own` the
    /// ids of the passages standing directly under each section.
    static func rows(sections: [Int64], headings: [String], parents: [Int?], own: [[Int64]]) -> [Expected] {
        zip(zip(sections, headings), SectionSpans.of(parents: parents, own: own)).map {
            Expected(section: $0.0, heading: $0.1, spans: $1)
        }
    }

    /// Adds the rows of one report's sections.
    static func insert(_ rows: [Expected], report: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO \(table)(rowid, heading, report_id, spans) VALUES (?, ?, ?, ?)
            """)
        for row in rows {
            try statement.execute(arguments: [row.section, row.heading, report, Data(SectionSpans.encoded(row.spans))])
        }
    }
}
