import BaogaoBenchKit

/// The targets of the performance issue, checked against one run's measurements.
enum Targets {
    static func check(build: BuildComparison, queries: [GroupLatency], pooled: PooledLatency,
                      cli: [CLIComparison], memory: [MemoryPoint]) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        func add(_ name: String, _ goal: String, _ measured: String, _ met: Bool?) {
            checks.append(TargetCheck(name: name, goal: goal, measured: measured, met: met))
        }
        add("build time", "<= 0.60x trigram", Format.ratio(build.timeRatio) + " (CPU " + Format.ratio(build.cpuRatio) + ")",
            build.timeRatio <= 0.6)
        add("FTS bytes", "<= 1.15x text", Format.ratio(build.baogaoFTSPerText), build.baogaoFTSPerText <= 1.15)
        if let s = pooled.top10Multi {
            add("top-10, 2-8 chars and 2 terms", "p50 <= 1 ms, p99 <= 20 ms",
                "p50 \(Format.ms(s.p50)), p99 \(Format.ms(s.p99))", s.p50 <= 1 && s.p99 <= 20)
        }
        if let s = pooled.top10Single {
            add("top-10, 1 char", "p99 <= 50 ms", "p99 \(Format.ms(s.p99))", s.p99 <= 50)
        }
        if let s = pooled.count {
            add("exact counts", "p99 <= 30 ms", "p99 \(Format.ms(s.p99))", s.p99 <= 30)
        }
        let wrong = queries.reduce(0) { $0 + $1.baogaoWrong } + cli.reduce(0) { $0 + $1.baogaoWrong }
        add("right answers", "0 wrong", "\(wrong) wrong", wrong == 0)
        if let largest = cli.max(by: { $0.textBytes < $1.textBytes }) {
            add("CLI vs rg at \(ByteSize.format(largest.textBytes))", "<= 0.50x rg",
                largest.ratio.map(Format.ratio) ?? "rg absent", largest.ratio.map { $0 <= 0.5 })
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
