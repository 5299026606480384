import BaogaoBenchKit

/// Everything one benchmark run measured: printed as a table or encoded as JSON.
struct BenchReport: Codable {
    var machine: MachineInfo
    var corpus: CorpusInfo
    var build: BuildComparison
    var queries: [GroupLatency]
    /// `units` for the commonest words and sampled phrases.
    var units: UnitsLatency?
    /// `baogao index` after one file is added, changed and deleted.
    var update: UpdateLatency?
    var cli: [CLIComparison]
    var memory: [MemoryPoint]
    var targets: [TargetCheck]
    /// What was skipped or absent, and why.
    var notes: [String]
}

/// The folder measured.
struct CorpusInfo: Codable {
    /// The folder as given (or where the generated corpus was written).
    var folder: String
    /// "folder", or how the corpus was generated.
    var origin: String
    var files: Int
    var reports: Int
    var passages: Int
    /// UTF-8 bytes of the passages' text.
    var textBytes: Int
    /// Bytes of the files as read.
    var fileBytes: Int
    var skipped: [String]
}

/// Baogao's full index build against the trigram build of the same passages.
struct BuildComparison: Codable {
    /// Every measured build, in seconds; the medians are compared.
    var baogaoRuns: [Double]
    var trigramRuns: [Double]
    var baogaoSeconds: Double
    var trigramSeconds: Double
    /// Text megabytes (10^6 bytes of passage text) per second.
    var baogaoMBPerSecond: Double
    var trigramMBPerSecond: Double
    /// Trigram builds with Baogao's FTS5 settings for a build (no merging while writing, one
    /// merge at the end).
    var trigramTunedRuns: [Double]
    var trigramTunedSeconds: Double
    /// Median CPU seconds (user and system) of each kind of build, and Baogao's over
    /// trigram's: a check of the wall-time ratio on a busy machine.
    var baogaoCPUSeconds: Double
    var trigramCPUSeconds: Double
    var trigramTunedCPUSeconds: Double
    var cpuRatio: Double
    /// Baogao's median build time over trigram's (default FTS5 settings: the obvious
    /// alternative, and the target's baseline).
    var timeRatio: Double
    /// Baogao's median build time over trigram's with Baogao's FTS5 settings.
    var timeRatioTuned: Double
    var baogao: IndexSizes.Sizes
    var trigram: IndexSizes.Sizes
    /// FTS bytes over text bytes.
    var baogaoFTSPerText: Double
    var trigramFTSPerText: Double
    /// Baogao's FTS bytes over trigram's.
    var bytesRatio: Double
    /// Peak memory of the Baogao build (the largest of the runs).
    var baogaoPeakRSSBytes: Int
}

/// Peak memory while indexing one corpus, in a child process.
struct MemoryPoint: Codable {
    var corpus: String
    var textBytes: Int
    var seconds: Double
    var peakRSSBytes: Int
}

/// One target of the issue and whether this run met it.
struct TargetCheck: Codable {
    var name: String
    var goal: String
    var measured: String
    /// `nil` when this run could not tell (e.g. ripgrep absent).
    var met: Bool?
}
