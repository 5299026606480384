import BaogaoBenchKit

/// The targets of the performance issue, checked against one run's measurements.
enum Targets {
    /// From this much text on, the targets of a national archive apply (issue 18's, at 1 GB):
    /// below it, those first set at 100 MB.
    static let archiveBytes = 500_000_000

    static func check(build: BuildComparison, queries: [GroupLatency], pooled: PooledLatency,
                      units: UnitsLatency?, update: UpdateLatency?,
                      cli: [CLIComparison], memory: [MemoryPoint]) -> [TargetCheck] {
        let archive = build.baogao.textBytes >= archiveBytes
        let p50 = archive ? 2.0 : 1.0
        let p99 = archive ? 30.0 : 20.0
        let cliRatio = archive ? 0.2 : 0.5
        let buildRatio = archive ? 0.5 : 0.6
        var checks: [TargetCheck] = []
        func add(_ name: String, _ goal: String, _ measured: String, _ met: Bool?) {
            checks.append(TargetCheck(name: name, goal: goal, measured: measured, met: met))
        }
        if let trigram = build.trigram {
            add("build time", "<= \(Format.ratio(buildRatio)) trigram",
                Format.ratio(trigram.timeRatio) + " (CPU " + Format.ratio(trigram.cpuRatio) + ")",
                trigram.timeRatio <= buildRatio)
        }
        add("FTS bytes", "<= 1.15x text", Format.ratio(build.baogaoFTSPerText), build.baogaoFTSPerText <= 1.15)
        let filePerText = Double(build.baogao.fileBytes) / Double(max(1, build.baogao.textBytes))
        add("index file", "<= 2.00x text", Format.ratio(filePerText), filePerText <= 2)
        if let s = pooled.top10Multi {
            add("top-10, 2-8 chars and 2 terms", "p50 <= \(Format.ms(p50)), p99 <= \(Format.ms(p99))",
                "p50 \(Format.ms(s.p50)), p99 \(Format.ms(s.p99))", s.p50 <= p50 && s.p99 <= p99)
        }
        if let units {
            let slowest = units.frequent.map { max($0.byUnit, $0.byYear) }.max() ?? 0
            add("units, commonest words", "<= 1 s", Format.ms(slowest), slowest <= 1000)
        }
        if let update {
            let slowest = max(update.addSeconds, update.changeSeconds, update.deleteSeconds)
            add("update of one report", "<= 1 s", Format.fixed(slowest, 2) + " s", slowest <= 1)
        }
        if let s = pooled.top10Single {
            add("top-10, 1 char", "p99 <= 50 ms", "p99 \(Format.ms(s.p99))", s.p99 <= 50)
        }
        if let s = pooled.count {
            add("exact counts", "p99 <= 30 ms", "p99 \(Format.ms(s.p99))", s.p99 <= 30)
        }
        let wrong = queries.reduce(0) { $0 + $1.baogaoWrong } + cli.reduce(0) { $0 + $1.baogaoWrong } + (units?.wrong ?? 0)
        add("right answers", "0 wrong", "\(wrong) wrong", wrong == 0)
        if let largest = cli.max(by: { $0.textBytes < $1.textBytes }) {
            add("CLI vs rg at \(ByteSize.format(largest.textBytes))", "<= \(Format.ratio(cliRatio)) rg",
                largest.ratio.map(Format.ratio) ?? "rg absent", largest.ratio.map { $0 <= cliRatio })
        }
        if let peak = memory.map(\.peakRSSBytes).max() {
            add("peak RSS indexing", "<= 250 MB", ByteSize.format(peak), peak <= 250_000_000)
        }
        return checks
    }
}

/// Latencies pooled over groups, as the targets state them.
struct PooledLatency {
    var top10Multi: LatencySummary?
    var top10Single: LatencySummary?
    var count: LatencySummary?
}

/// Number formats shared by the table and the targets.
enum Format {
    static func ms(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded())) ms" : value >= 10 ? fixed(value, 1) + " ms" : fixed(value, 2) + " ms"
    }

    static func ratio(_ value: Double) -> String { fixed(value, 2) + "x" }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }
}
