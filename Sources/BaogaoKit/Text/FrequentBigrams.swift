/// The 128 two-character words held by most passages of Chinese reports and laws (发展, 应当,
/// 建设, 工作, …), each with a slot, and which of them a passage holds as a bigram token.
///
/// "Which units mention 发展" counts matching passages per report. For a word in a third of
/// all passages that meant walking a million FTS5 rowids at 1 GB; for these words the index
/// keeps each report's number of passages holding them (``ReportBigrams``), so the counts of a
/// frequent word grow with the reports, not with its matches.
///
/// A passage holds a bigram exactly when ``BigramTokenizer`` emits it as a token: its two
/// characters stand next to each other in the folded text, in one run of ideographs
/// (ignorable code points vanish, anything else between them breaks the run).
///
/// The list interleaves the bigrams held by most lines of laws and of provincial work reports
/// (应当 33% of law lines, 发展 54% of report lines, … the last about 3% and 9%). The slots are
/// stored in every index: changing the list means bumping `IndexSchema.schemaVersion`.
///
/// ```swift
/// FrequentBigrams.slot(of: [0x53D1, 0x5C55])             // 1: 发展
/// FrequentBigrams.slots(in: "推进高质量发展").contains(1)  // true
/// ```
public enum FrequentBigrams {
    /// The bigrams, in slot order.
    public static let bigrams: [(UInt32, UInt32)] = {
        let scalars = Array(list.unicodeScalars.map(\.value))
        return stride(from: 0, to: scalars.count, by: 2).map { (scalars[$0], scalars[$0 + 1]) }
    }()

    private static let list = """
        应当发展人民建设或者推进规定提升部门推动管理加快政府实施有关服务民政社会第二经济单位持续行政深化第十产业\
        其他质量工作行动二十创新第三重点主管国家按照全面机构深入可以加强依法高质定的支持管部水平企业进行开展组织\
        现代以上坚持条例促进三十工程人员改革保护中心法律项目本条增长安全第四城市机关落实监督体系委员我们行为强化\
        员会完善综合法规实现量发优化责任不得治理经营生产使用全国设施机制违反重大一条市场活动生态根据科技二条保障\
        三条代化代表四条新增规划提高四十中国五条政策十一打造负责中央门应特色六条积极第五领域下列环境十二
        """

    /// How many slots there are.
    public static var count: Int { bigrams.count }

    /// For a first character 一 (U+4E00) … 鿿 (U+9FFF): where its second characters start in
    /// ``seconds`` (+ 1), or 0 when it starts no bigram of the list.
    private static let firstTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        var offset = 0
        for first in Set(bigrams.map(\.0)).sorted() {
            table[Int(first - 0x4E00)] = UInt16(offset + 1)
            offset += bigrams.filter { $0.0 == first }.count + 1
        }
        return table
    }()

    /// For every first character, in the order of ``firstTable``: (second, slot) pairs, then a
    /// (0, 0) end mark.
    private static let seconds: [(second: UInt32, slot: UInt8)] = {
        var list: [(UInt32, UInt8)] = []
        for first in Set(bigrams.map(\.0)).sorted() {
            for (slot, pair) in bigrams.enumerated() where pair.0 == first { list.append((pair.1, UInt8(slot))) }
            list.append((0, 0))
        }
        return list
    }()

    /// The slot of the bigram of folded scalars `first`, `second`, or nil.
    @inline(__always)
    public static func slot(_ first: UInt32, _ second: UInt32) -> Int? {
        guard first >= 0x4E00 && first <= 0x9FFF else { return nil }
        let start = Int(firstTable[Int(first - 0x4E00)])
        guard start > 0 else { return nil }
        var i = start - 1
        while seconds[i].second != 0 {
            if seconds[i].second == second { return Int(seconds[i].slot) }
            i += 1
        }
        return nil
    }

    /// The slot of a folded term of exactly two scalars, or nil.
    public static func slot(of folded: [UInt32]) -> Int? {
        folded.count == 2 ? slot(folded[0], folded[1]) : nil
    }

    /// The slots of the bigrams the folded form of `text` holds as tokens.
    public static func slots(in text: String) -> FrequentCharacters.Slots {
        PassageTerms(text).bigrams
    }
}
