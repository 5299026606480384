import BaogaoBenchKit

/// Renders a ``BenchReport`` as plain-text tables for people.
enum ReportTable {
    static func render(_ r: BenchReport) -> String {
        var out = ""
        let m = r.machine
        out += "Machine: \(m.cores) cores, \(Format.fixed(m.memoryGiB, 1)) GiB, SQLite \(m.sqlite), \(m.os)\n"
        out += "Load (1/5/15 min): \(m.loadAtStart) at start, \(m.loadAtEnd) at end\n\n"

        let c = r.corpus
        out += "Corpus: \(c.folder) (\(c.origin))\n"
        out += "  \(c.files) files, \(c.reports) reports, \(c.passages) passages, "
            + "\(ByteSize.format(c.textBytes)) of text (\(ByteSize.format(c.fileBytes)) of files)"
            + (c.skipped.isEmpty ? "" : ", \(c.skipped.count) skipped") + "\n\n"

        let b = r.build
        var buildRows = [
            ["Baogao (full index)", Format.fixed(b.baogaoSeconds, 2), Format.fixed(b.baogaoCPUSeconds, 2),
             Format.fixed(b.baogaoMBPerSecond, 1), ByteSize.format(b.baogao.ftsBytes), Format.ratio(b.baogaoFTSPerText),
             ByteSize.format(b.baogao.fileBytes)],
        ]
        if let t = b.trigram {
            buildRows += [
                ["FTS5 trigram", Format.fixed(t.seconds, 2), Format.fixed(t.cpuSeconds, 2),
                 Format.fixed(t.mbPerSecond, 1), ByteSize.format(t.sizes.ftsBytes), Format.ratio(t.ftsPerText),
                 ByteSize.format(t.sizes.fileBytes)],
                ["Baogao/trigram", Format.ratio(t.timeRatio), Format.ratio(t.cpuRatio), "", Format.ratio(t.bytesRatio), "", ""],
                ["trigram, Baogao's FTS5 settings", Format.fixed(t.tunedSeconds, 2), Format.fixed(t.tunedCPUSeconds, 2),
                 Format.fixed(Double(b.baogao.textBytes) / 1e6 / t.tunedSeconds, 1), "", "", ""],
                ["Baogao/that", Format.ratio(t.timeRatioTuned), Format.ratio(b.baogaoCPUSeconds / t.tunedCPUSeconds),
                 "", "", "", ""],
            ]
        }
        out += "Build (median of \(b.baogaoRuns.count); same passages, same transactions: 64 MB or 10 s of whole reports)\n"
        out += TextTable(["", "seconds", "CPU s", "MB/s", "FTS bytes", "FTS/text", "file bytes"], buildRows).render() + "\n"

        out += "Queries in process (ms; per query the median of its runs; p50/p95/p99 over queries;\n"
        out += "  trigram cannot answer phrases under 3 characters: 'tri right' counts its right answers)\n"
        var rows: [[String]] = []
        for g in r.queries {
            func cells(_ s: LatencySummary?) -> [String] {
                guard let s else { return ["-", "-", "-"] }
                return [Format.fixed(s.p50, 2), Format.fixed(s.p95, 2), Format.fixed(s.p99, 2)]
            }
            let label = [QuerySampler.twoTerms, QuerySampler.unquoted].contains(g.group) ? g.group
                : "\(g.group) char" + (g.group == "1" ? "" : "s")
            let trigram = "\(g.trigramRight)/\(g.queries)"
            rows.append([label, String(g.queries), String(g.medianMatches)] + cells(g.baogaoTop10) + cells(g.baogaoCount)
                        + cells(g.trigramTop10) + cells(g.trigramCount) + [String(g.baogaoWrong), trigram])
        }
        out += TextTable(["query", "n", "hits", "top10 p50", "p95", "p99", "count p50", "p95", "p99",
                          "tri top10 p50", "p95", "p99", "tri count p50", "p95", "p99", "wrong", "tri right"], rows)
            .render() + "\n"

        if let u = r.units {
            out += "units (ms, median of the runs; by unit and by year as the page's chart needs)\n"
            out += TextTable(["query", "matches", "reports", "units", "by unit", "by year"], u.frequent.map { t in
                [t.query, String(t.matches), String(t.reports), String(t.units), Format.fixed(t.byUnit, 1), Format.fixed(t.byYear, 1)]
            }).render()
            if let s = u.sampled {
                out += "  sampled phrases by unit: p50 \(Format.fixed(s.p50, 2)), p95 \(Format.fixed(s.p95, 2)), p99 \(Format.fixed(s.p99, 2)); wrong \(u.wrong)\n"
            }
            out += "\n"
        }
        if let u = r.update {
            out += "Update of one report (\(u.tool), seconds): add \(Format.fixed(u.addSeconds, 2)), "
                + "change \(Format.fixed(u.changeSeconds, 2)), delete \(Format.fixed(u.deleteSeconds, 2))"
            if let only = u.only, only.count == 3 {
                out += "; with --only the file: add \(Format.fixed(only[0], 2)), change \(Format.fixed(only[1], 2)), "
                    + "delete \(Format.fixed(only[2], 2))"
            }
            if let segments = u.segments, segments.count == 2 {
                out += "; full-text segments \(segments[0]) before, \(segments[1]) after"
            }
            out += "\n\n"
        }
        if !r.cli.isEmpty {
            out += "Command line, end to end (ms; baogao search = ranked top 10 printed; rg -c -F over the files)\n"
            out += TextTable(["corpus", "text", "queries", "baogao p50", "p95", "rg p50", "p95", "baogao/rg", "wrong"],
                             r.cli.map { c in
                                 [c.corpus, ByteSize.format(c.textBytes), String(c.queries),
                                  Format.fixed(c.baogaoMedianMs, 1), Format.fixed(c.baogaoP95Ms, 1),
                                  c.rgMedianMs.map { Format.fixed($0, 1) } ?? "-", c.rgP95Ms.map { Format.fixed($0, 1) } ?? "-",
                                  c.ratio.map(Format.ratio) ?? "-", String(c.baogaoWrong)]
                             }).render() + "\n"
        }

        if !r.memory.isEmpty {
            out += "Indexing memory (child process, from scratch)\n"
            out += TextTable(["corpus", "text", "seconds", "peak RSS"], r.memory.map { p in
                [p.corpus, ByteSize.format(p.textBytes), Format.fixed(p.seconds, 2), ByteSize.format(p.peakRSSBytes)]
            }).render() + "\n"
        }

        out += "Targets\n"
        out += TextTable(["", "goal", "measured", ""], r.targets.map { t in
            [t.name, t.goal, t.measured, t.met.map { $0 ? "met" : "MISSED" } ?? "n/a"]
        }).render()
        for note in r.notes { out += "note: \(note)\n" }
        return out
    }
}

/// A plain-text table: the first column left-aligned, the others right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    init(_ header: [String], _ rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        var out = ""
        for row in all {
            var line = ""
            for (i, width) in widths.enumerated() {
                let cell = row.indices.contains(i) ? row[i] : ""
                let pad = String(repeating: " ", count: width - cell.count)
                line += i == 0 ? cell + pad : "  " + pad + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += "  " + line + "\n"
        }
        return out
    }
}
