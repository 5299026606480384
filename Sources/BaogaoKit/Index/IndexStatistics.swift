import Foundation
import GRDB

/// What an index holds and how big it is, for a server's health check and metrics.
///
/// ```swift
/// let stats = try index.statistics()
/// stats.reports      // 812
/// stats.lastUpdate   // the newest change of the index file or its write-ahead log
/// ```
public struct IndexStatistics: Sendable, Equatable {
    public var reports: Int
    public var passages: Int
    /// The index file and its write-ahead log, in bytes.
    public var bytes: Int64
    /// When the index file or its write-ahead log last changed (a `baogao index` that wrote).
    public var lastUpdate: Date?
    /// The segments of the full-text index, each opened by every search: 1 after a build, a
    /// few more as updates add and merge them (`IndexTuning.tidy`); nil when unreadable.
    public var ftsSegments: Int?
}

extension IndexDatabase {
    /// Counts the reports, passages and full-text segments and measures the files.
    public func statistics() throws(BaogaoError) -> IndexStatistics {
        let (reports, passages, segments) = try read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0,
             try Int.fetchOne(db, sql: "SELECT coalesce(sum(passage_count), 0) FROM reports") ?? 0,
             FTS5Structure.read(db)?.segmentCount)
        }
        var bytes: Int64 = 0
        var lastUpdate: Date?
        for file in [url.path, url.path + "-wal"] {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { continue }
            bytes += (attributes[.size] as? NSNumber)?.int64Value ?? 0
            if let date = attributes[.modificationDate] as? Date, date > (lastUpdate ?? .distantPast) {
                lastUpdate = date
            }
        }
        return IndexStatistics(reports: reports, passages: passages, bytes: bytes, lastUpdate: lastUpdate,
                               ftsSegments: segments)
    }

    /// Throws why the index cannot answer: its file is gone, it holds another version or
    /// damage, or a search fails. A search for a word no report holds runs the whole path
    /// (parser, full-text table, reports) at almost no cost.
    public func checkHealth() throws(BaogaoError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BaogaoError("the index \(url.path) is gone")
        }
        switch try state() {
        case .current: break
        case .outdated(let why): throw BaogaoError("\(url.path) was built by another version of Baogao (\(why))")
        case .damaged: throw BaogaoError("\(url.path) is damaged")
        case .empty, .foreign: throw BaogaoError("\(url.path) is not a Baogao index")
        }
        let query: SearchQuery
        do { query = try SearchQuery(parsing: "healthcheckprobe") } catch { throw BaogaoError("the health query does not parse: \(error.message)") }
        _ = try Searcher(index: self).search(query, limit: 1)
    }
}
