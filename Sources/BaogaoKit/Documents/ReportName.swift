/// What a report's path says about it: unit, year and title from the file name in any of
/// the shapes people give it, then from its folders, nearest first. Pure.
///
/// Shapes read: `{unit}_{year}_{title}`; the year anywhere (`2021年`, `2021年度`, `（2021）`,
/// `-2021`, `2021.`, `二〇二一年`) with the unit before it (`市发改委2023年工作总结`) or
/// after it (`2026年广东省政府工作报告`), or in brackets (`政府工作报告（四川 2026）`,
/// `关于2022年度乡村振兴工作的总结（县农业农村局）`); the title is what is left, without
/// words such as 全文, 定稿, 最终版, 打印版 or a copy number `(1)`. A folder counts when it is
/// a unit or place (`四川/`, `市农业农村局/`), a year (`2019/`, `2022年/`), or both.
///
/// ```swift
/// let facts = ReportName.facts(path: "历年/2019/政府工作报告.txt")
/// // year 2019 (.folderName), title "政府工作报告" (.fileName), no unit
/// ```
enum ReportName {
    /// The facts of one name: a unit as written, a year, a title.
    struct Parts: Equatable {
        var unit: String?
        var year: Int?
        var title: String?
    }

    /// The metadata the path gives, each field with its source.
    static func facts(path: String) -> ReportMetadata {
        var meta = ReportMetadata()
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        guard let file = components.last else { return meta }
        let parts = fileParts(file)
        meta.unit = parts.unit
        meta.year = parts.year
        meta.title = parts.title
        meta.unitSource = parts.unit == nil ? nil : .fileName
        meta.yearSource = parts.year == nil ? nil : .fileName
        meta.titleSource = parts.title == nil ? nil : .fileName
        for folder in components.dropLast().reversed() where meta.unit == nil || meta.year == nil {
            let parts = folderParts(folder)
            if meta.unit == nil, let unit = parts.unit { meta.unit = unit; meta.unitSource = .folderName }
            if meta.year == nil, let year = parts.year { meta.year = year; meta.yearSource = .folderName }
        }
        return meta
    }

    /// A file name's parts.
    static func fileParts(_ file: String) -> Parts {
        if let strict = ReportFileName(file) {
            // The title part is a title whatever it holds, copy words aside.
            let title = trimmed(NameNoise.stripped(Array(strict.title.unicodeScalars)))
            return Parts(unit: strict.unit, year: strict.year,
                         title: title.isEmpty ? strict.title : String(String.UnicodeScalarView(title)))
        }
        return parts(of: Array(ReportFileName.droppingExtension(file).unicodeScalars))
    }

    /// A folder's unit and year, when the folder is nothing more than those.
    static func folderParts(_ folder: String) -> Parts {
        let found = parts(of: Array(folder.unicodeScalars))
        guard found.title == nil else { return Parts() }
        return Parts(unit: found.unit, year: found.year)
    }

    /// Reads unit, year and title out of a name without its extension.
    static func parts(of name: [Unicode.Scalar]) -> Parts {
        var s = NameNoise.stripped(name)
        var result = Parts()
        // A bracketed part at the end: （四川 2026）, （县农业农村局）, (2021).
        if let (inner, start) = trailingBracket(s) {
            let inside = parts(of: inner)
            if inside.title == nil, inside.unit != nil || inside.year != nil {
                result.unit = inside.unit
                result.year = inside.year
                s = Array(s[..<start])
            }
        }
        var before = s
        var after: [Unicode.Scalar] = []
        var yearText: [Unicode.Scalar] = []
        if let token = NameYears.first(in: s) {
            result.year = result.year ?? token.year
            before = Array(s[..<token.range.lowerBound])
            after = Array(s[token.range.upperBound...])
            yearText = Array(s[token.range])
        }
        before = trimmed(before)
        after = trimmed(after)
        var titleScalars: [Unicode.Scalar]
        if let unit = wholeUnit(before) {
            result.unit = result.unit ?? unit
            titleScalars = after
        } else if before.isEmpty, let (unit, rest) = leadingUnit(after) {
            result.unit = result.unit ?? unit
            titleScalars = rest
        } else if before.isEmpty {
            titleScalars = after
        } else if after.isEmpty, let (unit, rest) = leadingUnit(before) {
            result.unit = result.unit ?? unit
            titleScalars = rest
        } else if after.isEmpty {
            titleScalars = before
        } else {
            // 关于2022年度乡村振兴工作的总结: the year is part of the title.
            titleScalars = before + yearText + after
        }
        result.title = cleaned(titleScalars)
        return result
    }

    /// The whole text as a unit: a unit name, a national body or a place.
    static func wholeUnit(_ s: [Unicode.Scalar]) -> String? {
        guard !s.isEmpty else { return nil }
        let text = String(String.UnicodeScalarView(s))
        if UnitAliases.nationalGovernment.contains(text) || UnitNames.isUnitName(text) || PlaceNames.isPlace(text) {
            return text
        }
        return nil
    }

    /// A unit at the start of the text and the rest: 广东省政府|工作报告 (the title then
    /// reads 政府工作报告), 中华人民共和国国务院|政府工作报告, 市XX办|机关党建工作总结.
    static func leadingUnit(_ s: [Unicode.Scalar]) -> (String, [Unicode.Scalar])? {
        let text = String(String.UnicodeScalarView(s))
        for national in UnitAliases.nationalGovernment.sorted(by: { $0.count > $1.count }) where text.hasPrefix(national) {
            return (national, Array(s.dropFirst(national.unicodeScalars.count)))
        }
        guard var unit = UnitNames.find(in: text).first, text.hasPrefix(unit) else { return nil }
        var rest = Array(s.dropFirst(unit.unicodeScalars.count))
        // XX县人民政府政府工作报告: the second 政府 opens the title.
        if unit.hasSuffix("政府政府") {
            unit.removeLast(2)
            rest = Array("政府".unicodeScalars) + rest
        }
        if unit.hasSuffix("政府"), String(String.UnicodeScalarView(rest)).hasPrefix("工作报告") {
            rest = Array("政府".unicodeScalars) + rest
        }
        return (unit, rest)
    }

    /// The inside of a bracketed part ending the name, and where it starts.
    static func trailingBracket(_ s: [Unicode.Scalar]) -> ([Unicode.Scalar], Int)? {
        guard let last = s.last, let open = NameNoise.brackets[last],
              let start = s.lastIndex(of: open), start > 0 else { return nil }
        return (Array(s[(start + 1)..<(s.count - 1)]), start)
    }

    /// A title from what is left: trimmed, with at least one ideograph.
    static func cleaned(_ s: [Unicode.Scalar]) -> String? {
        let t = trimmed(NameNoise.stripped(s))
        guard t.contains(where: \.isHan) else { return nil }
        return String(String.UnicodeScalarView(t))
    }

    /// Without separators and stray brackets at either end.
    static func trimmed(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var start = 0, end = s.count
        while start < end, NameNoise.isSeparator(s[start]) || NameNoise.brackets.keys.contains(s[start]) { start += 1 }
        while end > start, NameNoise.isSeparator(s[end - 1]) || NameNoise.brackets.values.contains(s[end - 1]) { end -= 1 }
        return Array(s[start..<end])
    }
}
