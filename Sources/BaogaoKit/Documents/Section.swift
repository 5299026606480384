/// A heading of a report and the part of the report it opens.
///
/// Sections nest by ``rank``: a smaller rank is an outer level. Ranks follow the numbering of
/// official documents (GB/T 9704) — see ``HeadingKind`` — so that a report that skips a level
/// still nests sensibly.
///
/// ```swift
/// let section = Section(heading: "一、政治忠诚，强化理想信念教育", kind: .chineseNumeral,
///                       line: 3, parentIndex: nil)
/// ```
public struct Section: Sendable, Hashable {
    /// The heading as written in the report. For an inline heading ("（一）坚定践行“两个维护”。深入…")
    /// this is the text up to, not including, the first 。.
    public var heading: String
    /// What kind of numbering (or markup) made this line a heading.
    public var kind: HeadingKind
    /// The 1-based line on which the heading stands.
    public var line: Int
    /// The index of the enclosing section in ``DocumentStructure/sections``, or `nil` at top level.
    public var parentIndex: Int?

    public init(heading: String, kind: HeadingKind, line: Int, parentIndex: Int?) {
        self.heading = heading
        self.kind = kind
        self.line = line
        self.parentIndex = parentIndex
    }

    /// The nesting rank: smaller is outer.
    public var rank: Int { kind.rank }
}

/// The kinds of headings a report uses, outermost first.
public enum HeadingKind: Sendable, Hashable {
    /// A Markdown heading with its number of `#` (1…6).
    case markdown(Int)
    /// 第X编 / 第X部分.
    case part
    /// 第X章.
    case chapter
    /// 第X节.
    case chapterSection
    /// 一、 (and a short unnumbered line standing where such a number is missing).
    case chineseNumeral
    /// （一）.
    case parenthesizedChineseNumeral
    /// 1. / 1、 / 1．
    case arabicNumeral
    /// （1）.
    case parenthesizedArabicNumeral

    /// The kind of a stored rank (ranks are unique to their kind).
    init?(rank: Int) {
        switch rank {
        case -9 ... -4: self = .markdown(rank + 10)
        case 0: self = .part
        case 1: self = .chapter
        case 2: self = .chapterSection
        case 3: self = .chineseNumeral
        case 4: self = .parenthesizedChineseNumeral
        case 5: self = .arabicNumeral
        case 6: self = .parenthesizedArabicNumeral
        default: return nil
        }
    }

    /// The nesting rank: smaller is outer.
    public var rank: Int {
        switch self {
        case .markdown(let level): return level - 10
        case .part: return 0
        case .chapter: return 1
        case .chapterSection: return 2
        case .chineseNumeral: return 3
        case .parenthesizedChineseNumeral: return 4
        case .arabicNumeral: return 5
        case .parenthesizedArabicNumeral: return 6
        }
    }
}
