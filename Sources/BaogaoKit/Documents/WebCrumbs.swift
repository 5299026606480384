/// Lines a web page adds around a report: 来源：…, 时间：…, 责任编辑：… They are kept as
/// passages (they hold text a user may search) but never give a unit, year or title. Pure.
///
/// ```swift
/// WebCrumbs.isCrumb("来源：解放日报")        // true
/// WebCrumbs.isCrumb("时间：2026-02-09")      // true
/// WebCrumbs.isCrumb("2026年上海市政府工作报告") // false
/// ```
enum WebCrumbs {
    /// Labels that open a crumb line, before a colon.
    static let labels: [String] = [
        "来源", "信息来源", "文章来源", "稿件来源", "稿源", "出处", "时间", "发布时间", "发布日期", "更新时间", "日期",
        "责任编辑", "编辑", "作者", "记者", "通讯员", "浏览次数", "浏览", "阅读", "点击", "点击数", "访问量", "字号",
        "字体", "分享", "打印", "索引号", "相关报道", "相关链接", "扫一扫",
    ]

    /// Whether the line is a crumb: a label and a colon, or 【…】 and 相关报道 labels.
    static func isCrumb(_ line: some StringProtocol) -> Bool {
        let text = ReportText.trimmed(Substring(line))
        guard let first = text.unicodeScalars.first else { return false }
        if first == "【" || first == "[" { return true }
        for label in labels where text.hasPrefix(label) {
            let rest = text.dropFirst(label.count)
            if rest.isEmpty { return true }
            if let colon = rest.unicodeScalars.first, colon == "：" || colon == ":" { return true }
        }
        return false
    }
}
