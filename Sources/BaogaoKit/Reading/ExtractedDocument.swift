/// What a format reader makes of one report: its text as lines, the headings the format marks
/// for sure, and the facts it states about the report.
///
/// The shared pipeline after the reader (``StructureParser``, ``ExplicitHeadings``,
/// ``MetadataInference``) turns it into a ``DocumentStructure`` and ``ReportMetadata``, the same
/// way for every format.
///
/// ```swift
/// var document = ExtractedDocument(encoding: "docx")
/// document.append("一、总体情况", headingLevel: 1)   // a Word "Heading 1" paragraph
/// document.append("全年完成投资12亿元。")
/// document.text          // "一、总体情况\n全年完成投资12亿元。"
/// document.headingLevels // [1: 1]
/// ```
struct ExtractedDocument: Sendable, Hashable {
    /// The report's text: lines separated by "\n". Line numbers (1-based) count these lines.
    private(set) var text: String
    /// How many lines ``text`` holds.
    private(set) var lineCount: Int
    /// Headings the format marks explicitly (Word heading styles and outline levels, HTML
    /// `<h1>`–`<h6>`): 1-based line number → level, 1 the outermost. They win over the
    /// numbering heuristics of ``StructureParser``.
    var headingLevels: [Int: Int]
    /// For a report that is one row of a collection (.csv, .jsonl): its 1-based row number.
    var row: Int?
    /// Facts the format states (the unit, year and title columns of a collection); inferred
    /// fields fill in the rest.
    var stated: ReportMetadata
    /// How the text was stored, for the index: "UTF-8", "GB18030", "docx", "pdf" …
    var encoding: String
    /// A remark for the summary (e.g. bytes that could not be decoded and were replaced).
    var note: String?
    /// The 1-based page of each line (index 0 for line 1), for formats with pages (PDF, a
    /// multi-page TIFF); empty for the others.
    private(set) var linePages: [Int] = []

    init(text: String = "", encoding: String, headingLevels: [Int: Int] = [:], note: String? = nil) {
        self.text = text
        self.lineCount = text.isEmpty ? 0 : text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        self.headingLevels = headingLevels
        self.stated = ReportMetadata()
        self.encoding = encoding
        self.note = note
    }

    /// Appends one line (a paragraph). Line breaks inside `line` start further lines; a
    /// heading level marks the first of them. `page` is the page the line is on.
    mutating func append(_ line: String, headingLevel: Int? = nil, page: Int? = nil) {
        var first = true
        for piece in line.split(separator: "\n", omittingEmptySubsequences: false) {
            let piece = piece.hasSuffix("\r") ? piece.dropLast() : piece
            if lineCount > 0 { text += "\n" }
            text += piece
            lineCount += 1
            if first, let headingLevel { headingLevels[lineCount] = headingLevel }
            if let page {
                if linePages.count < lineCount - 1 { linePages += Array(repeating: linePages.last ?? 1, count: lineCount - 1 - linePages.count) }
                linePages.append(page)
            }
            first = false
        }
    }

    /// The page `line` (1-based) is on, for a format with pages.
    func page(ofLine line: Int) -> Int? {
        line >= 1 && line <= linePages.count ? linePages[line - 1] : nil
    }
}
