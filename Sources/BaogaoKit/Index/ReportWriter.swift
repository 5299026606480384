import GRDB

/// Inserts and deletes one report's rows. Callers wrap each call in a transaction.
enum ReportWriter {
    static func insert(_ report: ParsedReport, _ db: Database) throws {
        try ReportRanges.invalidate(db)
        let meta = report.metadata
        try db.cachedStatement(sql: """
            INSERT INTO reports(path, size, mtime, hash, encoding, note, unit, year, title,
                                unit_source, year_source, title_source, passage_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                report.file.relativePath, report.file.size, report.file.modified, report.hash,
                report.encoding.rawValue, report.note, meta.unit, meta.year, meta.title,
                meta.unitSource?.rawValue, meta.yearSource?.rawValue, meta.titleSource?.rawValue,
                report.structure.passages.count,
            ])
        let reportID = db.lastInsertedRowID

        let insertSection = try db.cachedStatement(sql: """
            INSERT INTO sections(report_id, parent_id, rank, heading, line) VALUES (?, ?, ?, ?, ?)
            """)
        var sectionIDs: [Int64] = []
        sectionIDs.reserveCapacity(report.structure.sections.count)
        for section in report.structure.sections {
            let parent = section.parentIndex.map { sectionIDs[$0] }
            try insertSection.execute(arguments: [reportID, parent, section.rank, section.heading, section.line])
            sectionIDs.append(db.lastInsertedRowID)
        }

        let insertPassage = try db.cachedStatement(sql: """
            INSERT INTO passages(report_id, section_id, line, text) VALUES (?, ?, ?, ?)
            """)
        for passage in report.structure.passages {
            let section = passage.sectionIndex.map { sectionIDs[$0] }
            try insertPassage.execute(arguments: [reportID, section, passage.line, passage.text])
        }
    }

    static func delete(reportID: Int64, _ db: Database) throws {
        try ReportRanges.invalidate(db)
        try db.execute(sql: "DELETE FROM passages WHERE report_id = ?", arguments: [reportID])
        try db.execute(sql: "DELETE FROM sections WHERE report_id = ?", arguments: [reportID])
        try db.execute(sql: "DELETE FROM reports WHERE id = ?", arguments: [reportID])
    }
}
