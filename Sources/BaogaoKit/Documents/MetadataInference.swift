/// Infers a report's unit, year and title from its file name or, failing that, its text. Pure.
///
/// A file name `{unit}_{year}_{title}.ext` gives all three. Otherwise the title is the first
/// substantive line (or the first Markdown `#` heading), the year comes from the title, the
/// opening paragraphs or a dated signature, and the unit from a signature line, or else the
/// most frequent unit name found in the title and opening paragraphs. A field nothing fits
/// stays nil: wrong is worse than empty.
///
/// ```swift
/// let meta = MetadataInference.infer(fileName: "上海市_2026_政府工作报告.txt", text: text, structure: s)
/// // unit "上海市", year 2026, title "政府工作报告", all from .fileName
/// ```
public enum MetadataInference {
    /// The metadata of one report: from its file name when that has all three parts, else
    /// from its text and parsed structure.
    public static func infer(fileName: String, text: String, structure: DocumentStructure) -> ReportMetadata {
        if let name = ReportFileName(fileName) {
            return ReportMetadata(unit: name.unit, year: name.year, title: name.title,
                                  unitSource: .fileName, yearSource: .fileName, titleSource: .fileName)
        }
        let reading = TextReading(text: text, structure: structure)
        let title = reading.title()
        let year = reading.year(title: title)
        let unit = reading.unit(title: title)
        return ReportMetadata(unit: unit, year: year, title: title,
                              unitSource: unit == nil ? nil : .text,
                              yearSource: year == nil ? nil : .text,
                              titleSource: title == nil ? nil : .text)
    }
}

/// The metadata a report's text gives, read from its passages.
///
/// ```swift
/// let reading = TextReading(text: text, structure: StructureParser.parse(text))
/// reading.title() // "市生态环境局2023年度工作总结"
/// ```
struct TextReading {
    var text: String
    var structure: DocumentStructure

    /// How many passages count as the opening, and as the closing where signatures stand.
    static let openingCount = 5
    static let closingCount = 5
    /// The longest title.
    static let titleLimit = 60

    private var headingLines: Set<Int> { Set(structure.sections.map(\.line)) }

    /// The opening passages: the first few, up to the first heading below the title or the
    /// first article of a law.
    private var opening: ArraySlice<Passage> {
        let titleLines = Set(structure.sections.filter { $0.kind == .markdown(1) }.map(\.line))
        let headings = headingLines.subtracting(titleLines)
        let passages = structure.passages.prefix(Self.openingCount)
        let end = passages.firstIndex(where: { headings.contains($0.line) || HeadingRecognizer.isArticle($0.text) })
        return passages[..<(end ?? passages.endIndex)]
    }

    /// The first Markdown heading, or the first substantive line if it reads as a title.
    func title() -> String? {
        if let markdown = structure.sections.first(where: { if case .markdown = $0.kind { true } else { false } }) {
            return markdown.heading
        }
        let headings = headingLines
        for passage in structure.passages.prefix(Self.openingCount) {
            let line = ReportText.trimmed(passage.text)
            if LineKinds.isSalutation(line) || UnitNames.isUnitName(line) || ReportDates.isDateLine(line) {
                continue // a letterhead or salutation before the title
            }
            guard !headings.contains(passage.line),
                  ReportText.count(line, upTo: Self.titleLimit) <= Self.titleLimit,
                  !ReportText.contains(line, where: ReportText.isSentenceEnd),
                  !line.hasPrefix("—") else { return nil }
            return String(line)
        }
        return nil
    }

    /// The year in the title, else the first "20XX年" in the opening, else a dated signature.
    func year(title: String?) -> Int? {
        if let title, let year = ReportDates.firstYear(in: title) { return year }
        for passage in opening {
            if let year = ReportDates.firstYearBeforeNian(in: ReportText.prefix(passage.text[...], scalars: 2000)) {
                return year
            }
        }
        for passage in structure.passages.suffix(Self.closingCount).reversed()
        where ReportDates.isDateLine(passage.text) {
            return ReportDates.leadingDateYear(passage.text)
        }
        return nil
    }

    /// A signature line's unit, else the most frequent unit named in the title or opening.
    func unit(title: String?) -> String? {
        let headings = headingLines
        for passage in structure.passages.suffix(Self.closingCount).reversed()
        where !headings.contains(passage.line) && UnitNames.isUnitName(passage.text) {
            return String(ReportText.trimmed(passage.text))
        }
        var candidates: [String] = []
        if let title { candidates += UnitNames.find(in: title) }
        for passage in opening {
            candidates += UnitNames.find(in: ReportText.prefix(passage.text[...], scalars: 2000))
        }
        var best: (name: String, count: Int, first: Int)?
        var seen: Set<String> = []
        for name in candidates where seen.insert(name).inserted {
            let (count, first) = Occurrences.count(of: name, in: text)
            guard count > 0 else { continue }
            if let b = best, b.count > count || (b.count == count && b.first <= first) { continue }
            best = (name, count, first)
        }
        return best?.name
    }
}

/// Counts a word's occurrences in a text, byte by byte.
///
/// ```swift
/// Occurrences.count(of: "市XX办", in: "市XX办…市XX办") // (2, 0)
/// ```
enum Occurrences {
    /// How often `word` occurs in `text` (without overlaps), and the byte offset of the first.
    static func count(of word: String, in text: String) -> (count: Int, first: Int) {
        let pattern = Array(word.utf8)
        guard let head = pattern.first else { return (0, -1) }
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var first = -1
            var i = 0
            let last = bytes.count - pattern.count
            while i <= last {
                if bytes[i] == head, (1..<pattern.count).allSatisfy({ bytes[i + $0] == pattern[$0] }) {
                    if first < 0 { first = i }
                    count += 1
                    i += pattern.count
                } else {
                    i += 1
                }
            }
            return (count, first)
        }
    }
}
