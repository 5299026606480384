/// Province-level places and the places a report names, for units such as 省人民政府 that
/// only say their level. Pure.
///
/// ```swift
/// PlaceNames.province(named: "四川")                     // "四川省"
/// PlaceNames.find(level: "市", in: "2026年天津市政府工作报告") // "天津市"
/// PlaceNames.isPlace("XX县")                            // true
/// ```
enum PlaceNames {
    /// Short and full names of the province-level divisions.
    static let provinces: [(short: String, full: String)] = [
        ("北京", "北京市"), ("天津", "天津市"), ("上海", "上海市"), ("重庆", "重庆市"),
        ("河北", "河北省"), ("山西", "山西省"), ("辽宁", "辽宁省"), ("吉林", "吉林省"), ("黑龙江", "黑龙江省"),
        ("江苏", "江苏省"), ("浙江", "浙江省"), ("安徽", "安徽省"), ("福建", "福建省"), ("江西", "江西省"),
        ("山东", "山东省"), ("河南", "河南省"), ("湖北", "湖北省"), ("湖南", "湖南省"), ("广东", "广东省"),
        ("海南", "海南省"), ("四川", "四川省"), ("贵州", "贵州省"), ("云南", "云南省"), ("陕西", "陕西省"),
        ("甘肃", "甘肃省"), ("青海", "青海省"), ("台湾", "台湾省"),
        ("内蒙古", "内蒙古自治区"), ("广西", "广西壮族自治区"), ("西藏", "西藏自治区"),
        ("宁夏", "宁夏回族自治区"), ("新疆", "新疆维吾尔自治区"),
        ("香港", "香港特别行政区"), ("澳门", "澳门特别行政区"),
    ]

    /// The levels a place name ends with, longest first.
    static let levels = ["特别行政区", "自治区", "自治州", "自治县", "街道", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡"]

    /// The full name of a province given its short or full name ("四川" → "四川省"), else nil.
    static func province(named name: some StringProtocol) -> String? {
        let text = String(name)
        return provinces.first { $0.short == text || $0.full == text || $0.short + levelWord($0.full) == text }?.full
    }

    /// 省, 市 or 自治区: what a province's full name adds to its short name.
    private static func levelWord(_ full: String) -> String {
        full.hasSuffix("自治区") ? "自治区" : String(full.suffix(1))
    }

    /// The province whose short name starts `name`, and how many scalars its name there takes
    /// (the short name, or the full one when written out).
    static func leadingProvince(_ name: some StringProtocol) -> (full: String, length: Int)? {
        let text = String(name)
        for p in provinces where text.hasPrefix(p.short) {
            if text.hasPrefix(p.full) { return (p.full, p.full.unicodeScalars.count) }
            let short = p.short + levelWord(p.full)
            if text.hasPrefix(short) { return (p.full, short.unicodeScalars.count) }
            // 四川政府, 四川; not 吉林市 or 海南藏族自治州.
            let rest = text.dropFirst(p.short.count)
            guard rest.isEmpty || rest.hasPrefix("政府") || rest.hasPrefix("人民政府") else { return nil }
            return (p.full, p.short.unicodeScalars.count)
        }
        return nil
    }

    /// Whether the name is only a place: 四川, 四川省, 上海市, XX县, 某某市, 西藏自治区.
    static func isPlace(_ name: some StringProtocol) -> Bool {
        let text = String(name)
        if province(named: text) != nil { return true }
        guard let level = levels.first(where: { text.hasSuffix($0) }) else { return false }
        let body = text.unicodeScalars.dropLast(level.unicodeScalars.count)
        guard (1...6).contains(body.count),
              body.allSatisfy({ $0.isHan || UnitNames.placeholders.contains($0) }),
              !body.contains(where: { UnitNames.stops.contains($0) }) else { return false }
        // 某某市, XX县, 郑州市, 上海市浦东新区; not 市发改委 or 县委.
        return !body.contains(where: { bodyMarks.contains($0) })
    }

    /// Characters that make a name a body rather than a place.
    private static let bodyMarks: Set<Unicode.Scalar> = Set("局办委厅院部府党工会司所校组队站社团".unicodeScalars)

    /// The first place of the given level named in `text`: a province written out
    /// (上海市, 河北省, 西藏自治区), else a run of two to four ideographs before the level
    /// character (天津市, 某某市, XX县), read after a year or the start of the text.
    static func find(level: String, in text: some StringProtocol) -> String? {
        let string = String(text)
        for p in provinces where p.full.hasSuffix(level) || (level == "自治区" && p.full.hasSuffix("自治区")) {
            if string.contains(p.full) { return p.full }
            if level == "自治区", string.contains(p.short + "自治区") { return p.full }
        }
        let scalars = Array(string.unicodeScalars)
        let levelScalars = Array(level.unicodeScalars)
        var i = 0
        while i + levelScalars.count <= scalars.count {
            if Array(scalars[i..<(i + levelScalars.count)]) == levelScalars {
                var start = i
                while start > 0, i - start < 4, scalars[start - 1].isHan || UnitNames.placeholders.contains(scalars[start - 1]),
                      !UnitNames.stops.contains(scalars[start - 1]), !UnitNames.levels.contains(scalars[start - 1]) {
                    start -= 1
                }
                if i - start >= 2 {
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: scalars[start..<(i + levelScalars.count)])
                    return String(name)
                }
            }
            i += 1
        }
        return nil
    }
}
