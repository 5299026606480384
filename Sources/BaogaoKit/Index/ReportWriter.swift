import GRDB

/// Inserts and deletes one file's rows: its `files` row and all its reports with their
/// sections and passages. Callers wrap each call in a transaction, so that a file is always
/// wholly in the index or wholly out of it, and keep what each call adds to the
/// ``SlotTotals`` and ``CharacterTotals`` (or takes away from them) for the end of their run.
///
/// ```swift
/// var changes = SlotTotals()
/// var characters = CharacterTotals()
/// try index.write { db in
///     if let old { try ReportWriter.deleteFile(id: old, changes: &changes, characters: &characters, db) }
///     try ReportWriter.insert(parsed, changes: &changes, characters: &characters, db)
/// }
/// ```
enum ReportWriter {
    /// Inserts a file and its reports; their passages' text goes to `fts` when a thread writes
    /// the FTS5 index (``FTSBuildThread``), else into `passages_fts` here.
    static func insert(_ parsed: ParsedFile, changes: inout SlotTotals, characters: inout CharacterTotals,
                       fts: FTSBuildThread? = nil, _ db: Database) throws {
        try ReportRanges.invalidate(db)
        try db.cachedStatement(sql: "INSERT INTO files(path, size, mtime, hash) VALUES (?, ?, ?, ?)")
            .execute(arguments: [parsed.file.relativePath, parsed.file.size, parsed.file.modified, parsed.hash])
        let fileID = db.lastInsertedRowID
        for report in parsed.reports {
            try insert(report, fileID: fileID, file: parsed, changes: &changes, fts: fts, db)
            characters.add(report.terms.count == report.structure.passages.count
                ? report.characters : CharacterCounts(passages: report.structure.passages.map(\.text)))
        }
    }

    private static func insert(_ report: ParsedReport, fileID: Int64, file: ParsedFile, changes: inout SlotTotals,
                               fts: FTSBuildThread?, _ db: Database) throws {
        let meta = report.metadata
        try db.cachedStatement(sql: """
            INSERT INTO reports(file_id, path, size, mtime, hash, encoding, note, unit, year, title,
                                unit_source, year_source, title_source, unit_name, passage_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                fileID, report.path, file.file.size, file.file.modified, file.hash,
                report.encoding, report.note, meta.unit, meta.year, meta.title,
                meta.unitSource?.rawValue, meta.yearSource?.rawValue, meta.titleSource?.rawValue,
                meta.unitName, report.structure.passages.count,
            ])
        let reportID = db.lastInsertedRowID

        let insertSection = try db.cachedStatement(sql: """
            INSERT INTO sections(report_id, parent_id, rank, heading, trail, line) VALUES (?, ?, ?, ?, ?, ?)
            """)
        var sectionIDs: [Int64] = []
        var trails: [String] = []
        sectionIDs.reserveCapacity(report.structure.sections.count)
        for section in report.structure.sections {
            let parent = section.parentIndex.map { sectionIDs[$0] }
            let trail = SectionTrail.appending(section.heading, to: section.parentIndex.map { trails[$0] })
            try insertSection.execute(arguments: [reportID, parent, section.rank, section.heading, trail, section.line])
            sectionIDs.append(db.lastInsertedRowID)
            trails.append(trail)
        }

        let insertPassage = try db.cachedStatement(sql: """
            INSERT INTO passages(report_id, section_id, line, page, dup, text) VALUES (?, ?, ?, ?, ?, ?)
            """)
        // Not a trigger: see IndexSchema.
        let insertText = fts != nil ? nil : try db.cachedStatement(sql: "INSERT INTO passages_fts(rowid, text) VALUES (?, ?)")
        var firstPassage: Int64?
        var contiguous = true
        var characters: [FrequentCharacters.Slots] = []
        var bigrams: [FrequentCharacters.Slots] = []
        var underSection = [[Int64]](repeating: [], count: sectionIDs.count)
        characters.reserveCapacity(report.structure.passages.count)
        bigrams.reserveCapacity(report.structure.passages.count)
        for (i, passage) in report.structure.passages.enumerated() {
            let section = passage.sectionIndex.map { sectionIDs[$0] }
            let terms = i < report.terms.count ? report.terms[i] : PassageTerms(passage.text)
            try insertPassage.execute(arguments: [reportID, section, passage.line, passage.page, terms.duplicate, passage.text])
            let id = db.lastInsertedRowID
            if let fts { try fts.add(id, passage.text) } else { try insertText?.execute(arguments: [id, passage.text]) }
            if let k = passage.sectionIndex { underSection[k].append(id) }
            if firstPassage == nil { firstPassage = id }
            if id != firstPassage! + Int64(i) { contiguous = false }
            characters.append(terms.characters)
            bigrams.append(terms.bigrams)
        }
        try ReportBigrams.insert(reportID: reportID, slots: bigrams, db)
        try HeadingIndex.insert(HeadingIndex.rows(sections: sectionIDs, headings: report.structure.sections.map(\.heading),
                                                  parents: report.structure.sections.map(\.parentIndex), own: underSection),
                                report: reportID, db)
        changes.add(characters: contiguous ? characters : [], bigrams: bigrams)
        if contiguous {
            try ReportCharacters.insert(reportID: reportID, firstPassage: firstPassage ?? 0, slots: characters, db)
            if let firstPassage {
                try db.cachedStatement(sql: "UPDATE reports SET first_passage = ? WHERE id = ?")
                    .execute(arguments: [firstPassage, reportID])
            }
        }
    }

    /// Deletes a file and everything of its reports.
    static func deleteFile(id fileID: Int64, changes: inout SlotTotals, characters: inout CharacterTotals,
                           _ db: Database) throws {
        try ReportRanges.invalidate(db)
        changes = changes - (try SlotTotals.ofFile(fileID, db))
        try CharacterTotals.takeAway(file: fileID, from: &characters, db)
        let reports = "SELECT id FROM reports WHERE file_id = ?"
        try db.execute(sql: "DELETE FROM report_chars WHERE report_id IN (\(reports))", arguments: [fileID])
        try db.execute(sql: "DELETE FROM report_bigrams WHERE report_id IN (\(reports))", arguments: [fileID])
        try db.execute(sql: "DELETE FROM passages WHERE report_id IN (\(reports))", arguments: [fileID])
        try db.execute(sql: "DELETE FROM sections WHERE report_id IN (\(reports))", arguments: [fileID])
        try db.execute(sql: "DELETE FROM reports WHERE file_id = ?", arguments: [fileID])
        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [fileID])
    }

    /// Records a touched file whose content did not change.
    static func touch(fileID: Int64, size: Int64, modified: Double, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE files SET size = ?, mtime = ? WHERE id = ?")
            .execute(arguments: [size, modified, fileID])
        try db.cachedStatement(sql: "UPDATE reports SET size = ?, mtime = ? WHERE file_id = ?")
            .execute(arguments: [size, modified, fileID])
    }
}
