import Foundation

/// How far an indexing run is: reported to ``IndexOptions/progress`` after every file, then
/// after each step of a final merge (``merge``), and once at the end.
///
/// Totals count the files that must be read (new, changed or touched); unchanged files are
/// not read and not counted.
///
/// ```swift
/// options.progress = { p in
///     print("\(p.filesDone)/\(p.filesTotal)  \(p.megabytesPerSecond) MB/s  ETA \(p.remaining ?? 0) s")
/// }
/// ```
public struct IndexProgress: Sendable, Hashable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// Seconds since reading started.
    public var elapsed: TimeInterval
    /// The file just read (relative to the folder).
    public var currentFile: String?
    /// The last report of the run: everything is written.
    public var isFinished: Bool
    /// Pages read with OCR so far, and pages whose OCR text came from the cache.
    public var ocrPages = 0
    public var ocrCachedPages = 0
    /// The merge of the full-text index that ends a build (or an update of many files), once
    /// every file is read: minutes at 10 GB. Nil before it.
    public var merge: Merge?

    /// How far the final merge of the full-text index is.
    public struct Merge: Sendable, Hashable {
        /// FTS5 pages (4 KB) written so far, and about how many it writes in all: the pages of
        /// the segments it merges.
        public var pagesWritten: Int
        public var pagesTotal: Int
        /// Seconds since the merge started.
        public var elapsed: TimeInterval

        public init(pagesWritten: Int, pagesTotal: Int, elapsed: TimeInterval) {
            self.pagesWritten = pagesWritten
            self.pagesTotal = pagesTotal
            self.elapsed = elapsed
        }

        /// The share done, 0...1.
        public var fraction: Double {
            pagesTotal > 0 ? min(1, Double(pagesWritten) / Double(pagesTotal)) : 1
        }

        /// Seconds left at the pace so far, once there is enough to tell.
        public var remaining: TimeInterval? {
            guard pagesWritten > 0, elapsed > 0.2 else { return nil }
            return Double(max(0, pagesTotal - pagesWritten)) / (Double(pagesWritten) / elapsed)
        }
    }

    public init(filesDone: Int, filesTotal: Int, bytesDone: Int64, bytesTotal: Int64,
                elapsed: TimeInterval, currentFile: String?, isFinished: Bool = false) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.elapsed = elapsed
        self.currentFile = currentFile
        self.isFinished = isFinished
    }

    /// Throughput so far, in MB (10⁶ bytes) per second.
    public var megabytesPerSecond: Double {
        elapsed > 0 ? Double(bytesDone) / 1e6 / elapsed : 0
    }

    /// Seconds left at the throughput so far, once there is enough to tell.
    public var remaining: TimeInterval? {
        guard bytesDone > 0, elapsed > 0.2 else { return nil }
        return Double(bytesTotal - bytesDone) / (Double(bytesDone) / elapsed)
    }
}
