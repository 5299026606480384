import BaogaoKit
import Foundation

/// Shows indexing progress on stderr: a line redrawn in place on a terminal, plain lines
/// every few seconds otherwise (only with `--progress`), nothing with `--quiet`.
///
/// ```swift
/// let display = ProgressDisplay(mode: .choose(quiet: false, progress: false))
/// options.progress = { display.show($0) }
/// ```
final class ProgressDisplay: @unchecked Sendable {
    enum Mode {
        /// Redraw one line with "\r".
        case terminal
        /// A plain line now and then, and one at the end.
        case lines
        case off

        /// A bar on a terminal (unless quiet), plain lines when asked for, else nothing.
        static func choose(quiet: Bool, progress: Bool) -> Mode {
            if quiet { return .off }
            if isatty(STDERR_FILENO) == 1 { return .terminal }
            return progress ? .lines : .off
        }
    }

    let mode: Mode
    private var lastDrawn = Date.distantPast
    private var drewSomething = false
    /// How often the bar is redrawn, and how often plain lines are printed.
    private let redrawInterval: TimeInterval = 0.1
    private let lineInterval: TimeInterval = 2

    init(mode: Mode) {
        self.mode = mode
    }

    func show(_ progress: IndexProgress) {
        // The merge's first report is shown at once: the next may be many seconds away.
        let mergeStarts = progress.merge?.pagesWritten == 0
        switch mode {
        case .off:
            return
        case .terminal:
            if progress.isFinished {
                if drewSomething { write("\r\u{1B}[K") }
                return
            }
            guard Date().timeIntervalSince(lastDrawn) >= redrawInterval || mergeStarts,
                  progress.filesTotal > 0 else { return }
            lastDrawn = Date()
            drewSomething = true
            write("\r\u{1B}[K" + Self.fit(Self.describe(progress), width: Self.terminalWidth() - 1))
        case .lines:
            guard progress.filesTotal > 0, progress.filesDone > 0 else { return }
            if progress.isFinished || mergeStarts || Date().timeIntervalSince(lastDrawn) >= lineInterval {
                lastDrawn = Date()
                write(Self.describe(progress) + "\n")
            }
        }
    }

    /// "1,234/3,475 files  35% · 12.3 MB/s · 0:05 elapsed · 14 pages OCR'd · ETA 0:09 · sub/report.docx";
    /// after the last file, "3,475 files read · merging the full-text index 40% · 1:05 elapsed · ETA 0:12".
    static func describe(_ p: IndexProgress) -> String {
        if let merge = p.merge, !p.isFinished {
            var parts = ["\(p.filesDone) files read",
                         "merging the full-text index \(Int(merge.fraction * 100))%",
                         "\(clock(p.elapsed)) elapsed"]
            if let remaining = merge.remaining { parts.append("ETA \(clock(remaining))") }
            return parts.joined(separator: " · ")
        }
        let percent = p.bytesTotal > 0 ? Int(Double(p.bytesDone) * 100 / Double(p.bytesTotal)) : 100
        var parts = ["\(p.filesDone)/\(p.filesTotal) files  \(percent)%",
                     String(format: "%.1f MB/s", p.megabytesPerSecond),
                     "\(clock(p.elapsed)) elapsed"]
        if p.ocrPages + p.ocrCachedPages > 0 {
            parts.append("\(p.ocrPages) page\(p.ocrPages == 1 ? "" : "s") OCR'd"
                         + (p.ocrCachedPages > 0 ? " (+\(p.ocrCachedPages) cached)" : ""))
        }
        if p.isFinished {
            parts.append("done")
        } else {
            if let remaining = p.remaining { parts.append("ETA \(clock(remaining))") }
            if let file = p.currentFile { parts.append(file) }
        }
        return parts.joined(separator: " · ")
    }

    /// 65 → "1:05", 3725 → "1:02:05".
    static func clock(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded()))
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }

    /// The line cut to `width` terminal columns (Chinese characters take two), keeping the end
    /// of a long file name.
    static func fit(_ line: String, width: Int) -> String {
        func columns(_ c: Character) -> Int {
            guard let s = c.unicodeScalars.first else { return 0 }
            return (0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value)
                || (0xAC00...0xD7A3).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
                || (0xFE30...0xFE4F).contains(s.value) || (0xFF00...0xFF60).contains(s.value)
                || (0xFFE0...0xFFE6).contains(s.value) || s.value >= 0x20000 ? 2 : 1
        }
        var total = line.reduce(0) { $0 + columns($1) }
        guard total > width, width > 1 else { return line }
        var chars = Array(line)
        // Drop characters from the start of the file name (the last part), then from the end.
        if let cut = line.range(of: " · ", options: .backwards).map({ line.distance(from: line.startIndex, to: $0.upperBound) }) {
            let i = cut
            while total > width - 1, i < chars.count - 1 {
                total -= columns(chars[i])
                chars.remove(at: i)
            }
            chars.insert("…", at: i)
            total += 1
        }
        while total > width, !chars.isEmpty { total -= columns(chars.removeLast()) }
        return String(chars)
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
