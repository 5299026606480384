/// The metadata a report's text gives, read from its passages. Pure.
///
/// Title: the first Markdown `#` heading, else the first substantive line before any heading
/// (web crumbs, salutations, letterheads and dates aside). Year: the one the report names
/// itself by — in its title, its delivery line (`——2019年3月5日在…会议上`, `（2024年2月XX日）`),
/// the first year of its opening, or its signature date — never a crumb's date. Unit: the
/// speaker line (`国务院总理 李克强`), `我代表…政府`, the signature at the end, else the unit
/// the title and opening name most often.
///
/// ```swift
/// let reading = TextReading(structure: StructureParser.parse(text))
/// reading.title() // "市生态环境局2023年度工作总结"
/// ```
struct TextReading {
    let structure: DocumentStructure

    /// How many passages count as the opening, and as the closing where signatures stand.
    static let openingCount = 12
    static let closingCount = 5
    /// The longest title.
    static let titleLimit = 60
    /// The longest delivery line.
    static let deliveryLimit = 80

    /// The lines of the report's headings.
    private let headingLines: Set<Int>
    /// The first passages that are not web crumbs.
    private let content: [Passage]
    /// The last passages that are not web crumbs, where signatures stand.
    private let closing: [Passage]
    /// The opening passages: the first few that are no crumbs, up to the first heading below
    /// the title or the first article of a law.
    private let opening: ArraySlice<Passage>

    /// Finds the opening and closing once: every rule reads them (recomputing them per rule
    /// cost a quarter of a build).
    init(structure: DocumentStructure) {
        self.structure = structure
        headingLines = Set(structure.sections.map(\.line))
        content = structure.passages.prefix(Self.openingCount * 2).filter { !WebCrumbs.isCrumb($0.text) }
        closing = Array(structure.passages.suffix(Self.closingCount * 2).filter { !WebCrumbs.isCrumb($0.text) }
            .suffix(Self.closingCount))
        let titleLines = Set(structure.sections.filter { $0.kind == .markdown(1) }.map(\.line))
        let headings = headingLines.subtracting(titleLines)
        let passages = content.prefix(Self.openingCount)
        let end = passages.firstIndex(where: { headings.contains($0.line) || HeadingRecognizer.isArticle($0.text) })
        opening = passages[..<(end ?? passages.endIndex)]
    }

    /// The first Markdown heading, or the first substantive line if it reads as a title.
    func title() -> String? {
        if let markdown = structure.sections.first(where: { if case .markdown = $0.kind { true } else { false } }) {
            return markdown.heading
        }
        let headings = headingLines
        for passage in content.prefix(5) {
            let line = ReportText.trimmed(passage.text)
            if LineKinds.isSalutation(line) || UnitNames.isUnitName(line) || ReportDates.isDateLine(line) {
                continue // a letterhead or salutation before the title
            }
            guard !headings.contains(passage.line),
                  ReportText.count(line, upTo: Self.titleLimit) <= Self.titleLimit,
                  !ReportText.contains(line, where: ReportText.isSentenceEnd),
                  !line.hasPrefix("—"), deliveryYear(line) == nil else { return nil }
            return String(line)
        }
        return nil
    }

    /// The year of the title, the delivery line, the opening, else a dated signature.
    func year(title: String?) -> Int? {
        if let title, let year = NameYears.firstYear(in: title) { return year }
        for passage in opening {
            if let year = deliveryYear(ReportText.trimmed(passage.text)) { return year }
        }
        for passage in opening {
            if let year = ReportDates.firstYearBeforeNian(in: ReportText.prefix(passage.text[...], scalars: 2000)) {
                return year
            }
        }
        for passage in closing.reversed() where ReportDates.isDateLine(passage.text) {
            return ReportDates.leadingDateYear(passage.text)
        }
        return nil
    }

    /// The year of a line that opens with a date, after dashes or a bracket:
    /// `——2019年3月5日在第十三届全国人民代表大会第二次会议上`, `（2024年2月XX日）`,
    /// `——二〇二六年一月二十七日在…`.
    func deliveryYear(_ line: Substring) -> Int? {
        guard ReportText.count(line, upTo: Self.deliveryLimit) <= Self.deliveryLimit else { return nil }
        var text = line
        while let first = text.unicodeScalars.first, first == "—" || first == "-" || first == "－" || first == "（"
                || first == "(" || first.isReportSpace {
            text = text.dropFirst()
        }
        let normalized = String(text).replacingOccurrences(of: "○", with: "〇")
        guard let date = ReportDates.leadingDate(normalized[...]) else { return nil }
        let rest = normalized[date.end...]
        guard rest.isEmpty || rest.hasPrefix("在") || rest.hasPrefix("）") || rest.hasPrefix(")")
                || rest.hasPrefix("X") || rest.hasPrefix("×") || rest.contains("会议") else { return nil }
        return date.year
    }

    /// The place of a level (省, 市, 自治区 …) the title or opening names.
    func place(level: String, title: String?) -> String? {
        if let title, let found = PlaceNames.find(level: level, in: title) { return found }
        for passage in opening {
            let text = ReportText.prefix(passage.text[...], scalars: 300)
            if let p = PlaceNames.provinces.first(where: { $0.full.hasSuffix(level) && text.contains($0.full) }) {
                return p.full
            }
        }
        return nil
    }

    /// Who speaks (speaker line, 我代表…), the signature's unit, else the most frequent unit
    /// named in the title or opening.
    func unit(title: String?) -> String? {
        let place = { (level: String) in self.place(level: level, title: title) }
        for passage in opening {
            if let unit = SpeakerLines.speakerUnit(passage.text, place: place) { return unit }
        }
        for passage in opening {
            if let unit = SpeakerLines.representedUnit(passage.text, place: place) { return unit }
        }
        let headings = headingLines
        for passage in closing.reversed() where !headings.contains(passage.line) && UnitNames.isUnitName(passage.text) {
            let signature = String(ReportText.trimmed(passage.text))
            // 中共市XX办党组 signing the 市XX办 report of the title: the title's unit.
            if let title, let named = UnitNames.find(in: title).first, named != signature, signature.contains(named) {
                return named
            }
            return signature
        }
        var candidates: [String] = []
        if let title { candidates += UnitNames.find(in: title) }
        for passage in opening {
            candidates += UnitNames.find(in: ReportText.prefix(passage.text[...], scalars: 2000))
        }
        var best: (name: String, count: Int, first: Int)?
        var seen: Set<String> = []
        for name in candidates where seen.insert(name).inserted {
            var count = 0, first = Int.max, offset = 0
            for passage in structure.passages {
                let found = Occurrences.count(of: name, in: passage.text)
                if found.count > 0, first == Int.max { first = offset + found.first }
                count += found.count
                offset += passage.text.utf8.count + 1
            }
            guard count > 0 else { continue }
            if let b = best, b.count > count || (b.count == count && b.first <= first) { continue }
            best = (name, count, first)
        }
        return best?.name
    }
}
