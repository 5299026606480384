import Foundation
import GRDB
import GRDBSQLite

/// Checks an index from the pages up: SQLite's integrity check, FTS5's integrity check
/// against the passages, the links between passages, sections, reports and files, the stored
/// versions, and which files changed on disk since they were indexed.
///
/// It takes the ``WriterLock`` (a running `baogao index` makes it give up with that process's
/// id) and runs every check in one transaction, which it rolls back: it writes nothing.
///
/// ```swift
/// let check = try IndexChecker.check(URL(filePath: "index/baogao.sqlite"))
/// check.isClean            // true
/// check.changes            // [Change(path: "a.txt", kind: .changed)]
/// ```
public enum IndexChecker {
    /// Checks the index at `url`. Throws only when it cannot check: no such file, not a
    /// Baogao index, or another process is writing it. With `hashes`, every file's content is
    /// compared, not only those whose size or time changed.
    public static func check(_ url: URL, hashes: Bool = false,
                             waitForWriter: TimeInterval = WriterLock.defaultWait) throws(BaogaoError) -> IndexCheck {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BaogaoError("no index at \(url.path)")
        }
        var lock: WriterLock?
        do {
            lock = try WriterLock.acquire(for: url, wait: waitForWriter)
        } catch {
            // A read-only folder cannot hold a lock file, but nobody can write there either.
            if let holder = WriterLock.holder(of: url) { throw WriterLock.busy(url, holder: holder) }
        }
        defer { lock?.release() }

        let index = try IndexDatabase.connect(url)
        var check = IndexCheck()
        let state = try index.state()
        switch state {
        case .foreign:
            throw BaogaoError("\(url.path) is not a Baogao index")
        case .empty:
            check.results.append(.init(name: "versions", problems: [], skipped: "the index is empty"))
            return check
        case .damaged:
            check.results.append(.init(name: "SQLite integrity",
                                       problems: ["the file is damaged: its tables cannot be read"]))
            return check
        case .current, .outdated:
            break
        }

        let stored: (root: String?, metadata: String, skipped: [SkippedFile])
        do {
            stored = try index.pool.writeWithoutTransaction { db in
                var outcome: (String?, String, [SkippedFile]) = (nil, "", [])
                let kind: Database.TransactionKind = isReadOnly(db) ? .deferred : .immediate
                try db.inTransaction(kind) {
                    check.schemaVersion = try IndexSchema.meta(db, "schema_version")
                    check.tokenizerVersion = try IndexSchema.meta(db, "tokenizer_version")
                    check.results.append(try integrity(db))
                    if case .outdated(let why) = state {
                        check.results.append(.init(name: "versions", problems: [
                            "built by another version of Baogao (\(why)): run `baogao index --rebuild`",
                        ]))
                        return .rollback
                    }
                    check.results.append(.init(name: "versions", problems: []))
                    check.results.append(try fullText(db))
                    check.results.append(try links(db))
                    check.files = try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
                    check.reports = try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0
                    check.passages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
                    outcome = (try IndexSchema.meta(db, "root"),
                               try IndexSchema.meta(db, "metadata_csv") ?? "",
                               IndexSchema.decodeSkipped(try IndexSchema.meta(db, "skipped")))
                    return .rollback
                }
                return outcome
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            check.results.append(.init(name: "SQLite integrity", problems: ["the file is damaged: reading it failed"]))
            return check
        } catch {
            throw IndexDatabase.describe(error, url: url)
        }

        if let root = stored.root {
            check.folder = root
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue {
                do {
                    check.changes = try changes(root: URL(fileURLWithPath: root), index: index,
                                                skipped: stored.skipped, metadataHash: stored.metadata, hashes: hashes)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                    check.results.append(.init(name: "SQLite integrity", problems: ["the file is damaged: reading it failed"]))
                } catch {
                    throw IndexDatabase.describe(error, url: url)
                }
            } else {
                check.folderMissing = true
            }
        }
        return check
    }

    /// Whether the connection cannot write (a read-only file or file system).
    private static func isReadOnly(_ db: Database) -> Bool {
        sqlite3_db_readonly(db.sqliteConnection, "main") == 1
    }

    /// SQLite's own check of every page and index.
    private static func integrity(_ db: Database) throws -> IndexCheck.Result {
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
        guard lines != ["ok"] else { return .init(name: "SQLite integrity", problems: []) }
        let shown = lines.prefix(3).map { "“\($0)”" }.joined(separator: "; ")
        return .init(name: "SQLite integrity", problems: [
            "the file is damaged: SQLite's integrity check found \(lines.count)\(lines.count >= 20 ? "+" : "") problem\(lines.count == 1 ? "" : "s") (\(shown))",
        ])
    }

    /// FTS5's check that the full-text indexes hold exactly the tokens of the passages and headings.
    private static func fullText(_ db: Database) throws -> IndexCheck.Result {
        let name = "full-text index"
        if isReadOnly(db) {
            return .init(name: name, problems: [], skipped: "the index is read-only and FTS5 checks only by writing")
        }
        do {
            try db.execute(sql: "INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return .init(name: name, problems: ["the full-text index does not match the passages (FTS5 integrity-check failed)"])
        }
        guard try HeadingIndex.exists(db) else { return .init(name: name, problems: []) }
        do {
            try db.execute(sql: "INSERT INTO \(HeadingIndex.table)(\(HeadingIndex.table)) VALUES('integrity-check')")
            return .init(name: name, problems: [])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return .init(name: name, problems: ["the headings' full-text index does not match its headings (FTS5 integrity-check failed)"])
        }
    }

    /// The links between files, reports, sections and passages.
    private static func links(_ db: Database) throws -> IndexCheck.Result {
        let checks: [(String, String)] = [
            ("passage(s) belong to no report",
             "SELECT count(*) FROM passages WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("section(s) belong to no report",
             "SELECT count(*) FROM sections WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("passage(s) point to a missing section",
             "SELECT count(*) FROM passages WHERE section_id IS NOT NULL AND section_id NOT IN (SELECT id FROM sections)"),
            ("passage(s) lie under a section of another report", """
             SELECT count(*) FROM passages p JOIN sections s ON s.id = p.section_id WHERE s.report_id != p.report_id
             """),
            ("section(s) have a parent missing, later or in another report", """
             SELECT count(*) FROM sections s LEFT JOIN sections parent ON parent.id = s.parent_id
             WHERE s.parent_id IS NOT NULL
               AND (parent.id IS NULL OR parent.report_id != s.report_id OR parent.id >= s.id)
             """),
            ("section(s) have a trail that is not their parent's and their heading", """
             SELECT count(*) FROM sections s LEFT JOIN sections parent ON parent.id = s.parent_id
             WHERE s.trail IS NOT (CASE WHEN s.parent_id IS NULL THEN '' ELSE parent.trail || char(10) END)
                                  || replace(s.heading, char(10), ' ')
             """),
            ("report(s) belong to no file",
             "SELECT count(*) FROM reports WHERE file_id NOT IN (SELECT id FROM files)"),
            ("report(s) have a passage count that differs from their passages", """
             SELECT count(*) FROM reports r
             WHERE passage_count != (SELECT count(*) FROM passages WHERE report_id = r.id)
             """),
            ("report(s) have character bitmaps that do not cover their passages", """
             SELECT count(*) FROM report_chars c LEFT JOIN reports r ON r.id = c.report_id
             WHERE r.id IS NULL OR c.passages != r.passage_count
                OR length(c.bits) != \(FrequentCharacters.count) * ((c.passages + 7) / 8)
                OR (c.passages > 0 AND (c.first_passage != (SELECT min(id) FROM passages WHERE report_id = r.id)
                                        OR c.first_passage + c.passages - 1 != (SELECT max(id) FROM passages WHERE report_id = r.id)))
             """),
            ("report(s) have bigram counts that do not fit their passages", """
             SELECT count(*) FROM reports r LEFT JOIN report_bigrams b ON b.report_id = r.id
             WHERE b.report_id IS NULL OR b.width NOT IN (2, 4)
                OR length(b.counts) != b.width * \(FrequentBigrams.count)
             """),
            ("report(s) have a first passage that is not theirs", """
             SELECT count(*) FROM reports r
             WHERE r.first_passage IS NOT NULL AND r.passage_count > 0
               AND r.first_passage != (SELECT min(id) FROM passages WHERE report_id = r.id)
             """),
        ]
        var problems: [String] = []
        for (what, sql) in checks {
            let count = try Int.fetchOne(db, sql: sql) ?? 0
            if count > 0 { problems.append("\(count) \(what)") }
        }
        if let stored = try ReportRanges.load(db)?.totals, stored != (try SlotTotals.counted(db)) {
            problems.append("the stored totals of the frequent characters and words differ from the reports' counts")
        }
        if let stored = try CharacterTotals.load(db), stored != (try CharacterTotals.counted(db)) {
            problems.append("the stored totals of every character differ from the passages' text")
        }
        problems += try HeadingIndex.problems(db)
        return .init(name: "passages, sections and reports", problems: problems)
    }

    /// Files new, changed or deleted on disk since indexing, and a changed metadata.csv.
    /// A file whose size and time changed (with `hashes`, every file) is read to compare its
    /// content hash. The folder and the index's files are walked side by side, as `baogao index`
    /// walks them (``FolderChanges``), so that both see the same changes.
    private static func changes(root: URL, index: IndexDatabase, skipped: [SkippedFile],
                                metadataHash: String, hashes: Bool) throws -> [IndexCheck.Change] {
        let indexPath = index.url.standardizedFileURL.path
        let scan = FolderScanner.scan(root, excluding: Set(["", "-wal", "-shm", "-lock"].map { indexPath + $0 }))
        let skippedPaths = Set(skipped.map(\.path))
        var changes: [IndexCheck.Change] = []
        try index.pool.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, path, size, mtime FROM files ORDER BY path")
            let compared = try FolderChanges(found: scan.files, force: { _ in hashes }) {
                try rows.next().map { ($0[1], Indexer.KnownFile(id: $0[0], size: $0[2], modified: $0[3])) }
            }
            let storedHash = try db.cachedStatement(sql: "SELECT hash FROM files WHERE id = ?")
            for (i, file) in compared.toRead.enumerated() {
                guard let known = compared.known[i] else {
                    if !skippedPaths.contains(file.relativePath) { changes.append(.init(path: file.relativePath, kind: .new)) }
                    continue
                }
                let hash = (try? ReportReader.load(file)).map { ContentHash.hex(of: $0) }
                if hash != (try String.fetchOne(storedHash, arguments: [known.id])) {
                    changes.append(.init(path: file.relativePath, kind: .changed))
                }
            }
            changes += compared.gone.map { .init(path: $0.path, kind: .deleted) }
        }
        let metadata = (try? MetadataFile.load(from: root)).map { $0?.hash ?? "" } ?? "unreadable"
        if metadata != metadataHash {
            changes.append(.init(path: MetadataFile.name, kind: metadataHash.isEmpty ? .new : metadata.isEmpty ? .deleted : .changed))
        }
        return changes.sorted { $0.path < $1.path }
    }
}
