import BaogaoKit
import MCP

/// The reports as resources: `baogao://report/PATH#L31` reads as the section holding line 31
/// (as `show` gives it, in plain text with line numbers), `baogao://report/PATH` as the whole
/// report; both cut at the answer budget at a whole line, saying where to read on.
enum ReportResources {
    /// Reports listed per `resources/list` page.
    static let pageSize = 100

    static let template = Resource.Template(
        uriTemplate: ReportURI.template, name: "report",
        title: "A report, or the section holding one line of it",
        description: "baogao://report/PATH is a whole report, baogao://report/PATH#L31 the section holding line 31; PATH as search hits give it.",
        mimeType: "text/plain")

    /// One page of the indexed reports; the cursor is where the next page starts.
    static func list(_ index: IndexDatabase, cursor: String?) throws -> ListResources.Result {
        let start = cursor.flatMap { Int($0) }.map { max(0, $0) } ?? 0
        let catalog = ReportCatalog(index: index)
        // One more than a page: whether another page follows, without reading every report.
        let reports = try catalog.reports(from: start, count: pageSize + 1)
        let page = reports.prefix(pageSize).map { report in
            Resource(name: report.path, uri: ReportURI(path: report.path).string,
                     title: HitLink.about(unit: report.unit, year: report.year, title: report.title),
                     description: "\(report.passages) passages", mimeType: "text/plain")
        }
        let next = reports.count > pageSize ? String(start + page.count) : nil
        return ListResources.Result(resources: page, nextCursor: next)
    }

    static func read(_ index: IndexDatabase, uri: String, budget: AnswerBudget) throws -> ReadResource.Result {
        guard let address = ReportURI(parsing: uri) else {
            throw MCPError.invalidParams("not a Baogao report URI: \(uri) (they read baogao://report/PATH or baogao://report/PATH#L31)")
        }
        let catalog = ReportCatalog(index: index)
        guard try catalog.report(exactPath: address.path) != nil else {
            throw MCPError.serverError(code: -32002, message: "resource not found: no report at “\(address.path)” in the index")
        }
        var text: String
        if let line = address.line {
            let view: SectionView
            do { view = try catalog.section(path: address.path, line: line) } catch {
                throw MCPError.serverError(code: -32002, message: "resource not found: \(error.message)")
            }
            text = HitLink.about(unit: view.report.unit, year: view.report.year, title: view.report.title) + "\n"
            text += (view.section.isEmpty ? "(before the first heading)" : view.section.joined(separator: " › ")) + "\n"
            text += "\(view.report.path):\(line)\n\n"
            // A section too long to read whole is read from just before the line.
            var lines = view.lines[...]
            let whole = lines.reduce(AnswerBudget.characters(text)) { $0 + AnswerBudget.characters($1.text) + 16 }
            if whole > budget.maxCharacters - 200, let at = lines.firstIndex(where: { $0.line >= line }) {
                lines = lines[max(0, at - 2)...]
            }
            text += numbered(Array(lines), mark: line, uri: address, budget: budget, used: AnswerBudget.characters(text))
        } else {
            let document = try catalog.document(path: address.path)
            text = HitLink.about(unit: document.report.unit, year: document.report.year, title: document.report.title) + "\n"
            text += "\(document.report.path)\n\n"
            text += numbered(document.passages, mark: nil, uri: address, budget: budget, used: AnswerBudget.characters(text))
        }
        return ReadResource.Result(contents: [.text(text, uri: uri, mimeType: "text/plain")])
    }

    /// Lines as `31  text` (`>` marks the line asked for), as many as fit after `used`
    /// characters, then where to read on.
    static func numbered(_ lines: [ShownLine], mark: Int?, uri: ReportURI, budget: AnswerBudget, used: Int) -> String {
        let width = String(lines.last?.line ?? 0).count
        var out = "", size = used
        for (n, shown) in lines.enumerated() {
            let number = String(shown.line)
            let row = (shown.line == mark ? ">" : " ") + String(repeating: " ", count: width - number.count) + number
                + "  " + shown.text + "\n"
            let cost = AnswerBudget.characters(row)
            if size + cost > budget.maxCharacters - 200 && n > 0 {
                out += "… cut at \(budget.maxCharacters) characters: read \(ReportURI(path: uri.path, line: shown.line).string) for line \(shown.line) on\n"
                break
            }
            out += row
            size += cost
        }
        return out
    }
}
