/// The unit behind who speaks: a speaker line under a title (`国务院总理 李克强`,
/// `湖北省人民政府省长 李殿勋`, `区人社局党组书记、局长 XXX`) and the words
/// `我代表国务院` / `我代表省人民政府`. Pure.
///
/// A head of government speaks for its people's government: 总理 for 国务院, 省长, 市长,
/// 县长, 区长, 州长 and an autonomous region's 主席 for the government of their place. When
/// the line names only the level (`省长 王新伟`, `我代表省人民政府`), `place` gives the
/// place of that level named in the title or text.
///
/// ```swift
/// SpeakerLines.speakerUnit("国务院总理 李克强") { _ in nil }                 // "国务院"
/// SpeakerLines.speakerUnit("省长 王新伟") { $0 == "省" ? "辽宁省" : nil }       // "辽宁省人民政府"
/// SpeakerLines.representedUnit("现在，我代表国务院，向大会报告…") { _ in nil }  // "国务院"
/// ```
enum SpeakerLines {
    /// Heads of government and the level of the place they govern.
    static let heads: [(office: String, level: String)] = [
        ("国务院总理", ""), ("代总理", ""), ("总理", ""), ("代省长", "省"), ("省长", "省"), ("代市长", "市"), ("市长", "市"),
        ("代县长", "县"), ("县长", "县"), ("代区长", "区"), ("区长", "区"), ("州长", "州"), ("盟长", "盟"), ("旗长", "旗"),
        ("自治区主席", "自治区"), ("代主席", "自治区"), ("主席", "自治区"),
    ]
    /// Other offices, whose unit is written before them.
    static let offices = ["党组书记", "党委书记", "书记", "局长", "主任", "厅长", "部长", "院长", "署长", "行长",
                          "董事长", "总经理", "镇长", "乡长", "会长", "社长", "校长"]

    /// The longest speaker line.
    static let lineLimit = 40

    /// The unit of a speaker line, or nil when the line is not one. The name stands apart
    /// from the office: `市长 龚 正`, not `市长江大桥`.
    static func speakerUnit(_ line: some StringProtocol, place: (String) -> String?) -> String? {
        let text = ReportText.trimmed(Substring(line))
        guard ReportText.count(text, upTo: lineLimit) <= lineLimit, text.unicodeScalars.contains(where: \.isReportSpace),
              !text.unicodeScalars.contains(where: { ReportText.isClauseEnd($0) }) else { return nil }
        let compact = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.isReportSpace }))
        // The office that ends the title, right before the person's name.
        var best: (office: String, level: String?, range: Range<String.Index>)?
        for (office, level) in heads.map({ ($0.office, Optional($0.level)) }) + offices.map({ ($0, nil) }) {
            guard let range = compact.range(of: office, options: .backwards) else { continue }
            if let b = best, b.range.upperBound > range.upperBound
                || (b.range.upperBound == range.upperBound && b.range.lowerBound <= range.lowerBound) { continue }
            best = (office, level, range)
        }
        guard let best, isPersonName(compact[best.range.upperBound...]) else { return nil }
        var prefix = String(compact[..<best.range.lowerBound])
        while let last = prefix.unicodeScalars.last, last == "、" || last == "兼" { prefix.removeLast() }
        for office in offices + ["副"] where prefix.hasSuffix(office) { prefix.removeLast(office.count) }
        guard let level = best.level else {
            return UnitNames.find(in: prefix).last ?? (UnitNames.isUnitName(prefix) ? prefix : nil)
        }
        return government(named: prefix, level: level, place: place)
    }

    /// The unit after 我代表 in a passage: 国务院, 上海市人民政府, 省人民政府 (+ place).
    static func representedUnit(_ passage: some StringProtocol, place: (String) -> String?) -> String? {
        let text = String(ReportText.prefix(Substring(passage), scalars: 300))
        guard let range = text.range(of: "我代表") else { return nil }
        let rest = text[range.upperBound...]
        if rest.hasPrefix("国务院") || rest.hasPrefix("中央人民政府") { return "国务院" }
        guard let end = rest.range(of: "政府") else { return nil }
        var body = String(rest[..<end.lowerBound])
        guard body.unicodeScalars.count <= 12, !body.unicodeScalars.contains(where: { ReportText.isClauseEnd($0) })
        else { return nil }
        if body.hasSuffix("人民") { body.removeLast(2) }
        let level = PlaceNames.levels.first(where: { body == $0 })
        if let level { return government(named: "", level: level, place: place) }
        return government(named: body, level: "", place: place)
    }

    /// The people's government of a place named in `prefix` (上海市, 河北省人民政府), or of
    /// the place of `level` the report names.
    private static func government(named prefix: String, level: String, place: (String) -> String?) -> String? {
        if prefix.hasSuffix("国务院") || (prefix.isEmpty && level.isEmpty) { return "国务院" }
        if prefix.hasSuffix("政府") { return UnitNames.find(in: prefix).last ?? prefix }
        var body = prefix
        if body.hasSuffix("人民") { body.removeLast(2) }
        if PlaceNames.isPlace(body), body != level { return body + "人民政府" }
        guard body.isEmpty || body == level || PlaceNames.levels.contains(body) else { return nil }
        guard let found = place(body.isEmpty ? level : body) else { return nil }
        return found + "人民政府"
    }

    /// A person's name as a speaker line ends: 2–4 ideographs (or XXX), or a transcribed
    /// name with ·.
    private static func isPersonName(_ name: Substring) -> Bool {
        let scalars = name.unicodeScalars
        let count = scalars.count
        guard count >= 2 else { return false }
        if scalars.contains("·") { return count <= 12 && scalars.allSatisfy { $0.isHan || $0 == "·" } }
        return count <= 4 && scalars.allSatisfy { $0.isHan || UnitNames.placeholders.contains($0) }
    }
}
