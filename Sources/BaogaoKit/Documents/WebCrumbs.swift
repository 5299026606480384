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

    /// The labels' scalars, longest first is not needed: every label is tried.
    private static let labelScalars: [[Unicode.Scalar]] = labels.map { Array($0.unicodeScalars) }

    /// Whether the line is a crumb: a label and a colon, or 【…】 and 相关报道 labels.
    /// Compared scalar by scalar on the line's first few: it runs on the opening and closing
    /// passages of every report indexed (String's `hasPrefix` by characters cost 15% of a build).
    static func isCrumb(_ line: some StringProtocol) -> Bool {
        var head: [Unicode.Scalar] = []
        for scalar in line.unicodeScalars {
            if head.isEmpty && scalar.isReportSpace { continue }
            head.append(scalar)
            if head.count > 6 { break }
        }
        guard let first = head.first else { return false }
        if first == "【" || first == "[" { return true }
        for label in labelScalars where head.count >= label.count && head.starts(with: label) {
            guard head.count > label.count else { return true }
            let next = head[label.count]
            if next == "：" || next == ":" { return true }
            // The label alone, then only spaces to the end of the line.
            if next.isReportSpace, ReportText.trimmed(Substring(line)).unicodeScalars.count == label.count { return true }
        }
        return false
    }
}
