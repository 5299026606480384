import GRDB

/// Derives reports' metadata again from what the index stores — passages, headings, the
/// collection's stated columns — when the metadata rules or units.csv changed, so that no
/// file is read or tokenized again. Runs inside the indexer's transaction.
///
/// ```swift
/// let changed = try MetadataRefresh.run(db, aliases: aliases, entries: entries, skipping: parsedFiles)
/// ```
enum MetadataRefresh {
    /// Derives the metadata of every report whose file is not in `skipping` (files parsed in
    /// this run already have it) and stores what changed, renewing the id of the stored
    /// ``ReportRanges`` when anything did; returns how many reports changed.
    static func run(_ db: Database, aliases: UnitAliases, entries: [String: MetadataFile.Entry],
                    skipping: Set<String>) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.path, f.path AS file_path, r.unit, r.unit_name, r.year, r.title,
                   r.unit_source, r.year_source, r.title_source
            FROM reports r JOIN files f ON f.id = r.file_id ORDER BY r.id
            """)
        let passages = try db.cachedStatement(sql: "SELECT line, text FROM passages WHERE report_id = ? ORDER BY id")
        let sections = try db.cachedStatement(sql: "SELECT rank, heading, line FROM sections WHERE report_id = ? ORDER BY id")
        let update = try db.cachedStatement(sql: """
            UPDATE reports SET unit = ?, unit_name = ?, year = ?, title = ?, unit_source = ?, year_source = ?,
                               title_source = ? WHERE id = ?
            """)
        var changed = 0
        for row in rows where !skipping.contains(row["file_path"]) {
            let id: Int64 = row["id"]
            let structure = DocumentStructure(
                sections: try Row.fetchAll(sections, arguments: [id]).compactMap { s in
                    HeadingKind(rank: s["rank"]).map { Section(heading: s["heading"], kind: $0, line: s["line"], parentIndex: nil) }
                },
                passages: try Row.fetchAll(passages, arguments: [id]).map { Passage(line: $0["line"], text: $0["text"], sectionIndex: nil) })
            let old = stored(row)
            let fresh = ReportReader.metadataOf(path: row["path"], filePath: row["file_path"], structure: structure,
                                                stated: stated(old), aliases: aliases, entry: entries[row["path"]])
            guard fresh != old else { continue }
            try update.execute(arguments: [fresh.unit, fresh.unitName, fresh.year, fresh.title, fresh.unitSource?.rawValue,
                                           fresh.yearSource?.rawValue, fresh.titleSource?.rawValue, id])
            changed += 1
        }
        // Processes keep every report's unit and year under the ranges' id (UnitsAndYears).
        if changed > 0 { try ReportRanges.renewID(db) }
        return changed
    }

    /// The metadata a report row holds.
    private static func stored(_ row: Row) -> ReportMetadata {
        ReportMetadata(unit: row["unit"], year: row["year"], title: row["title"],
                       unitSource: (row["unit_source"] as String?).flatMap(ReportMetadata.Source.init(rawValue:)),
                       yearSource: (row["year_source"] as String?).flatMap(ReportMetadata.Source.init(rawValue:)),
                       titleSource: (row["title_source"] as String?).flatMap(ReportMetadata.Source.init(rawValue:)),
                       unitName: row["unit_name"])
    }

    /// What a collection's columns stated: the fields taken from a column.
    private static func stated(_ meta: ReportMetadata) -> ReportMetadata {
        var stated = ReportMetadata()
        if meta.unitSource == .column { stated.unit = meta.unitName ?? meta.unit; stated.unitSource = .column }
        if meta.yearSource == .column { stated.year = meta.year; stated.yearSource = .column }
        if meta.titleSource == .column { stated.title = meta.title; stated.titleSource = .column }
        return stated
    }
}
