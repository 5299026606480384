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

/// Baogao's full index build, against the trigram build of the same passages when one was made.
struct BuildComparison: Codable {
    /// Every measured build, in seconds; the median is compared.
    var baogaoRuns: [Double]
    var baogaoSeconds: Double
    /// Text megabytes (10^6 bytes of passage text) per second.
    var baogaoMBPerSecond: Double
    /// Median CPU seconds (user and system).
    var baogaoCPUSeconds: Double
    var baogao: IndexSizes.Sizes
    /// FTS bytes over text bytes.
    var baogaoFTSPerText: Double
    /// Peak memory of the Baogao build (the largest of the runs).
    var baogaoPeakRSSBytes: Int
    /// The baselines, or nil when only Baogao was built (`--no-trigram`).
    var trigram: TrigramBaseline?
}

/// The trigram builds of the same passages, and Baogao's build over them.
struct TrigramBaseline: Codable {
    var runs: [Double]
    var seconds: Double
    var mbPerSecond: Double
    /// Builds with Baogao's FTS5 settings for a build (no merging while writing, one merge at
    /// the end).
    var tunedRuns: [Double]
    var tunedSeconds: Double
    var cpuSeconds: Double
    var tunedCPUSeconds: Double
    /// Baogao's median CPU seconds over trigram's: a check of the wall-time ratio on a busy machine.
    var cpuRatio: Double
    /// Baogao's median build time over trigram's (default FTS5 settings: the obvious
    /// alternative, and the target's baseline).
    var timeRatio: Double
    /// Baogao's median build time over trigram's with Baogao's FTS5 settings.
    var timeRatioTuned: Double
    var sizes: IndexSizes.Sizes
    var ftsPerText: Double
    /// Baogao's FTS bytes over trigram's.
    var bytesRatio: Double
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
