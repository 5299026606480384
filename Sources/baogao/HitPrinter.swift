import BaogaoKit
import Foundation

/// Prints search hits for people (text) or programs (JSON Lines).
struct HitPrinter {
    var color: Bool
    var full: Bool
    /// Passages longer than this (in Unicode scalars) print as a window around the first match.
    var window = 160

    func print(_ results: SearchResults) {
        var out = ""
        for (n, hit) in results.hits.enumerated() {
            let about = [hit.unit ?? "?", hit.year.map(String.init) ?? "?", hit.title ?? "?"].joined(separator: " · ")
            out += "\(style("\(n + 1).", "1"))  \(style(about, "1"))\n"
            if !hit.section.isEmpty {
                out += "    \(style(hit.section.joined(separator: " › "), "36"))\n"
            }
            out += "    \(style("\(Terminal.display(hit.path, root: results.root)):\(hit.line)", "35"))\n"
            out += "    \(passage(hit))\n\n"
        }
        let shown = results.hits.count
        let total = results.totalHits
        let reports = "\(results.totalReports) report\(results.totalReports == 1 ? "" : "s")"
        if total == 0 {
            out += "no hits\n"
        } else if shown < total {
            out += "\(total) hits in \(reports) (showing \(shown); --limit 0 shows all)\n"
        } else {
            out += "\(total) hit\(total == 1 ? "" : "s") in \(reports)\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The passage (or a window of it) with the matches marked.
    func passage(_ hit: SearchHit) -> String {
        let scalars = Array(hit.text.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        if !full, scalars.count > window {
            let first = hit.highlights.first?[0] ?? 0
            lower = max(0, min(first - window / 4, scalars.count - window))
            upper = min(scalars.count, lower + window)
        }
        var out = lower > 0 ? "…" : ""
        var at = lower
        func append(_ range: Range<Int>) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            out += String(view)
        }
        for h in hit.highlights where h[1] > lower && h[0] < upper {
            let start = max(h[0], at)
            let end = min(h[1], upper)
            guard start < end else { continue }
            append(at..<start)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            out += style(String(view), "1;31")
            at = end
        }
        append(at..<upper)
        if upper < scalars.count { out += "…" }
        return out.trimmingCharacters(in: .whitespaces)
    }

    private func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func printJSONLines(_ results: SearchResults) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for var hit in results.hits {
            hit.path = Terminal.display(hit.path, root: results.root)
            if let line = try? encoder.encode(hit) {
                out.append(line)
                out.append(0x0A)
            }
        }
        FileHandle.standardOutput.write(out)
    }
}
