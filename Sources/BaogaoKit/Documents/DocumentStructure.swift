/// A report split into sections and passages: the output of ``StructureParser``.
public struct DocumentStructure: Sendable, Hashable {
    /// Every heading, in document order. ``Section/parentIndex`` links each to its parent.
    public var sections: [Section]
    /// Every indexed paragraph, in document order. Web crumbs (下载, 打印, 【字号：…】) are left out.
    public var passages: [Passage]

    public init(sections: [Section] = [], passages: [Passage] = []) {
        self.sections = sections
        self.passages = passages
    }

    /// The headings from the outermost section down to the section at `index`.
    ///
    /// ```swift
    /// structure.trail(of: 4) // ["四、党建引领，争相出彩服务大局", "（三）持续优化营商环境"]
    /// ```
    public func trail(of index: Int?) -> [String] {
        var headings: [String] = []
        var current = index
        while let i = current {
            headings.append(sections[i].heading)
            current = sections[i].parentIndex
        }
        return headings.reversed()
    }
}
