/// Turns Tesseract's TSV output (one row per recognised word, with its box) into page text laid
/// out as `pdftotext -layout` lays out a text PDF, so that ``PDFParagraphs`` joins OCR'd lines
/// into paragraphs as it does for PDFs. Pure.
///
/// Each line of words becomes one line of text: its words joined and cleaned by
/// ``OCRSpacing``, indented by its distance from the page's left edge in character widths (a
/// paragraph's first line stands out), and a blank line wherever the gap above a line is much
/// taller than the usual line spacing. Pages are separated by form feeds. Lines of nothing but
/// specks (no letter, digit or character) are dropped.
///
/// ```swift
/// let pages = OCRLayout.pages(tsv: output)   // ["一、总体情况\n  今年以来，我局…", …]
/// ```
enum OCRLayout {
    struct Word {
        var page: Int, block: Int, paragraph: Int, line: Int
        var left: Int, top: Int, width: Int, height: Int
        var confidence: Double
        var text: Substring
    }

    /// Words below this confidence are specks more often than text.
    static let minimumConfidence = 10.0

    /// The layout text of each page in the TSV (1-based `page_num`; pages without words are empty).
    static func pages(tsv: String) -> [String] {
        var words: [Word] = []
        for row in tsv.split(separator: "\n") {
            let f = row.split(separator: "\t", maxSplits: 11, omittingEmptySubsequences: false)
            guard f.count == 12, f[0] == "5",
                  let page = Int(f[1]), let block = Int(f[2]), let par = Int(f[3]), let line = Int(f[4]),
                  let left = Int(f[6]), let top = Int(f[7]), let width = Int(f[8]), let height = Int(f[9]),
                  let confidence = Double(f[10]) else { continue }
            let text = f[11].trimmingSuffix("\r")
            guard !text.allSatisfy(\.isWhitespace), confidence >= minimumConfidence else { continue }
            words.append(Word(page: page, block: block, paragraph: par, line: line, left: left, top: top,
                              width: width, height: height, confidence: confidence, text: text))
        }
        let pageCount = words.map(\.page).max() ?? 0
        guard pageCount > 0 else { return [] }
        var byPage = Array(repeating: [Word](), count: pageCount)
        for word in words where word.page >= 1 { byPage[word.page - 1].append(word) }
        return byPage.map(layout)
    }

    struct Line {
        var left: Int, top: Int, right: Int, bottom: Int
        var text: String
    }

    /// One page's words as layout text.
    static func layout(_ words: [Word]) -> String {
        var lines: [Line] = []
        var key: (Int, Int, Int)?
        for word in words {
            let k = (word.block, word.paragraph, word.line)
            if let key, key == k, var last = lines.popLast() {
                last.text += " " + word.text
                last.left = min(last.left, word.left)
                last.top = min(last.top, word.top)
                last.right = max(last.right, word.left + word.width)
                last.bottom = max(last.bottom, word.top + word.height)
                lines.append(last)
            } else {
                lines.append(Line(left: word.left, top: word.top, right: word.left + word.width,
                                  bottom: word.top + word.height, text: String(word.text)))
            }
            key = k
        }
        lines = lines.compactMap { line in
            var line = line
            line.text = OCRSpacing.clean(line.text)
            let hasText = line.text.unicodeScalars.contains { ScalarClass.of($0) != .separator }
            return hasText ? line : nil
        }
        guard !lines.isEmpty else { return "" }
        lines.sort { ($0.top, $0.left) < ($1.top, $1.left) }

        let charWidth = median(lines.compactMap { line -> Double? in
            let count = line.text.unicodeScalars.count
            return count >= 4 ? Double(line.right - line.left) / Double(count) : nil
        }) ?? median(lines.map { Double($0.bottom - $0.top) }) ?? 1
        let spacing = median(zip(lines, lines.dropFirst()).compactMap { a, b -> Double? in
            let gap = b.top - a.top
            return gap > 0 ? Double(gap) : nil
        })
        let leftEdge = lines.map(\.left).min() ?? 0

        var out = ""
        var previousTop: Int?
        for line in lines {
            if let previousTop, let spacing, Double(line.top - previousTop) > spacing * 1.6 {
                out += "\n"
            }
            let indent = max(0, Int((Double(line.left - leftEdge) / max(charWidth, 1)).rounded()))
            out += String(repeating: " ", count: indent) + line.text + "\n"
            previousTop = line.top
        }
        return out
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[values.count / 2]
    }
}

private extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
