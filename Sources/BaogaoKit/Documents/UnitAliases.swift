/// One unit, one name: turns the names a body goes by into the name it gives itself. Pure.
///
/// The built-in table expands the usual short forms at the end of a name (市发改委 →
/// 市发展和改革委员会, 县人社局 → 县人力资源和社会保障局, 北京市政府 → 北京市人民政府),
/// writes province names out (四川 → 四川省) and names the national government 国务院. A
/// place alone heading a government work report is its people's government (上海市 →
/// 上海市人民政府). The user's aliases (`units.csv` at the folder's root: `alias,unit`) come
/// first and last: an alias of the name as found or of the built-in result wins.
///
/// ```swift
/// UnitAliases().canonical("湖南省政府", governmentReport: true)      // "湖南省人民政府"
/// UnitAliases(["市XX办": "市委XX办公室"]).canonical("市XX办")         // "市委XX办公室"
/// ```
public struct UnitAliases: Sendable, Hashable {
    /// The user's aliases: name as written → the unit's name.
    public var aliases: [String: String]

    public init(_ aliases: [String: String] = [:]) {
        self.aliases = aliases
    }

    /// Short forms at the end of a unit's name and what they stand for, longest first.
    static let shortForms: [(short: String, full: String)] = [
        ("政府办公室", "人民政府办公室"), ("政府办公厅", "人民政府办公厅"), ("政府办", "人民政府办公室"),
        ("退役军人局", "退役军人事务局"), ("市场监管局", "市场监督管理局"), ("行政审批局", "行政审批服务局"),
        ("人大常委会", "人民代表大会常务委员会"),
        ("发改委", "发展和改革委员会"), ("发改局", "发展和改革局"), ("工信局", "工业和信息化局"),
        ("工信厅", "工业和信息化厅"), ("经信局", "经济和信息化局"), ("人社局", "人力资源和社会保障局"),
        ("人社厅", "人力资源和社会保障厅"), ("住建局", "住房和城乡建设局"), ("住建厅", "住房和城乡建设厅"),
        ("住建委", "住房和城乡建设委员会"), ("卫健委", "卫生健康委员会"), ("卫健局", "卫生健康局"),
        ("文旅局", "文化和旅游局"), ("文旅厅", "文化和旅游厅"), ("教体局", "教育和体育局"),
        ("科技局", "科学技术局"), ("科技厅", "科学技术厅"), ("交通局", "交通运输局"), ("应急局", "应急管理局"),
        ("医保局", "医疗保障局"), ("国资委", "国有资产监督管理委员会"), ("城管局", "城市管理局"),
        ("网信办", "网络安全和信息化委员会办公室"), ("编办", "机构编制委员会办公室"),
        ("大数据局", "大数据管理局"), ("民宗局", "民族宗教事务局"), ("农业农村委", "农业农村委员会"),
        ("政府", "人民政府"),
    ]

    /// Names of the national government.
    static let nationalGovernment: Set<String> = ["国务院", "中华人民共和国国务院", "中央人民政府", "中华人民共和国中央人民政府"]

    /// The name a unit goes by everywhere. `governmentReport`: the report is a government
    /// work report, so a place alone stands for its people's government.
    public func canonical(_ name: String, governmentReport: Bool = false) -> String {
        let found = String(ReportText.trimmed(name))
        if let alias = aliases[found] { return alias }
        let built = Self.builtIn(found, governmentReport: governmentReport)
        return aliases[built] ?? built
    }

    /// The built-in rules alone.
    static func builtIn(_ name: String, governmentReport: Bool) -> String {
        if nationalGovernment.contains(name) { return "国务院" }
        var result = name
        // 四川 → 四川省, 北京政府 → 北京市政府, 广西自治区 → 广西壮族自治区.
        if let (full, length) = PlaceNames.leadingProvince(result) {
            result = full + String(String.UnicodeScalarView(result.unicodeScalars.dropFirst(length)))
        }
        for form in shortForms where result.hasSuffix(form.short) && !result.hasSuffix(form.full) {
            let body = result.unicodeScalars.dropLast(form.short.unicodeScalars.count)
            guard !body.isEmpty else { break }
            result = String(String.UnicodeScalarView(body)) + form.full
            break
        }
        if governmentReport, PlaceNames.isPlace(result) { result += "人民政府" }
        return result
    }
}
