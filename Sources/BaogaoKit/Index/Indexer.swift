import Foundation
import GRDB

/// Brings an index up to date with a folder of reports.
///
/// Only new and changed files are read (size and modification time, then a content hash);
/// files gone from the folder are removed; each changed file is replaced in one transaction.
/// Files are parsed on all cores, a batch at a time, and written by one writer.
///
/// ```swift
/// let summary = try Indexer.index(folder: URL(filePath: "corpus"),
///                                 into: URL(filePath: "index/baogao.sqlite"))
/// print(summary.reports, summary.passages)
/// ```
public enum Indexer {
    /// How many files are parsed at once before they are written.
    static let batchSize = 32

    public static func index(folder: URL, into indexURL: URL, rebuild: Bool = false) throws(BaogaoError) -> IndexSummary {
        let started = Date()
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BaogaoError("\(folder.path) is not a folder")
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let (index, rebuiltBecause) = try IndexDatabase.openForWriting(at: indexURL, rebuild: rebuild)
        var summary = IndexSummary()
        summary.rebuiltBecause = rebuiltBecause

        if let previous = try index.root(), previous.path != root.path {
            throw BaogaoError("\(indexURL.path) holds the reports of \(previous.path), not \(root.path): "
                              + "pass --rebuild to replace them, or choose another --index")
        }
        try index.write { db in try IndexSchema.setMeta(db, "root", root.path) }

        let indexPath = indexURL.standardizedFileURL.path
        let scan = FolderScanner.scan(root, excluding: [indexPath, indexPath + "-wal", indexPath + "-shm"])
        summary.skipped = scan.skipped

        let known = try index.read { db in
            try Row.fetchAll(db, sql: "SELECT id, path, size, mtime, hash FROM reports")
                .reduce(into: [String: KnownReport]()) { map, row in
                    map[row["path"]] = KnownReport(id: row["id"], size: row["size"], modified: row["mtime"], hash: row["hash"])
                }
        }

        var toRead: [FoundFile] = []
        for file in scan.files {
            if let old = known[file.relativePath], old.size == file.size, old.modified == file.modified {
                summary.unchanged += 1
            } else {
                toRead.append(file)
            }
        }

        let present = Set(scan.files.map(\.relativePath))
        let gone = known.filter { !present.contains($0.key) }
        for (_, old) in gone {
            try index.write { db in try ReportWriter.delete(reportID: old.id, db) }
            summary.removed += 1
        }

        var start = 0
        while start < toRead.count {
            let batch = Array(toRead[start..<min(start + batchSize, toRead.count)])
            start += batch.count
            for outcome in parse(batch) {
                switch outcome {
                case .failure(let path, let reason):
                    summary.skipped.append(SkippedFile(path: path, reason: reason))
                    if let old = known[path] {
                        try index.write { db in try ReportWriter.delete(reportID: old.id, db) }
                        summary.removed += 1
                    }
                case .success(let report):
                    let old = known[report.file.relativePath]
                    if let old, old.hash == report.hash {
                        try index.write { db in
                            try db.execute(sql: "UPDATE reports SET size = ?, mtime = ? WHERE id = ?",
                                           arguments: [report.file.size, report.file.modified, old.id])
                        }
                        summary.unchanged += 1
                        continue
                    }
                    try index.write { db in
                        if let old { try ReportWriter.delete(reportID: old.id, db) }
                        try ReportWriter.insert(report, db)
                    }
                    if let note = report.note {
                        summary.remarks.append(SkippedFile(path: report.file.relativePath, reason: note))
                    }
                    if old == nil { summary.added += 1 } else { summary.updated += 1 }
                }
            }
        }
        summary.skipped.sort { $0.path < $1.path }

        let rangesKnown = try index.read { db in try ReportRanges.load(db) != nil }
        if summary.changedIndex || !rangesKnown {
            let written = summary.added + summary.updated
            try index.write { db in
                try ReportRanges.store(db)
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0
                try IndexTuning.finishWriting(written: written, total: total, db)
            }
        }
        (summary.reports, summary.passages) = try index.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private struct KnownReport {
        var id: Int64
        var size: Int64
        var modified: Double
        var hash: String
    }

    private enum Outcome: Sendable {
        case success(ParsedReport)
        case failure(path: String, reason: String)
    }

    /// Reads and parses a batch of files on all cores, keeping their order.
    private static func parse(_ batch: [FoundFile]) -> [Outcome] {
        let results = ResultSlots<Outcome>(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
            let outcome: Outcome
            do throws(BaogaoError) {
                outcome = .success(try ReportReader.read(batch[i]))
            } catch {
                outcome = .failure(path: batch[i].relativePath, reason: error.message)
            }
            results.set(i, outcome)
        }
        return results.values
    }
}

/// Slots that concurrent workers fill, one each.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [T] { slots.compactMap { $0 } }
}
