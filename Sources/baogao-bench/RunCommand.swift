import ArgumentParser
import BaogaoBenchKit
import BaogaoKit
import Foundation

/// `baogao-bench [FOLDER]`: the whole benchmark, printed as tables or JSON.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure index build, query latency, command-line latency and indexing memory.",
        discussion: """
            FOLDER defaults to \(CorpusPreparation.defaultRelativeFolder) when present; otherwise, or with
            --size and no FOLDER, a corpus of that size is generated from the repository's corpus/.
            Build with `swift build -c release --static-swift-stdlib` first so that the baogao binary is measured too.
            """
    )

    @Argument(help: ArgumentHelp("The folder of reports to measure.", valueName: "folder"))
    var folder: String?

    @Option(help: "Size of the generated corpus when no folder is measured (e.g. 100MB).")
    var size: String?

    @Option(help: ArgumentHelp("Generate corpora from this folder's reports (default: the measured folder for the growth curve, else the repository's corpus/).", valueName: "folder"))
    var source: String?

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: "Corpus sizes for the memory and command-line growth curve, or 'none'.")
    var scale = "10MB,30MB,100MB"

    @Option(help: "Builds of each kind; their medians are compared.")
    var builds = 3

    @Option(help: "Queries per group (1, 2, 3, 4, 6, 8 characters and two terms).")
    var queries = 50

    @Option(help: "Runs of every query in process; each query's median counts.")
    var repetitions = 3

    @Option(help: "Command-line queries per phrase length.")
    var cliQueries = 5

    @Option(help: "Folder for generated corpora and indexes (kept between runs).")
    var work: String?

    @Flag(inversion: .prefixedNo, help: "Build the trigram baselines (--no-trigram: Baogao alone, e.g. at 10 GB).")
    var trigram = true

    func validate() throws {
        if let size, ByteSize.parse(size) == nil { throw ValidationError("--size: not a size: \(size)") }
        guard scaleSizes != nil else { throw ValidationError("--scale: not a list of sizes: \(scale)") }
        guard builds >= 1, queries >= 1, repetitions >= 1, cliQueries >= 0 else {
            throw ValidationError("--builds, --queries and --repetitions must be 1 or more")
        }
    }

    var scaleSizes: [Int]? {
        if scale == "none" { return [] }
        let sizes = scale.split(separator: ",").map { ByteSize.parse(String($0)) }
        return sizes.contains(nil) ? nil : sizes.map { $0! }.sorted()
    }

    func run() throws {
        // Before the trigram baselines and the brute-force counts open their connections.
        SQLiteSetup.apply()
        var notes: [String] = []
        let sourceURL = source.map { URL(fileURLWithPath: $0) }
        var machine = MachineInfo.current()
        let workURL = URL(fileURLWithPath: work ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("baogao-bench").path)
        try FileManager.default.createDirectory(at: workURL, withIntermediateDirectories: true)

        // The corpus.
        let corpusURL: URL
        var origin = "folder"
        var generatedBytes: Int?
        if let folder {
            corpusURL = URL(fileURLWithPath: folder)
        } else if size == nil, let laws = CorpusPreparation.defaultFolder() {
            corpusURL = laws
            origin = "the shared law corpus"
        } else {
            let bytes = ByteSize.parse(size ?? "100MB")!
            if size == nil {
                notes.append("\(CorpusPreparation.defaultRelativeFolder) is absent: measured a generated corpus instead")
            }
            progress("generating a \(ByteSize.label(bytes)) corpus from \(source ?? "corpus/")")
            corpusURL = try CorpusPreparation.generated(bytes: bytes, work: workURL, source: sourceURL)
            origin = "generated from \(source ?? "corpus/") (seed \(CorpusPreparation.seed))"
            generatedBytes = bytes
        }
        // The growth curve recombines the measured folder's own text when there is one.
        let scaleSource = sourceURL ?? (generatedBytes == nil ? corpusURL : nil)
        let (files, fileBytes) = CorpusPreparation.warm(corpusURL)
        guard files > 0 else { throw BenchError("\(corpusURL.path) holds no files") }

        // Builds, alternating which goes first.
        let baogaoIndex = workURL.appendingPathComponent("baogao.sqlite")
        let trigramIndex = workURL.appendingPathComponent("trigram.sqlite")
        let tunedIndex = workURL.appendingPathComponent("trigram-tuned.sqlite")
        var baogaoRuns: [ChildIndexResult] = []
        var trigramRuns: [(seconds: Double, cpuSeconds: Double)] = []
        var tunedRuns: [(seconds: Double, cpuSeconds: Double)] = []
        var passages: TrigramBuild.Passages?
        for run in 0..<builds {
            func buildBaogao() throws {
                progress("build \(run + 1)/\(builds): Baogao")
                baogaoRuns.append(try ChildIndexing.run(folder: corpusURL, index: baogaoIndex))
                if trigram, passages == nil { passages = try TrigramBuild.load(from: baogaoIndex) }
            }
            func buildTrigram() throws {
                guard trigram else { return }
                progress("build \(run + 1)/\(builds): trigram")
                trigramRuns.append(try TrigramBuild.build(passages!, at: trigramIndex))
                progress("build \(run + 1)/\(builds): trigram with Baogao's FTS5 settings")
                tunedRuns.append(try TrigramBuild.build(passages!, at: tunedIndex, tuned: true))
            }
            if run % 2 == 0 || passages == nil {
                try buildBaogao(); try buildTrigram()
            } else {
                try buildTrigram(); try buildBaogao()
            }
        }
        passages = nil
        let first = baogaoRuns[0]
        let baogaoSizes = try IndexSizes.measure(baogaoIndex)
        let baogaoSeconds = Percentiles.median(baogaoRuns.map(\.seconds))!
        let baogaoCPU = Percentiles.median(baogaoRuns.map(\.cpuSeconds))!
        let text = Double(baogaoSizes.textBytes)
        var baseline: TrigramBaseline?
        if trigram {
            let sizes = try IndexSizes.measure(trigramIndex)
            let seconds = Percentiles.median(trigramRuns.map(\.seconds))!
            let tunedSeconds = Percentiles.median(tunedRuns.map(\.seconds))!
            let cpu = Percentiles.median(trigramRuns.map(\.cpuSeconds))!
            baseline = TrigramBaseline(
                runs: trigramRuns.map(\.seconds), seconds: seconds, mbPerSecond: text / 1e6 / seconds,
                tunedRuns: tunedRuns.map(\.seconds), tunedSeconds: tunedSeconds, cpuSeconds: cpu,
                tunedCPUSeconds: Percentiles.median(tunedRuns.map(\.cpuSeconds))!, cpuRatio: baogaoCPU / cpu,
                timeRatio: baogaoSeconds / seconds, timeRatioTuned: baogaoSeconds / tunedSeconds,
                sizes: sizes, ftsPerText: Double(sizes.ftsBytes) / text,
                bytesRatio: Double(baogaoSizes.ftsBytes) / Double(sizes.ftsBytes))
        } else {
            notes.append("no trigram baseline built (--no-trigram): Baogao alone")
        }
        let build = BuildComparison(
            baogaoRuns: baogaoRuns.map(\.seconds), baogaoSeconds: baogaoSeconds,
            baogaoMBPerSecond: text / 1e6 / baogaoSeconds, baogaoCPUSeconds: baogaoCPU,
            baogao: baogaoSizes, baogaoFTSPerText: Double(baogaoSizes.ftsBytes) / text,
            baogaoPeakRSSBytes: baogaoRuns.map(\.peakRSSBytes).max()!, trigram: baseline)
        let corpusName = generatedBytes.map { ByteSize.label($0) + (source.map { " from " + URL(fileURLWithPath: $0).lastPathComponent } ?? "") }
            ?? corpusURL.lastPathComponent
        let corpus = CorpusInfo(folder: folder ?? corpusURL.path, origin: origin, files: files,
                                reports: first.reports, passages: first.passages,
                                textBytes: baogaoSizes.textBytes, fileBytes: fileBytes, skipped: first.skipped)

        // Queries in process, checked against brute force.
        progress("sampling queries and counting them by brute force")
        let folded = try FoldedCorpus(index: baogaoIndex)
        let sample = QuerySampler.sample(folded, perGroup: queries, seed: CorpusPreparation.seed)
        progress("timing \(sample.count) queries in process")
        let latency = try QueryLatency(baogao: baogaoIndex, trigram: trigram ? trigramIndex : nil, repetitions: repetitions)
        let (groups, medians) = try latency.run(sample)
        let pooled = Self.pooled(sample, medians)
        progress("timing units for the commonest words and sampled phrases")
        let units = try UnitsLatency.measure(index: baogaoIndex, corpus: folded, sample: sample, repetitions: repetitions)

        // Command line and memory, on the measured corpus and the growth curve.
        var cli: [CLIComparison] = []
        var memory = [MemoryPoint(corpus: corpusName, textBytes: baogaoSizes.textBytes,
                                  seconds: baogaoSeconds, peakRSSBytes: build.baogaoPeakRSSBytes)]
        let rg = Spawn.which("rg")
        if rg == nil { notes.append("ripgrep (rg) is not installed: no rg comparison (Debian: apt-get install ripgrep)") }
        let baogao = CLILatency.baogaoBinary()
        if baogao == nil {
            notes.append("no baogao binary next to baogao-bench: build it with `swift build -c release --static-swift-stdlib` for the command-line comparison")
        } else if let baogao, CLILatency.loadsSharedSwiftRuntime(baogao) {
            notes.append("baogao was built without --static-swift-stdlib: each run spends ~5 ms more loading the Swift runtime")
        }
        if let baogao, cliQueries > 0 {
            progress("command line on \(corpusName)")
            cli.append(try CLILatency.compare(
                corpus: corpusName, folder: corpusURL, index: baogaoIndex, textBytes: baogaoSizes.textBytes,
                queries: CLILatency.subset(sample, perLength: cliQueries), baogao: baogao, rg: rg))
        }
        for bytes in scaleSizes ?? [] where bytes != generatedBytes {
            let label = ByteSize.label(bytes) + (scaleSource.map { " from " + $0.lastPathComponent } ?? "")
            progress("growth curve: generating and indexing \(label)")
            let folderURL = try CorpusPreparation.generated(bytes: bytes, work: workURL, source: scaleSource)
            _ = CorpusPreparation.warm(folderURL)
            let index = workURL.appendingPathComponent("scale-\(ByteSize.label(bytes)).sqlite")
            let result = try ChildIndexing.run(folder: folderURL, index: index)
            let scaled = try FoldedCorpus(index: index)
            memory.append(MemoryPoint(corpus: label, textBytes: scaled.originalBytes,
                                      seconds: result.seconds, peakRSSBytes: result.peakRSSBytes))
            if let baogao, cliQueries > 0 {
                progress("command line on \(label)")
                let queries = QuerySampler.sample(scaled, perGroup: cliQueries, seed: CorpusPreparation.seed)
                cli.append(try CLILatency.compare(
                    corpus: label, folder: folderURL, index: index, textBytes: scaled.originalBytes,
                    queries: CLILatency.subset(queries, perLength: cliQueries), baogao: baogao, rg: rg))
            }
        }
        var update: UpdateLatency?
        // Only in a generated corpus: a file is added to the folder for the time of the run.
        if generatedBytes != nil, let sampleFile = CorpusPreparation.firstReport(in: corpusURL) {
            progress("updating one report in the index of \(corpusName)")
            update = try UpdateLatency.measure(folder: corpusURL, index: baogaoIndex, baogao: baogao, sample: sampleFile)
        } else {
            notes.append("one-report update not measured: it adds a file to the folder, done only in a generated corpus")
        }
        cli.sort { $0.textBytes < $1.textBytes }
        memory.sort { $0.textBytes < $1.textBytes }

        machine.loadAtEnd = MachineInfo.load()
        let report = BenchReport(
            machine: machine, corpus: corpus, build: build, queries: groups, units: units, update: update,
            cli: cli, memory: memory,
            targets: Targets.check(build: build, queries: groups, pooled: pooled, units: units, update: update,
                                   cli: cli, memory: memory),
            notes: notes)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(ReportTable.render(report).utf8))
        }
    }

    /// The latencies the targets pool: top 10 for 2–8 characters and two terms, top 10 for
    /// one character, and counts for every query.
    static func pooled(_ sample: [BenchQuery], _ medians: [BenchQuery: QueryLatency.Medians]) -> PooledLatency {
        func summary(_ filter: (BenchQuery) -> Bool, _ pick: (QueryLatency.Medians) -> Double) -> LatencySummary? {
            LatencySummary(milliseconds: sample.filter(filter).compactMap { medians[$0].map(pick) })
        }
        return PooledLatency(
            top10Multi: summary({ $0.group != "1" && $0.isPhrase }, \.top10),
            top10Single: summary({ $0.group == "1" }, \.top10),
            count: summary({ $0.isPhrase }, \.count))
    }

    private func progress(_ message: String) {
        FileHandle.standardError.write(Data("baogao-bench: \(message)\n".utf8))
    }
}
