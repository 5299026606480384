import Foundation

/// A labelled set of reports under everyday names, with the truth beside them: copies of the
/// sample corpus under the name shapes people use (in folders, with the year and unit moved
/// about, copy words, or nothing but a title), and government work reports written here the
/// way national and provincial governments publish them (title, delivery line, speaker, web
/// crumbs), saved under the names of real archives.
struct LabelledReports {
    struct Truth: Hashable {
        var path: String
        var unit: String
        var year: Int
    }

    var files: [String: Data] = [:]
    var truth: [Truth] = []

    /// The truth of the sample corpus: the strict names, and the two reports named otherwise.
    static func corpusTruth() throws -> [(file: String, unit: String, year: Int, title: String, ext: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: sampleCorpus.path).sorted()
        return names.compactMap { name in
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            let parts = stem.split(separator: "_").map(String.init)
            if parts.count == 3, let year = Int(parts[1]) { return (name, parts[0], year, parts[2], ext) }
            switch name {
            case "report-07.txt": return (name, "县教育局", 2023, "工作总结", ext)
            case "2023年度工作总结.txt": return (name, "市生态环境局", 2023, "工作总结", ext)
            default: return nil
            }
        }
    }

    init() throws {
        for (i, report) in try Self.corpusTruth().enumerated() {
            let data = try Data(contentsOf: sampleCorpus.appendingPathComponent(report.file))
            let (u, y, t, e) = (report.unit, report.year, report.title, report.ext)
            let shapes = [
                "\(u)/\(y)年/\(t).\(e)",
                "\(y)年\(u)\(t)（定稿）.\(e)",
                "\(t)-\(y)(1).\(e)",
                "归档\(i)/\(t).\(e)",
                "关于\(y)年度\(t)（\(u)）.\(e)",
                "\(u)\(y)年度\(t).\(e)",
            ]
            for shape in shapes { add(shape, data, unit: u, year: y) }
        }
        for report in Self.national {
            let text = Self.nationalText(report)
            let y = report.year
            for shape in ["\(y)年中华人民共和国国务院政府工作报告.txt", "政府工作报告\(y).txt", "两会文件/\(y)年政府工作报告.txt",
                          "历年/\(y)/政府工作报告.txt", "\(y)年政府工作报告（全文）.txt"] {
                add(shape, Data(text.utf8), unit: "国务院", year: y)
            }
        }
        for (i, report) in Self.provinces.enumerated() {
            let text = Self.provincialText(report, variant: i)
            let full = report.province, short = report.short
            let unit = full + "人民政府"
            for shape in ["\(full)_2026_政府工作报告.txt", "2026年\(full)政府工作报告.txt", "\(short)/2026/政府工作报告.txt",
                          "政府工作报告（\(short) 2026）.txt", "\(unit)2026年政府工作报告.txt", "省级/政府工作报告-\(short)(1).txt"] {
                add(shape, Data(text.utf8), unit: unit, year: 2026)
            }
        }
    }

    private mutating func add(_ path: String, _ data: Data, unit: String, year: Int) {
        var path = path
        var n = 1
        while files[path] != nil { path = "重名\(n)/" + path; n += 1 }
        files[path] = data
        truth.append(Truth(path: path, unit: unit, year: year))
    }

    // MARK: - Government work reports

    struct National { var year: Int, date: String, meeting: String, premier: String }

    static let national: [National] = [
        National(year: 1954, date: "一九五四年九月二十三日", meeting: "中华人民共和国第一届全国人民代表大会第一次会议", premier: "周恩来"),
        National(year: 1959, date: "1959年4月18日", meeting: "第二届全国人民代表大会第一次会议", premier: "周恩来"),
        National(year: 1980, date: "1980年8月30日", meeting: "第五届全国人民代表大会第三次会议", premier: "华国锋"),
        National(year: 1990, date: "1990年3月20日", meeting: "第七届全国人民代表大会第三次会议", premier: "李鹏"),
        National(year: 2005, date: "二○○五年三月五日", meeting: "第十届全国人民代表大会第三次会议", premier: "温家宝"),
        National(year: 2012, date: "2012年3月5日", meeting: "第十一届全国人民代表大会第五次会议", premier: "温家宝"),
        National(year: 2019, date: "2019年3月5日", meeting: "第十三届全国人民代表大会第二次会议", premier: "李克强"),
        National(year: 2025, date: "2025年3月5日", meeting: "第十四届全国人民代表大会第三次会议", premier: "李强"),
    ]

    static func nationalText(_ r: National) -> String {
        """
        政府工作报告
        ——\(r.date)在\(r.meeting)上
        国务院总理　\(r.premier)
        各位代表：
        现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。
        一、\(r.year - 1)年工作回顾
        \(r.year - 1)年是极不平凡的一年。全国各族人民团结奋斗，经济社会发展取得新成就，乡村振兴扎实推进。
        二、\(r.year)年工作任务
        \(r.year)年是关键之年。我们要坚持稳中求进工作总基调，推动高质量发展。
        各位代表！让我们更加紧密地团结起来，为实现今年的目标任务而努力奋斗！

        """
    }

    struct Province { var province: String, short: String, speaker: String }

    static let provinces: [Province] = [
        Province(province: "广东省", short: "广东", speaker: "广东省省长 王某某"),
        Province(province: "四川省", short: "四川", speaker: "四川省人民政府省长 李某某"),
        Province(province: "湖南省", short: "湖南", speaker: "省长 张某某"),
        Province(province: "北京市", short: "北京", speaker: "北京市市长 赵某某"),
        Province(province: "湖北省", short: "湖北", speaker: ""),
        Province(province: "宁夏回族自治区", short: "宁夏", speaker: "自治区主席 马某某"),
    ]

    /// As provincial newspapers' sites publish them: crumbs, title, delivery line, source and
    /// time, speaker, salutation, 我代表…人民政府.
    static func provincialText(_ r: Province, variant: Int) -> String {
        let level = r.province.hasSuffix("自治区") ? "自治区" : String(r.province.suffix(1))
        let speaker = r.speaker.isEmpty ? "" : r.speaker + "\n"
        return """
        下载
        打印
        【字号：
        】
        2026年\(r.province)政府工作报告
        ——2026年1月\(20 + variant)日在\(r.province)第十四届人民代表大会第四次会议上
        来源：\(r.short)日报
        时间：2026-02-0\(1 + variant)
        \(speaker)各位代表：
        现在，我代表\(level)人民政府，向大会报告工作，请予审议。
        一、2025年工作回顾
        2025年是“十四五”规划收官之年。在\(level)委坚强领导下，全\(level)经济稳中向好。
        二、2026年主要任务
        2026年是“十五五”开局之年。我们将扎实推进乡村全面振兴，持续优化营商环境。
        相关报道：

        """
    }
}
