/// Running headers and footers: the lines printed at the top or bottom of most pages (the
/// unit's name, the document's title, "XX市人民政府文件 第 3 页"). Pure.
///
/// A line counts as running when, with its digits and spaces set aside, it is among the first
/// or last ``edge`` lines of at least three pages and of more than half of the pages. Such
/// lines are dropped where they stand at a page's edge; the same words in the body stay.
///
/// ```swift
/// RunningLines.repeated(pages: [["市农业农村局", "一、总体情况"], ["市农业农村局", "二、主要做法"],
///                              ["市农业农村局", "三、下一步"]])   // ["市农业农村局"]
/// ```
enum RunningLines {
    /// How many lines at the top and at the bottom of a page may be running lines.
    static let edge = 2

    /// The keys (``key(_:)``) of the running lines of a document, given each page's non-blank lines.
    static func repeated(pages: [[Substring]]) -> Set<String> {
        let printed = pages.filter { !$0.isEmpty }
        guard printed.count >= 3 else { return [] }
        var pagesHolding: [String: Int] = [:]
        for page in printed {
            var keys = Set<String>()
            for line in page.prefix(edge) + page.suffix(edge) {
                let key = key(line)
                if !key.isEmpty { keys.insert(key) }
            }
            for key in keys { pagesHolding[key, default: 0] += 1 }
        }
        return Set(pagesHolding.filter { $0.value >= 3 && $0.value * 2 > printed.count }.keys)
    }

    /// Whether `line` is among the first or last ``edge`` lines of `page`.
    static func atEdge(_ line: Substring, of page: [Substring]) -> Bool {
        let key = key(line)
        return page.prefix(edge).contains { self.key($0) == key } || page.suffix(edge).contains { self.key($0) == key }
    }

    /// The line without spaces and digits (page numbers change from page to page).
    static func key(_ line: Substring) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.filter {
            !ExplicitHeadings.isSpace($0) && !("0"..."9").contains($0) && !("０"..."９").contains($0)
        }))
    }
}
