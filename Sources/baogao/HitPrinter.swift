import BaogaoKit
import Foundation

/// Prints search hits for people (text), editors (vimgrep) or programs (JSON Lines).
struct HitPrinter {
    var color: Bool
    var full: Bool
    var root: String?
    /// Passages longer than this (in Unicode scalars) print as a window around the first match.
    var window = 160

    func print(_ results: SearchResults) {
        var out = ""
        for (n, hit) in results.hits.enumerated() {
            out += block(hit, rank: n + 1)
        }
        let matches = results.hits.filter { $0.match != .related }
        // A hit names its copies: they are shown too.
        let shown = matches.reduce(0) { $0 + 1 + ($1.copies?.count ?? 0) }
        let related = results.hits.count - matches.count
        let total = results.totalHits
        let reports = "\(results.totalReports) report\(results.totalReports == 1 ? "" : "s")"
        if total == 0 {
            out += "no hits"
        } else if shown < total {
            out += "\(total) hits in \(reports) (showing \(shown); --limit 0 shows all)"
        } else {
            out += "\(total) hit\(total == 1 ? "" : "s") in \(reports)"
        }
        if related > 0 {
            out += "; then \(related) related passage\(related == 1 ? "" : "s") with the words apart"
        }
        out += "\n"
        Output.write(out)
    }

    /// One hit: rank, unit · year · title, breadcrumb, path:line, the passage (and its context).
    func block(_ hit: SearchHit, rank: Int? = nil) -> String {
        var out = rank.map { style("\($0).", "1") + "  " } ?? ""
        out += style(Self.about(unit: hit.unit, year: hit.year, title: hit.title), "1")
        if hit.match == .variant { out += style("  (near variant)", "2") }
        if hit.match == .related { out += style("  (related: the words apart)", "2") }
        if let duplicates = hit.duplicates {
            out += style("  (+\(duplicates) identical passage\(duplicates == 1 ? "" : "s") elsewhere)", "2")
        }
        out += "\n"
        if !hit.section.isEmpty {
            out += "    \(style(hit.section.joined(separator: " › "), "36"))\n"
        }
        out += "    \(style("\(path(hit.path)):\(hit.line)", "35"))\(hit.page.map { " " + style("p.\($0)", "2") } ?? "")\n"
        for line in hit.before ?? [] {
            out += "    \(style("\(line.line)-", "2")) \(style(Self.clip(line.text, to: window), "2"))\n"
        }
        let marker = hit.before != nil || hit.after != nil ? style("\(hit.line):", "32") + " " : ""
        out += "    \(marker)\(passage(hit.text, highlights: hit.highlights))\n"
        for line in hit.after ?? [] {
            out += "    \(style("\(line.line)-", "2")) \(style(Self.clip(line.text, to: window), "2"))\n"
        }
        return out + copies(hit.copies ?? []) + "\n"
    }

    /// Copies named when there are at most this many; past it, the first few and a count.
    static let copiesNamed = 5
    static let copiesNamedOfMany = 3

    /// Where the identical passages are: `+ path:line  unit · year`, every one when they are
    /// few, else the first few and how many more.
    func copies(_ copies: [HitCopy]) -> String {
        let named = copies.count <= Self.copiesNamed ? copies : Array(copies.prefix(Self.copiesNamedOfMany))
        var out = ""
        for copy in named {
            let about = [copy.unit ?? "?", copy.year.map(String.init) ?? "?"].joined(separator: " · ")
            out += "    \(style("+ \(path(copy.path)):\(copy.line)", "35"))  \(style(about, "2"))\n"
        }
        if named.count < copies.count {
            out += "    \(style("+ \(copies.count - named.count) more identical (--json or --vimgrep lists every one)", "2"))\n"
        }
        return out
    }

    static func about(unit: String?, year: Int?, title: String?) -> String {
        [unit ?? "?", year.map(String.init) ?? "?", title ?? "?"].joined(separator: " · ")
    }

    func path(_ path: String) -> String { Terminal.display(path, root: root) }

    /// The passage (or a window of it) with the matches marked.
    func passage(_ text: String, highlights: [[Int]]) -> String {
        let scalars = Array(text.unicodeScalars)
        let shown = full ? 0..<scalars.count : Snippet.window(length: scalars.count, highlights: highlights, size: window)
        let (lower, upper) = (shown.lowerBound, shown.upperBound)
        var out = lower > 0 ? "…" : ""
        var at = lower
        func slice(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
        for h in highlights where h[1] > lower && h[0] < upper {
            let start = max(h[0], at)
            let end = min(h[1], upper)
            guard start < end else { continue }
            out += slice(at..<start) + style(slice(start..<end), "1;31")
            at = end
        }
        out += slice(at..<upper)
        if upper < scalars.count { out += "…" }
        return Self.trimmingSpaces(out)
    }

    static func clip(_ text: String, to count: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > count else { return trimmingSpaces(text) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(count))
        return trimmingSpaces(String(view)) + "…"
    }

    /// `text` without the spaces and tabs at its ends (what Foundation's `.whitespaces` trims),
    /// without Foundation's bridging, which cost more than the rest of printing a hit.
    static func trimmingSpaces(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar == " " || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `path:line:column:text` for every matching passage, copies included (related passages
    /// are not matches), the column a 1-based byte offset of the first match (as vim and ripgrep
    /// count). A copy prints its hit's text and column: the passages are the same text (but for
    /// punctuation and spaces).
    func printVimgrep(_ hits: [SearchHit]) {
        var out = ""
        for hit in hits where hit.match != .related {
            let first = hit.highlights.first?[0] ?? 0
            let column = String(String.UnicodeScalarView(hit.text.unicodeScalars.prefix(first))).utf8.count + 1
            out += "\(path(hit.path)):\(hit.line):\(column):\(hit.text)\n"
            for copy in hit.copies ?? [] {
                out += "\(path(copy.path)):\(copy.line):\(column):\(hit.text)\n"
            }
        }
        Output.write(out)
    }

    func printJSONLines(_ hits: [SearchHit]) {
        var lines: [any Encodable] = []
        for var hit in hits {
            hit.path = path(hit.path)
            if let copies = hit.copies {
                hit.copies = copies.map { var copy = $0; copy.path = path(copy.path); return copy }
            }
            lines.append(hit)
        }
        Output.writeJSONLines(lines)
    }
}

/// Writes whole answers to standard output (rows that come one by one go through ``RowsOutput``).
enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Each value as a line of JSON, the format ``RowsOutput/appendJSONLine(_:)`` sets.
    static func writeJSONLines(_ values: [any Encodable]) {
        var out = RowsOutput()
        for value in values { out.appendJSONLine(value) }
        out.flush()
    }
}
