import Foundation
@testable import BaogaoKit

/// A folder of made-up reports, the same for the same seed: numbered headings, paragraphs
/// drawn from the phrases of real work reports, unit_year_title file names.
///
/// `version` 1 is the folder as first written; version 2 edits every 5th report, deletes
/// every 7th and adds a tenth more, so an incremental run has all three kinds of work.
///
/// ```swift
/// let reports = GeneratedReports(count: 300, seed: 7)
/// try reports.materialize(version: 1, in: folder)
/// ```
struct GeneratedReports {
    var count: Int
    var seed: UInt64
    /// Paragraphs per report (about 100 bytes each).
    var paragraphs = 60

    static let units = ["市农业农村局", "市发展和改革委员会", "市XX办", "县人民政府", "市生态环境局", "区教育局",
                        "市商务局", "市财政局", "县委组织部", "市卫生健康委员会"]
    static let titles = ["工作总结", "政府工作报告", "机关党建工作总结", "乡村振兴工作总结", "优化营商环境工作总结"]
    static let phrases = [
        "乡村振兴稳步推进", "营商环境持续优化", "万人助万企活动扎实开展", "数字政府建设取得新进展",
        "生态环境质量明显改善", "全面从严治党向纵深发展", "巩固拓展脱贫攻坚成果", "民生保障更加有力",
        "重大项目建设加快推进", "科技创新能力不断增强", "安全生产形势总体平稳", "基层治理水平持续提升",
        "水污染防治攻坚战取得成效", "高标准农田建设任务全面完成", "优化营商环境专项行动", "党建引领作用充分发挥",
        "招商引资实现新突破", "教育事业均衡发展", "医疗卫生服务能力提升", "文化惠民工程深入实施",
    ]

    /// The files of `version`: relative path → bytes.
    func files(version: Int) -> [String: Data] {
        var files: [String: Data] = [:]
        let total = version >= 2 ? count + count / 10 : count
        for i in 0..<total {
            if version >= 2, i < count, i % 7 == 3 { continue }
            let edited = version >= 2 && i % 5 == 1
            files[path(i)] = Data(text(i, edition: edited ? 2 : 1).utf8)
        }
        return files
    }

    /// Writes `version` into `folder`: changed files rewritten with a time of their own,
    /// files of no version removed. Files unchanged between versions are not touched.
    func materialize(version: Int, in folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let wanted = files(version: version)
        for name in try fm.contentsOfDirectory(atPath: folder.path) where wanted[name] == nil {
            try fm.removeItem(at: folder.appendingPathComponent(name))
        }
        for (name, data) in wanted {
            let url = folder.appendingPathComponent(name)
            if fm.contents(atPath: url.path) == data { continue }
            try data.write(to: url)
            let time = Date(timeIntervalSince1970: 1_700_000_000 + Double(version * 1000 + data.count % 997))
            try fm.setAttributes([.modificationDate: time], ofItemAtPath: url.path)
        }
    }

    func path(_ i: Int) -> String {
        let unit = Self.units[i % Self.units.count]
        return "\(unit)_\(2018 + i % 7)_\(Self.titles[i % Self.titles.count])\(i).txt"
    }

    func text(_ i: Int, edition: Int) -> String {
        var rng = SeededGenerator(seed: seed &+ UInt64(i) &* 7919 &+ UInt64(edition) &* 104_729)
        var lines = ["\(Self.units[i % Self.units.count])\(2018 + i % 7)年\(Self.titles[i % Self.titles.count])", ""]
        let numerals = ["一", "二", "三", "四", "五", "六"]
        var paragraph = 0
        for (n, numeral) in numerals.enumerated() {
            lines.append("\(numeral)、\(Self.phrases[(i + n) % Self.phrases.count])")
            for sub in 0..<2 {
                lines.append("（\(numerals[sub])）\(Self.phrases[Int.random(in: 0..<Self.phrases.count, using: &rng)])")
                for _ in 0..<(paragraphs / 12) {
                    paragraph += 1
                    var sentence = ""
                    for _ in 0..<4 {
                        sentence += Self.phrases[Int.random(in: 0..<Self.phrases.count, using: &rng)]
                        sentence += ["，", "；", "。"][Int.random(in: 0..<3, using: &rng)]
                    }
                    lines.append("\(sentence)第\(paragraph)项工作编号\(i)-\(edition)。")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Writes `files` (relative path → contents) under `folder`.
func write(_ files: [String: Data], in folder: URL) throws {
    for (path, data) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
