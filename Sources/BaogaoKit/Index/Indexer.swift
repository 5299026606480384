import Foundation
import GRDB

/// Brings an index up to date with a folder of reports.
///
/// Only new and changed files are read (size and modification time, then a content hash);
/// files gone from the folder are removed; a changed file is replaced inside one
/// transaction (several files may share one), so no report is ever half written,
/// duplicated or orphaned. A rebuild is one transaction from emptying to the last file:
/// until it commits, searches see the old index, and a killed run leaves it whole. One
/// process writes at a time (``WriterLock``). Files are read and
/// parsed on all cores (``ParsePipeline``) while one writer stores them in folder order (a
/// build's FTS5 index on a thread of its own, ``FTSBuildThread``); only a few files are in
/// memory at once. When metadata.csv or the column mapping of
/// collections changes, the reports concerned are read again; when the metadata rules or
/// units.csv change, every report's metadata is derived again from its stored passages
/// (``MetadataRefresh``) without reading its file.
///
/// ```swift
/// let summary = try Indexer.index(folder: URL(filePath: "corpus"),
///                                 into: URL(filePath: "index/baogao.sqlite"))
/// print(summary.reports, summary.passages)
/// ```
public enum Indexer {
    public static func index(folder: URL, into indexURL: URL, rebuild: Bool = false) throws(BaogaoError) -> IndexSummary {
        try index(folder: folder, into: indexURL, options: IndexOptions(rebuild: rebuild))
    }

    public static func index(folder: URL, into indexURL: URL, options: IndexOptions) throws(BaogaoError) -> IndexSummary {
        let started = Date()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BaogaoError("\(folder.path) is not a folder")
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        // One writer at a time; the lock goes when this returns or the process ends.
        let lock = try WriterLock.acquire(for: indexURL, wait: options.waitForWriter)
        defer { lock.release() }
        // What a killed build left of its FTS5 scratch file.
        FTSBuildThread.removeLeftovers(forIndex: indexURL)
        // A rebuild (`recreate`) empties and fills the index in one transaction: until it
        // commits, readers, a killed run and a full disk all leave the old index whole.
        let (index, rebuiltBecause, recreate, filledHeadings) = try IndexDatabase.openForWriting(at: indexURL, rebuild: options.rebuild)
        var summary = IndexSummary()
        summary.rebuiltBecause = rebuiltBecause
        summary.filledHeadings = filledHeadings
        let only = try options.only.map { paths throws(BaogaoError) -> [String] in
            guard !recreate else {
                throw BaogaoError("\(indexURL.path) must be built again"
                                  + (rebuiltBecause.map { " (\($0))" } ?? "") + ": run baogao index without --only")
            }
            return try paths.map { path throws(BaogaoError) in try relativePath(path, in: root) }
        }

        var stored = (metadata: "", columns: "", rules: "", units: "")
        if !recreate {
            if let previous = try index.root(), previous.path != root.path {
                throw BaogaoError("\(indexURL.path) holds the reports of \(previous.path), not \(root.path): "
                                  + "pass --rebuild to replace them, or choose another --index")
            }
            stored = try index.write { db in
                try IndexSchema.setMeta(db, "root", root.path)
                return (metadata: try IndexSchema.meta(db, "metadata_csv") ?? "",
                        columns: try IndexSchema.meta(db, "columns") ?? "",
                        rules: try IndexSchema.meta(db, "metadata_rules") ?? "",
                        units: try IndexSchema.meta(db, "units_csv") ?? "")
            }
        }

        let indexPath = indexURL.standardizedFileURL.path
        let ocrCachePath = OCRCache.url(forIndex: indexURL).standardizedFileURL.path
        let ftsPath = FTSBuildThread.url(forIndex: indexURL).standardizedFileURL.path
        let excluded: Set<String> = [indexPath, indexPath + "-wal", indexPath + "-shm", indexPath + "-lock",
                                     ocrCachePath, ocrCachePath + "-journal", ftsPath, ftsPath + "-journal"]
        var scan = only.map { FolderScanner.scan(root, only: $0, excluding: excluded) }
            ?? FolderScanner.scan(root, excluding: excluded)
        summary.skipped = scan.skipped
        // Only some paths: the files the index holds elsewhere, for metadata.csv's names and
        // the skipped files of the last run outside them.
        let inScope: (String) -> Bool = { path in
            only?.contains { path == $0 || path.hasPrefix($0 + "/") } ?? true
        }

        // metadata.csv: its entries, and whether it changed since the last run.
        let (metadata, metadataHash) = rootFile(MetadataFile.name, &summary) {
            () throws(BaogaoError) -> (content: [String: MetadataFile.Entry], hash: String, problems: [String])? in
            guard let file = try MetadataFile.load(from: root) else { return nil }
            var paths = scan.files.map(\.relativePath)
            if only != nil {
                paths += try index.read { db in try String.fetchAll(db, sql: "SELECT path FROM files") }.filter { !inScope($0) }
            }
            let resolved = file.resolve(against: paths)
            return (resolved.entries, file.hash, resolved.problems)
        }
        // units.csv: the names units go by.
        let (aliases, unitsHash) = rootFile(UnitsFile.name, &summary) {
            () throws(BaogaoError) -> (content: UnitAliases, hash: String, problems: [String])? in
            guard let file = try UnitsFile.load(from: root) else { return nil }
            return (file.aliases, file.hash, file.problems)
        }
        let rules = String(MetadataInference.rulesVersion)
        let columns = options.columns ?? ColumnMapping(canonical: stored.columns)
        let metadataChanged = metadataHash != stored.metadata
        let columnsChanged = columns.canonical != stored.columns
        if metadataChanged {
            summary.rereadBecause = change(of: MetadataFile.name, from: stored.metadata, to: metadataHash)
        } else if columnsChanged {
            summary.rereadBecause = "the column mapping changed"
        }

        // The files found beside what the index holds of them, walked side by side in the byte
        // order of their paths and without content hashes (those of the files to read are
        // looked up below): only the files to read and those gone are kept, not a map of the
        // index's files, half a million at 10 GB. With `only`, the index's files under its paths.
        let force: @Sendable (FoundFile) -> Bool = { file in
            metadataChanged || (columnsChanged && ReportFormats.isCollection((file.relativePath as NSString).pathExtension))
        }
        let forced = metadataChanged || columnsChanged ? force : nil
        let filesFound = scan.files.count
        var onlyHeld: Set<String> = []  // the paths of `only` under which the index holds files
        var compared = recreate ? FolderChanges(found: scan.files, force: forced) { nil } : try index.read { db in
            guard let only else {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, path, size, mtime FROM files ORDER BY path")
                return try FolderChanges(found: scan.files, force: forced) {
                    try rows.next().map { ($0[1], KnownFile(id: $0[0], size: $0[2], modified: $0[3])) }
                }
            }
            var held: [(path: String, file: KnownFile)] = []
            // The path, or those starting with path + "/": in byte order, after path + "/" and
            // before path + "0" ("0" follows "/"), a range of the paths' index (a comparison of
            // every path took 0.13 s at 10 GB).
            let statement = try db.cachedStatement(sql: """
                SELECT id, path, size, mtime FROM files WHERE path = ?1 OR (path > ?2 AND path < ?3)
                """)
            for path in only {
                let before = held.count
                let rows = try Row.fetchCursor(statement, arguments: [path, path + "/", path + "0"])
                while let row = try rows.next() { held.append((row[1], KnownFile(id: row[0], size: row[2], modified: row[3]))) }
                if held.count > before { onlyHeld.insert(path) }
            }
            // A path inside another one given lists its files twice.
            held.sort { FolderScanner.precedes($0.path, $1.path) }
            var unique: [(path: String, file: KnownFile)] = []
            for row in held where !(unique.last?.path.utf8.elementsEqual(row.path.utf8) ?? false) { unique.append(row) }
            var rows = unique.makeIterator()
            return FolderChanges(found: scan.files, force: forced) { rows.next() }
        }
        scan.files = FoundFiles(base: scan.files.base)
        summary.unchanged += compared.unchanged
        // How many files the folder holds, for how FTS5 merges: with `only`, those the index holds.
        let filesInFolder = only == nil ? filesFound
            : try index.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0 }

        // Reports already indexed under other metadata rules or another units.csv: derived again.
        // (Nothing to derive in an index without files.)
        let holdsFiles = !recreate && (only == nil ? compared.knownCount > 0 : filesInFolder > 0)
        let rederive = holdsFiles && (rules != stored.rules || unitsHash != stored.units)
        if only != nil, metadataChanged || columnsChanged || rederive {
            let what = metadataChanged ? change(of: MetadataFile.name, from: stored.metadata, to: metadataHash)
                : columnsChanged ? "the column mapping changed"
                : rules != stored.rules ? "the metadata rules changed" : change(of: UnitsFile.name, from: stored.units, to: unitsHash)
            throw BaogaoError("\(what) since the last run, which concerns every report: run baogao index without --only")
        }
        // A path named that is neither on disk nor in the index: most likely mistyped.
        for path in only ?? [] where !onlyHeld.contains(path) {
            var info = stat()
            if lstat(root.appendingPathComponent(path).path, &info) != 0 {
                summary.remarks.append(SkippedFile(path: path, reason: "no such file or folder, and the index holds nothing there"))
            }
        }
        // Only some paths: the last run's skipped files elsewhere stay on record.
        let skippedElsewhere = only == nil ? []
            : IndexSchema.decodeSkipped(try index.read { db in try IndexSchema.meta(db, "skipped") }).filter { !inScope($0.path) }
        if rederive {
            summary.rederivedBecause = rules != stored.rules
                ? "the metadata rules changed"
                : change(of: UnitsFile.name, from: stored.units, to: unitsHash)
        }

        // The totals of the frequent characters and bigrams the run starts from (none in a new
        // or rebuilt index), to which it adds its own changes.
        let startTotals: SlotTotals? = !holdsFiles
            ? SlotTotals() : try index.read { db in try ReportRanges.load(db)?.totals }
        var changes = SlotTotals()
        // The same for every character (``CharacterTotals``), stored beside them.
        let startCharacters: CharacterTotals? = !holdsFiles
            ? CharacterTotals() : try index.read { db in try CharacterTotals.load(db) }
        var characterChanges = CharacterTotals()

        // Taken out of `compared`: the files found are then freed unless all of them are read.
        var toRead = FoundFiles(base: compared.toRead.base)
        swap(&toRead, &compared.toRead)
        var knownOf: [Int: KnownFile] = [:]
        swap(&knownOf, &compared.known)
        if knownOf.contains(where: { !force(toRead[$0.key]) }) {
            // A file whose size or time changed may hold the same content: its hash says so.
            try index.read { db in
                let statement = try db.cachedStatement(sql: "SELECT hash FROM files WHERE id = ?")
                for (i, old) in knownOf where !force(toRead[i]) {
                    knownOf[i]!.hash = try String.fetchOne(statement, arguments: [old.id])
                }
            }
        }

        let gone = compared.gone
        compared.gone = []
        if !gone.isEmpty {
            try index.write { db in
                for old in gone { try ReportWriter.deleteFile(id: old.file.id, changes: &changes, characters: &characterChanges, db) }
            }
            summary.removed += gone.count
        }

        let merging = IndexTuning.Merging(writing: toRead.count, of: filesInFolder)
        // A build (of a new or emptied index, replacing no file) writes its FTS5 index on a
        // thread of its own, beside the writer, when there is a core for it (FTSBuildThread).
        var threaded = merging == .bulk && options.workers >= 2 && knownOf.isEmpty && !rederive
        if threaded, !recreate {
            threaded = try index.read { db in
                try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM passages_fts_docsize)") ?? true)
            }
        }
        let fts = threaded ? try FTSBuildThread(forIndex: indexURL) : nil
        defer { fts?.close() }
        var reading = ReadingOptions(columns: columns, pdftotext: PDFReader.findPdftotext(), aliases: aliases ?? UnitAliases())
        if toRead.contains(where: { OCRReading.mayNeedOCR($0.relativePath) }) {
            reading.ocr = OCRReading.start(options.ocr, forIndex: indexURL, pageLimit: options.ocrPageLimit)
        }
        let ocr = try? reading.ocr.get()
        let entries = metadata ?? [:]
        let readingOptions = reading
        // The jobs are made as they are taken: a list of them beside the files found took 52 MB
        // of a first run over 546,000 files.
        let files = toRead, held = knownOf
        let pipeline = ParsePipeline(inputs: Array(files.indices), workers: options.workers, window: options.workers * 2) { i in
            read(Job(file: files[i], known: held[i], force: force(files[i])), options: readingOptions, metadata: entries)
        }
        defer { pipeline.cancel() }

        let readingStarted = Date()
        var progress = IndexProgress(filesDone: 0, filesTotal: toRead.count, bytesDone: 0,
                                     bytesTotal: toRead.reduce(0) { $0 + $1.size },
                                     elapsed: 0, currentFile: nil)
        options.progress?(progress)
        var parsedFiles: Set<String> = []
        try index.writeWithoutTransaction { db in
            // Files are grouped into transactions of a few MB (or a second's work): FTS5 then
            // writes a few large segments instead of one per file. A file is always inside
            // one transaction, so it is never half in the index.
            var pendingBytes: Int64 = 0
            var lastCommit = Date()
            var lifted = merging != .bulk || fts != nil, sinceLiftCheck: Int64 = 0
            if recreate { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            defer { if recreate { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
            do {
                if recreate {
                    try db.beginTransaction(.immediate)
                    try IndexSchema.dropAll(db)
                    try IndexSchema.create(db)
                    try IndexSchema.setMeta(db, "root", root.path)
                }
                if !toRead.isEmpty {
                    if !db.isInsideTransaction {
                        try db.beginTransaction(.immediate)
                        pendingBytes = 0
                        lastCommit = Date()
                    }
                    if fts == nil { try IndexTuning.setMerging(merging, db) } else { try IndexTuning.setWriterCache(merging, db) }
                }
                while let outcome = pipeline.next() {
                    if !db.isInsideTransaction {
                        try db.beginTransaction(.immediate)
                        pendingBytes = 0
                        lastCommit = Date()
                    }
                    try write(outcome, summary: &summary, changes: &changes, characters: &characterChanges, fts: fts, db)
                    if rederive, case .parsed = outcome.result { parsedFiles.insert(outcome.job.file.relativePath) }
                    pendingBytes += outcome.job.file.size
                    if !lifted {
                        sinceLiftCheck += outcome.job.file.size
                        if sinceLiftCheck >= IndexTuning.liftCheckBytes {
                            sinceLiftCheck = 0
                            lifted = try IndexTuning.lift(db)
                        }
                    }
                    if !recreate, pendingBytes >= options.commitBytes ?? merging.commitBytes
                        || Date().timeIntervalSince(lastCommit) >= merging.commitInterval {
                        try fts?.copy(into: db)
                        try db.commit()
                    }
                    progress.filesDone += 1
                    progress.bytesDone += outcome.job.file.size
                    progress.currentFile = outcome.job.file.relativePath
                    progress.elapsed = Date().timeIntervalSince(readingStarted)
                    if let counts = ocr?.counts { (progress.ocrPages, progress.ocrCachedPages) = (counts.read, counts.cached) }
                    options.progress?(progress)
                }
                if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
                if rederive {
                    summary.rederived = try MetadataRefresh.run(db, aliases: aliases ?? UnitAliases(), entries: entries,
                                                                skipping: parsedFiles)
                }
                try IndexSchema.setMeta(db, "metadata_rules", rules)
                try IndexSchema.setMeta(db, "units_csv", unitsHash)
                try IndexSchema.setMeta(db, "metadata_csv", metadataHash)
                try IndexSchema.setMeta(db, "columns", columns.canonical)
                try IndexSchema.setMeta(db, "skipped", IndexSchema.encodeSkipped(
                    (summary.skipped + skippedElsewhere).sorted { $0.path < $1.path }))
                try fts?.copy(into: db)
                try db.commit()
            } catch {
                if db.isInsideTransaction { try? db.rollback() }
                throw error
            }
        }

        // Ranges stored by a version that kept no totals, or none of every character, are
        // stored again, with them.
        let rangesKnown = try index.read { db in
            try ReportRanges.load(db)?.totals != nil && CharacterTotals.isKnown(db)
        }
        if summary.changedIndex || !rangesKnown {
            try index.write { db in
                let stored = try CharacterTotals.load(db)
                try ReportRanges.store(db) { db in
                    // Added up when the run knows where it started, else counted (~0.1 s at 1 GB).
                    if summary.changedIndex, let startTotals { return startTotals + changes }
                    return try SlotTotals.counted(db)
                }
                // Likewise; counting reads every passage's text.
                if summary.changedIndex, let startCharacters {
                    try CharacterTotals.store(startCharacters + characterChanges, db)
                } else if let stored {
                    try CharacterTotals.store(stored, db)
                } else {
                    try CharacterTotals.store(try CharacterTotals.counted(db), db)
                }
            }
        }
        let stepPages = options.mergeStepPages ?? IndexTuning.mergeStepPages
        let reportMerge = { (merge: IndexProgress.Merge) in
            progress.merge = merge
            progress.elapsed = Date().timeIntervalSince(readingStarted)
            options.progress?(progress)
        }
        if let fts {
            try fts.finish(into: index, stepPages: stepPages, progress: reportMerge)
        } else {
            try IndexTuning.finishWriting(merging, changed: summary.changedIndex, index, stepPages: stepPages,
                                          progress: reportMerge)
        }
        summary.skipped.sort { $0.path < $1.path }
        (summary.reports, summary.passages, summary.withoutUnit, summary.withoutYear) = try index.read { db in
            // Not count(*) of passages: that reads an index of every passage (seconds at 1 GB).
            // Both from `reports_passages`, the other two from the indexes of units and years:
            // no report's row is read.
            let totals = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(sum(passage_count), 0) FROM reports")
            return (totals?[0] ?? 0, totals?[1] ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM reports WHERE unit IS NULL") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM reports WHERE year IS NULL") ?? 0)
        }
        if let counts = ocr?.counts {
            (summary.ocrPages, summary.ocrCachedPages, summary.ocrSeconds) = (counts.read, counts.cached, counts.seconds)
        }
        summary.seconds = Date().timeIntervalSince(started)
        progress.elapsed = Date().timeIntervalSince(readingStarted)
        progress.isFinished = true
        options.progress?(progress)
        return summary
    }

    /// `path` (relative to `root`, or absolute inside it) as a path relative to `root` with `/`
    /// separators; an error naming it when it lies outside.
    static func relativePath(_ path: String, in root: URL) throws(BaogaoError) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        var resolved = url.standardizedFileURL.path
        // The folder may be reached through a link: the path as the scan sees it.
        let rootPath = root.path
        if !resolved.hasPrefix(rootPath + "/"), resolved != rootPath {
            resolved = url.standardizedFileURL.resolvingSymlinksInPath().path
        }
        guard resolved.hasPrefix(rootPath + "/") else {
            throw BaogaoError(resolved == rootPath ? "--only \(path) is the whole folder: run baogao index without --only"
                              : "--only \(path) is not inside \(rootPath)")
        }
        return String(resolved.dropFirst(rootPath.count + 1))
    }

    /// A file at the folder's root that describes the reports (metadata.csv, units.csv): what it
    /// holds and its hash ("" when there is none, "unreadable" when it cannot be read, which
    /// the summary names); its problems become remarks.
    private static func rootFile<Content>(
        _ name: String, _ summary: inout IndexSummary,
        _ load: () throws(BaogaoError) -> (content: Content, hash: String, problems: [String])?
    ) -> (content: Content?, hash: String) {
        do {
            guard let loaded = try load() else { return (nil, "") }
            summary.remarks += loaded.problems.map { SkippedFile(path: name, reason: $0) }
            return (loaded.content, loaded.hash)
        } catch {
            summary.skipped.append(SkippedFile(path: name, reason: error.message))
            return (nil, "unreadable")
        }
    }

    /// "metadata.csv appeared", "… changed", "… was removed", given its hashes before and now.
    private static func change(of name: String, from old: String, to new: String) -> String {
        "\(name) \(new.isEmpty ? "was removed" : old.isEmpty ? "appeared" : "changed")"
    }

    /// Stores one file's outcome: replaced, touched, or removed when it can no longer be read.
    private static func write(_ outcome: (job: Job, result: Result), summary: inout IndexSummary,
                              changes: inout SlotTotals, characters characterChanges: inout CharacterTotals,
                              fts: FTSBuildThread?, _ db: Database) throws {
        let job = outcome.job
        switch outcome.result {
        case .failure(let reason):
            summary.skipped.append(SkippedFile(path: job.file.relativePath, reason: reason))
            if let old = job.known {
                try ReportWriter.deleteFile(id: old.id, changes: &changes, characters: &characterChanges, db)
                summary.removed += 1
            }
            return
        case .sameContent:
            try ReportWriter.touch(fileID: job.known!.id, size: job.file.size, modified: job.file.modified, db)
            summary.unchanged += 1
        case .parsed(let parsed):
            if let old = job.known { try ReportWriter.deleteFile(id: old.id, changes: &changes, characters: &characterChanges, db) }
            try ReportWriter.insert(parsed, changes: &changes, characters: &characterChanges, fts: fts, db)
            summary.remarks += parsed.notes.map { SkippedFile(path: job.file.relativePath, reason: $0) }
            if job.known == nil { summary.added += 1 } else { summary.updated += 1 }
        }
        summary.filesRead += 1
        summary.bytesRead += job.file.size
    }

    /// What the index holds about a file.
    struct KnownFile: Sendable {
        var id: Int64
        var size: Int64
        var modified: Double
        /// The content hash, looked up only for the files read again.
        var hash: String? = nil
    }

    /// A file to read, what the index holds about it, and whether it must be parsed again
    /// even when its content did not change.
    struct Job: Sendable {
        var file: FoundFile
        var known: KnownFile?
        var force: Bool
    }

    enum Result: Sendable {
        case parsed(ParsedFile)
        case sameContent
        case failure(String)
    }

    /// Reads and parses one file, on a worker thread.
    static func read(_ job: Job, options: ReadingOptions,
                     metadata: [String: MetadataFile.Entry]) -> (job: Job, result: Result) {
        do throws(BaogaoError) {
            let data = try ReportReader.load(job.file)
            let hash = ContentHash.hex(of: data)
            if !job.force, let known = job.known, known.hash == hash { return (job, .sameContent) }
            let parsed = try ReportReader.parse(data, hash: hash, file: job.file, options: options, metadata: metadata)
            return (job, .parsed(parsed))
        } catch {
            return (job, .failure(error.message))
        }
    }
}
