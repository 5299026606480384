/// What one `baogao index` run did.
///
/// ```swift
/// let summary = try Indexer.index(folder: folder, into: indexURL)
/// print(summary.added, summary.updated, summary.removed, summary.unchanged, summary.skipped.count)
/// ```
public struct IndexSummary: Sendable, Hashable {
    /// Files read for the first time, changed files read again, files gone (or no longer
    /// readable), and files left as they were. A collection counts as one file.
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    /// Files not indexed, with reasons.
    public var skipped: [SkippedFile] = []
    /// Files indexed with a remark (bytes that could not be decoded, rows left out, problems
    /// in metadata.csv).
    public var remarks: [SkippedFile] = []
    /// Reports and passages in the index after the run.
    public var reports = 0
    public var passages = 0
    /// Files read in this run and their bytes.
    public var filesRead = 0
    public var bytesRead: Int64 = 0
    public var seconds = 0.0
    /// Pages read with OCR in this run, pages whose OCR text came from the cache, and the
    /// seconds OCR took (rendering included, added over the pages read in parallel).
    public var ocrPages = 0
    public var ocrCachedPages = 0
    public var ocrSeconds = 0.0
    /// Why the index was built from scratch, when it was.
    public var rebuiltBecause: String?
    /// Whether the run gave the index its index of section headings, filled from its sections
    /// (an index made before it, or sections added by a writer that knew nothing of it).
    public var filledHeadings = false
    /// Why every report was read again (metadata.csv or the column mapping changed), if so.
    public var rereadBecause: String?
    /// Reports whose metadata was derived again from the index (not read again), and why
    /// (the metadata rules or units.csv changed).
    public var rederived = 0
    public var rederivedBecause: String?
    /// Reports in the index without a unit, and without a year.
    public var withoutUnit = 0
    public var withoutYear = 0

    public init() {}

    /// Whether the run changed anything in the index.
    public var changedIndex: Bool { added + updated + removed > 0 || rebuiltBecause != nil }

    /// Throughput of the files read, in MB (10⁶ bytes) per second.
    public var megabytesPerSecond: Double {
        seconds > 0 ? Double(bytesRead) / 1e6 / seconds : 0
    }
}
