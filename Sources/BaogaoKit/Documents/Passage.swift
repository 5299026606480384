/// One paragraph of a report: the unit of search.
///
/// A passage is one non-empty line of the report as written (the original text, never
/// normalized), with the 1-based number of that line and the section it belongs to.
///
/// ```swift
/// let passage = Passage(line: 12, text: "（三）持续优化营商环境。制定印发…", sectionIndex: 4)
/// ```
public struct Passage: Sendable, Hashable {
    /// The 1-based line number of the passage in its file.
    public var line: Int
    /// The passage text, exactly as in the file (without the line break).
    public var text: String
    /// The index into ``DocumentStructure/sections`` of the innermost section holding the
    /// passage, or `nil` for text before the first heading (title, preamble).
    public var sectionIndex: Int?
    /// The 1-based page the passage starts on, in a PDF (or a multi-page scan); `nil` elsewhere.
    public var page: Int?

    public init(line: Int, text: String, sectionIndex: Int?, page: Int? = nil) {
        self.line = line
        self.text = text
        self.sectionIndex = sectionIndex
        self.page = page
    }
}
