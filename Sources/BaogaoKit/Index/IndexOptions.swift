import Foundation

/// How `baogao index` runs: from scratch or not, how collections map their columns, and
/// who hears about progress.
///
/// ```swift
/// var options = IndexOptions(rebuild: false)
/// options.columns = try ColumnMapping(["text=full_text", "unit=province"])
/// options.progress = { p in print(p.filesDone, "/", p.filesTotal) }
/// ```
public struct IndexOptions: Sendable {
    /// Build the index from scratch.
    public var rebuild: Bool
    /// The columns of .csv/.jsonl collections; `nil` keeps the mapping the index was built with.
    public var columns: ColumnMapping?
    /// Called on the indexing thread after every file read, and once at the end
    /// (``IndexProgress/isFinished``). It must return quickly; the library never prints.
    public var progress: (@Sendable (IndexProgress) -> Void)?
    /// How many files are parsed at once (default: one per core). With two or more, a build
    /// writes its FTS5 index on a thread of its own (``FTSBuildThread``) too.
    public var workers: Int
    /// How long to wait for another process writing the same index before giving up (seconds).
    public var waitForWriter: TimeInterval = WriterLock.defaultWait
    /// Whether scanned PDF pages and images are read with OCR (``OCRMode``).
    public var ocr: OCRMode = .auto
    /// At most this many pages of one file are read with OCR.
    public var ocrPageLimit: Int = OCRReading.defaultPageLimit
    /// Only these paths under the folder (relative to it, or absolute inside it; files or
    /// subfolders) are compared with the index: new and changed files there are read, files
    /// gone from there leave it, and the rest of the index is left as it is, unscanned. Nil:
    /// the whole folder. Needs an index of the folder, and metadata.csv, units.csv and the
    /// column mapping as the last run left them (their changes concern every report).
    public var only: [String]?
    /// The bytes of files after which a run commits, when set (tests make it small to see many
    /// commits); nil: as ``IndexTuning/Merging/commitBytes`` says.
    var commitBytes: Int64?
    /// Pages per step of a final merge, when set (tests make it small to see many steps); nil:
    /// ``IndexTuning/mergeStepPages``.
    var mergeStepPages: Int?

    public init(rebuild: Bool = false, columns: ColumnMapping? = nil,
                progress: (@Sendable (IndexProgress) -> Void)? = nil,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.rebuild = rebuild
        self.columns = columns
        self.progress = progress
        self.workers = max(1, workers)
    }
}

/// Whether scans are read with OCR: `auto` (when Tesseract and its Chinese data are installed;
/// otherwise scans are skipped naming the packages to install) or `never`.
public enum OCRMode: String, Sendable, CaseIterable {
    case auto
    case never
}
