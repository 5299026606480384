import BaogaoKit
import MCP

/// A hit as a resource link, `baogao://report/PATH#L31`, that `resources/read` opens on the
/// section holding the line: a citation a client can follow.
enum HitLink {
    static func link(path: String, line: Int, unit: String?, year: Int?, title: String?, section: [String]) -> Tool.Content {
        .resourceLink(uri: ReportURI(path: path, line: line).string, name: "\(path):\(line)",
                      title: about(unit: unit, year: year, title: title),
                      description: section.isEmpty ? nil : section.joined(separator: " › "),
                      mimeType: "text/plain")
    }

    static func link(_ hit: SearchHit) -> Tool.Content {
        link(path: hit.path, line: hit.line, unit: hit.unit, year: hit.year, title: hit.title, section: hit.section)
    }

    /// The characters a link adds to an answer, with its JSON framing.
    static func cost(_ link: Tool.Content) -> Int {
        guard case .resourceLink(let uri, let name, let title, let description, let mimeType, _) = link else { return 0 }
        return 80 + [uri, name, title ?? "", description ?? "", mimeType ?? ""].reduce(0) { $0 + AnswerBudget.characters($1) }
    }

    /// "unit · year · title", `?` for what is unknown, as the command line prints it.
    static func about(unit: String?, year: Int?, title: String?) -> String {
        [unit ?? "?", year.map(String.init) ?? "?", title ?? "?"].joined(separator: " · ")
    }
}
