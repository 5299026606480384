/// Finds the names of government units and organisations in report text.
///
/// A unit name runs from 省/市/县/区/镇/乡 (or a place name, or an "XX"/"某某" placeholder before
/// them) to a suffix such as 办公室, 委员会, 局, 办, 政府, 中心, 公司 or 党组. Bare names of
/// the superior bodies (市委, 市政府, 省委) are not units of their own.
///
/// ```swift
/// UnitNames.find(in: "按照市委部署，市XX办紧扣目标…")   // ["市XX办"]
/// UnitNames.isUnitName("XX县农业农村局")                // true
/// ```
enum UnitNames {
    /// Longest first, so that 办公室 wins over 办 and 人民政府 over 政府.
    static let suffixes: [String] = [
        "街道办事处", "人民政府", "委员会", "办公室", "办公厅", "办事处", "常委会", "管委会",
        "研究所", "派出所", "事务所", "宣传部", "组织部", "统战部", "检察院",
        "政府", "工委", "党委", "党组", "总支", "支部", "协会", "学校", "学院", "大学",
        "公司", "中心", "医院", "法院",
        "办", "局", "委", "厅", "院", "镇",
    ]
    private static let suffixesByFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = {
        var table: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for suffix in suffixes {
            let scalars = Array(suffix.unicodeScalars)
            table[scalars[0], default: []].append(scalars)
        }
        return table
    }()

    /// Suffixes that name an organisation even without a place: XX科技有限公司, XX大学.
    static let organisationSuffixes: Set<String> = ["公司", "学校", "学院", "大学", "协会", "医院"]

    /// Where a unit name may start: the administrative level of a place.
    static let levels: Set<Unicode.Scalar> = ["省", "市", "县", "区", "镇", "乡"]
    /// Characters standing for an anonymised name ("市XX办").
    static let placeholders: Set<Unicode.Scalar> = ["X", "x", "Ｘ", "ｘ", "×", "*", "＊", "○", "某"]
    /// Marks that may sit inside a unit name: 市XX办（市XX局）, 某·某.
    static let nameMarks: Set<Unicode.Scalar> = ["（", "）", "(", ")", "·"]
    /// Function characters that never sit inside a unit name.
    static let stops: Set<Unicode.Scalar> = Set("的在和与及是以为对把将从于向由经并或等了被给到年月日这那我你他她它们有无不也都还就又再才只每各全该其此".unicodeScalars)
    /// Province-level place names, for "上海市…", "西藏自治区…".
    static let provinces: [[Unicode.Scalar]] = [
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
        "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
        "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
    ].map { Array($0.unicodeScalars) }
    /// The longest unit name looked for.
    static let maxLength = 20

    /// The unit names in `text`, in order of appearance, without overlaps.
    static func find(in text: some StringProtocol) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var names: [String] = []
        var i = 0
        while i < scalars.count {
            guard isLevelStart(scalars, at: i) else {
                i += 1
                continue
            }
            // "上海市人民政府" names a unit; a bare "市人民政府" or "市委" is a superior body.
            let (start, named) = extendLeft(scalars, from: i)
            guard let end = runEnd(scalars, from: i, allowingBare: named) else {
                i += 1
                continue
            }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars[start..<end])
            names.append(String(name))
            i = end
        }
        return names
    }

    /// Whether the whole line is a unit name, like a signature "市XX办" or "XX县农业农村局".
    static func isUnitName(_ line: some StringProtocol) -> Bool {
        let text = ReportText.trimmed(Substring(line))
        guard (3...25).contains(ReportText.count(text, upTo: 25)),
              text.unicodeScalars.allSatisfy({ $0.isHan || placeholders.contains($0) || nameMarks.contains($0) }),
              let suffix = suffixes.first(where: { text.hasSuffix($0) })
        else { return false }
        let scalars = Array(text.unicodeScalars)
        if scalars.indices.contains(where: { isStop(scalars, at: $0) }) { return false }
        let body = Array(text.unicodeScalars.dropLast(suffix.unicodeScalars.count))
        if body.count == 1, levels.contains(body[0]) { return false } // 市委, 市政府
        return body.contains(where: { levels.contains($0) || placeholders.contains($0) })
            || text.hasPrefix("中共")
            || organisationSuffixes.contains(suffix)
    }

    // MARK: - Runs

    /// Whether a unit name may start at `index`: 市, 县 … but not the 乡 of 城乡 or a 县级.
    private static func isLevelStart(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard levels.contains(scalars[index]) else { return false }
        if scalars[index] == "乡", index > 0, scalars[index - 1] == "城" { return false }
        return index + 1 >= scalars.count || scalars[index + 1] != "级"
    }

    /// Whether the character at `index` ends a name; 和 does not in 住房和城乡建设局,
    /// 发展和改革委员会, 人力资源和社会保障局, 经济和信息化局, 文化和旅游局.
    private static func isStop(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard stops.contains(scalars[index]) else { return false }
        guard scalars[index] == "和" else { return true }
        return !conjoinedWords.contains(where: { matches(scalars, at: index + 1, $0) })
    }
    private static let conjoinedWords: [[Unicode.Scalar]] = ["城乡", "社会", "信息化", "旅游", "改革", "计划生育"]
        .map { Array($0.unicodeScalars) }

    /// The end of the shortest run from `start` that ends with a suffix. A bare run (市委,
    /// 市政府) goes on into a suffix right after it (市委办公室, 市政府办公厅), and otherwise
    /// counts only when `allowingBare`.
    private static func runEnd(_ scalars: [Unicode.Scalar], from start: Int, allowingBare: Bool) -> Int? {
        var j = start + 1
        while j < scalars.count, j - start < maxLength {
            let s = scalars[j]
            guard s.isHan || placeholders.contains(s), !isStop(scalars, at: j) else { return nil }
            if let found = suffix(in: scalars, at: j) {
                let end = j + found.count
                guard end - start <= maxLength else { return nil }
                guard j == start + 1 else { return end }
                if suffix(in: scalars, at: end) != nil || !allowingBare {
                    // 市委市政府: two superior bodies, no unit.
                    if end < scalars.count, levels.contains(scalars[end]), !allowingBare { return nil }
                    j = end
                    continue
                }
                return end
            }
            j += 1
        }
        return nil
    }

    /// The longest suffix starting at `index`.
    /// A one-character suffix is no suffix when a word goes on: 办法, 办理, 院前, 局面, 委托.
    private static func suffix(in scalars: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        guard index < scalars.count else { return nil }
        return suffixesByFirst[scalars[index]]?.first(where: { suffix in
            guard matches(scalars, at: index, suffix) else { return false }
            let next = index + suffix.count
            // 镇 ends a town's name, not 乡镇 or 城镇.
            if suffix == ["镇"], index > 0, townWords.contains(scalars[index - 1]) { return false }
            guard suffix.count == 1, next < scalars.count,
                  let continuations = wordContinuations[suffix[0]] else { return true }
            return !continuations.contains(scalars[next])
        })
    }

    /// Characters that, before 镇, make a word that is no town: 乡镇, 城镇, 集镇, 村镇.
    private static let townWords: Set<Unicode.Scalar> = Set("乡城集村重".unicodeScalars)

    /// Characters that, after 办/局/委/厅/院, make a word that is no unit.
    private static let wordContinuations: [Unicode.Scalar: Set<Unicode.Scalar>] = [
        "办": Set("法理事学好实案结件成到".unicodeScalars),
        "院": Set("前内外校士长落子线".unicodeScalars),
        "镇": Set("江压守定静痛".unicodeScalars),
        "局": Set("面势部限".unicodeScalars),
        "委": Set("托屈婉员".unicodeScalars),
        "厅": Set("堂".unicodeScalars),
    ]

    private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ word: [Unicode.Scalar]) -> Bool {
        guard index + word.count <= scalars.count else { return false }
        for k in 0..<word.count where scalars[index + k] != word[k] { return false }
        return true
    }

    /// Moves the start of a name left over a place name or placeholder: 上海市…, XX县…,
    /// 中共XX市委…, and at the start of a text a short name like 郑州市…. `named` tells
    /// whether a province or placeholder was found, which makes 上海市政府 a unit.
    private static func extendLeft(_ scalars: [Unicode.Scalar], from start: Int) -> (start: Int, named: Bool) {
        var p = start
        var named = false
        if p >= 2, scalars[p - 2] == "自", scalars[p - 1] == "治" { p -= 2 }
        if p > 0, placeholders.contains(scalars[p - 1]) {
            while p > 0, placeholders.contains(scalars[p - 1]) { p -= 1 }
            named = true
        } else if let province = provinces.first(where: { p >= $0.count && matches(scalars, at: p - $0.count, $0) }) {
            p -= province.count
            named = true
        } else if (2...3).contains(p), scalars[0..<p].allSatisfy({ $0.isHan && !levels.contains($0) && !stops.contains($0) }),
                  !clauseOpeners.contains(scalars[0]) {
            p = 0
        }
        if p >= 2, scalars[p - 2] == "中", scalars[p - 1] == "共" {
            p -= 2
            named = true
        }
        return (p, named)
    }

    /// First characters of the verbs and prepositions that open a clause before a unit
    /// (按照, 根据, 经过, 通过, 围绕, 配合, 会同, 代表 …), which are no place names.
    private static let clauseOpeners: Set<Unicode.Scalar> = Set("按根经通围落贯配协联会报提组邀参代接依对结服支推指牵督积由向据受请送同今".unicodeScalars)
}
