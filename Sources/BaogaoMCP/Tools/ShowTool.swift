import BaogaoKit
import MCP

/// `show {path, line?, query?}`: the whole section holding the line (breadcrumb, unit · year ·
/// title, its lines with numbers, the query's matches marked), or without a line the report's
/// outline. A section too long for one answer is cut at a whole line, from just before the
/// line asked for, and says `nextLine`.
struct ShowTool: Sendable {
    static let name = "show"

    var path: String
    var line: Int?
    var query: String?
    var parsed: SearchQuery?

    init(_ arguments: [String: Value]?) throws(ToolError) {
        let arguments = try ToolArguments(arguments, tool: Self.name, accepted: ["path", "line", "query"])
        var path = try arguments.requiredText("path", example: "市XX办_2021_机关党建工作总结.txt as a hit gives it")
        var line = try arguments.int("line", default: nil, in: 1...Int(Int32.max))
        // "path:31", as hits are cited, is taken apart when no line was given.
        if line == nil, let colon = path.lastIndex(of: ":"), let number = Int(path[path.index(after: colon)...]), number >= 1 {
            line = number
            path = String(path[..<colon])
        }
        self.path = path
        self.line = line
        query = try arguments.text("query").flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
        parsed = try query.map { text throws(ToolError) in try QueryText.parse(text) }
    }

    struct Answer: Encodable {
        var report: ReportInfo
        /// The headings down to the section; nil for an outline.
        var section: [String]?
        var focus: Int?
        var lines: ArraySlice<ShownLine>?
        var outline: ArraySlice<OutlineEntry>?
        var nextLine: Int?
        var note: String?

        private enum CodingKeys: String, CodingKey { case report, section, focus, lines, outline, nextLine, note }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(report, forKey: .report)
            try c.encode(section, forKey: .section)
            try c.encode(focus, forKey: .focus)
            try c.encode(lines.map(Array.init), forKey: .lines)
            try c.encode(outline.map(Array.init), forKey: .outline)
            try c.encode(nextLine, forKey: .nextLine)
            try c.encode(note, forKey: .note)
        }
    }

    func answer(_ index: IndexDatabase, budget: AnswerBudget) throws -> ToolAnswer {
        let catalog = ReportCatalog(index: index)
        let stored: String
        if try catalog.report(exactPath: path) != nil {
            stored = path
        } else {
            switch ReportLookup.resolve(path, among: try catalog.reports().map(\.path)) {
            case .found(let found): stored = found
            case .notFound(let message): throw ToolError(message)
            }
        }
        if let line {
            let view = try catalog.section(path: stored, line: line, query: parsed)
            // From two lines before the one asked for when the whole section does not fit.
            let link = HitLink.link(path: view.report.path, line: line, unit: view.report.unit, year: view.report.year,
                                    title: view.report.title, section: view.section)
            let focusAt = view.lines.firstIndex { $0.line >= line } ?? 0
            var (json, shown) = try fit(view, view.lines[...], reserved: HitLink.cost(link), budget: budget)
            if shown < view.lines.count {
                (json, shown) = try fit(view, view.lines[max(0, focusAt - 2)...], reserved: HitLink.cost(link), budget: budget)
            }
            return ToolAnswer(json: json, links: [link])
        }
        let (report, headings) = try catalog.outline(path: stored)
        let (json, _) = try ToolAnswer.fitting(headings, budget: budget) { shown, cut in
            let next = cut ? headings[shown.count].line : nil
            return Answer(report: report, outline: shown, nextLine: next,
                          note: next.map { "the outline is cut at \(budget.maxCharacters) characters: \(headings.count - shown.count) more "
                              + "headings from line \($0) on (show with a line reads that part's section)" })
        }
        return ToolAnswer(json: json)
    }

    private func fit(_ view: SectionView, _ lines: ArraySlice<ShownLine>, reserved: Int,
                     budget: AnswerBudget) throws -> (String, Int) {
        let first = lines.first?.line
        let startsLate = first.map { $0 > (view.lines.first?.line ?? $0) } ?? false
        return try ToolAnswer.fitting(Array(lines), budget: budget, reserved: reserved) { shown, cut in
            let next = cut ? lines[lines.startIndex + shown.count].line : nil
            var note: String?
            if cut || startsLate {
                let from = shown.first?.line ?? 0, to = shown.last?.line ?? 0
                note = "the section runs from line \(view.lines.first?.line ?? 0) to \(view.lines.last?.line ?? 0); "
                    + "shown: lines \(from)–\(to)" + (next.map { "; show with line \($0) for the rest" } ?? "")
            }
            return Answer(report: view.report, section: view.section, focus: view.focus, lines: shown,
                          nextLine: next, note: note)
        }
    }
}
