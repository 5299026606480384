/// Lays the headings a format marks for sure (Word heading styles, HTML `<h1>`–`<h6>`) over
/// the structure ``StructureParser`` found in the same text. Pure.
///
/// A marked line is a heading whatever its numbering. Its nesting follows its level: a line
/// the parser also took for a heading keeps the parser's kind (so "一、…" in a Heading 1
/// paragraph nests exactly as in a .txt); an unnumbered one takes the kind the parser found
/// for other headings of the same level, or else the official-document ladder
/// (level 1 → 一、, 2 → （一）, 3 → 1., 4 and deeper → （1）). Sections are then nested again
/// and every passage joins the innermost section opened at or before its line.
///
/// ```swift
/// let text = "总体情况\n全年完成投资12亿元。"
/// let s = ExplicitHeadings.apply([1: 1], to: StructureParser.parse(text))
/// s.sections.map(\.heading)  // ["总体情况"]
/// s.passages.map(\.sectionIndex) // [0, 0]
/// ```
enum ExplicitHeadings {
    static func apply(_ levels: [Int: Int], to structure: DocumentStructure) -> DocumentStructure {
        guard !levels.isEmpty else { return structure }
        let passageText = Dictionary(structure.passages.map { ($0.line, $0.text) }, uniquingKeysWith: { a, _ in a })
        let parsed = Dictionary(structure.sections.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })

        // The kind the parser gave to marked lines, by level, for their unnumbered siblings.
        var found: [Int: HeadingKind] = [:]
        for (line, level) in levels.sorted(by: { $0.key < $1.key }) {
            if let section = parsed[line], found[level] == nil { found[level] = section.kind }
        }
        let kindOfLevel = kinds(for: Set(levels.values), found: found)

        var headings: [(line: Int, heading: String, kind: HeadingKind)] = structure.sections.map {
            ($0.line, $0.heading, $0.kind)
        }
        for (line, level) in levels where parsed[line] == nil {
            // A marked line the parser dropped (a web crumb) stays out.
            guard let text = passageText[line] else { continue }
            let heading = trimmed(text)
            guard !heading.isEmpty else { continue }
            headings.append((line, heading, kindOfLevel[level] ?? ladder(level)))
        }
        headings.sort { $0.line < $1.line }

        var sections: [Section] = []
        var open: [Int] = []
        for h in headings {
            while let top = open.last, sections[top].rank >= h.kind.rank { open.removeLast() }
            sections.append(Section(heading: h.heading, kind: h.kind, line: h.line, parentIndex: open.last))
            open.append(sections.count - 1)
        }

        var passages = structure.passages
        var next = 0
        var current: Int?
        for i in passages.indices {
            while next < sections.count, sections[next].line <= passages[i].line {
                current = next
                next += 1
            }
            passages[i].sectionIndex = current
        }
        return DocumentStructure(sections: sections, passages: passages)
    }

    /// A kind for every level: the one the parser found, else the ladder's, moved outwards when
    /// a deeper level's numbering would otherwise nest at or above it.
    static func kinds(for levels: Set<Int>, found: [Int: HeadingKind]) -> [Int: HeadingKind] {
        var kinds = found
        for level in levels.sorted() where found[level] == nil {
            let deeper = found.filter { $0.key > level }.map(\.value.rank).min() ?? .max
            let outer = kinds.filter { $0.key < level }.map(\.value.rank).max() ?? .min
            let preferred = ladder(level)
            if preferred.rank < deeper && preferred.rank > outer {
                kinds[level] = preferred
            } else if let fit = allKinds.last(where: { $0.rank < deeper && $0.rank > outer }) {
                kinds[level] = fit
            } else {
                kinds[level] = preferred
            }
        }
        return kinds
    }

    /// The numbered kinds, outermost first.
    static let allKinds: [HeadingKind] = [.part, .chapter, .chapterSection, .chineseNumeral,
                                          .parenthesizedChineseNumeral, .arabicNumeral, .parenthesizedArabicNumeral]

    /// The kind of an unnumbered heading of `level` (1 = outermost), after GB/T 9704.
    static func ladder(_ level: Int) -> HeadingKind {
        switch level {
        case ...1: return .chineseNumeral
        case 2: return .parenthesizedChineseNumeral
        case 3: return .arabicNumeral
        default: return .parenthesizedArabicNumeral
        }
    }

    /// The line without surrounding whitespace (ASCII, ideographic space, NBSP).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s.value == 0xFEFF || s.value == 0x200B
    }
}
