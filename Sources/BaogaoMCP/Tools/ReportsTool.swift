import BaogaoKit
import MCP

/// `reports {query?, limit?, offset?}`: the indexed reports (those matching the query's filters
/// and terms), as `reports --json` gives them.
struct ReportsTool: Sendable {
    static let name = "reports"
    static let maxLimit = 200

    var query: String?
    var parsed: SearchQuery?
    var limit: Int
    var offset: Int

    init(_ arguments: [String: Value]?) throws(ToolError) {
        let arguments = try ToolArguments(arguments, tool: Self.name, accepted: ["query", "limit", "offset"])
        query = try arguments.text("query").flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
        parsed = try query.map { text throws(ToolError) in try QueryText.parse(text) }
        limit = try arguments.int("limit", default: 50, in: 1...Self.maxLimit)!
        offset = try arguments.int("offset", default: 0, in: 0...10_000_000)!
    }

    /// The answer's own keys, before the page of reports; no query is `null`.
    struct Head: Encodable {
        var query: String?
        var total: Int

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(query, forKey: .query)
            try c.encode(total, forKey: .total)
        }

        private enum CodingKeys: String, CodingKey { case query, total }
    }

    func answer(_ index: IndexDatabase, budget: AnswerBudget) throws -> ToolAnswer {
        let (total, page) = try ReportCatalog(index: index).reports(matching: parsed, from: offset, count: limit)
        let more = offset + page.count < total
        let (json, _) = try PagedAnswer.fitting(head: Head(query: query, total: total), items: page, itemsKey: "reports",
                                                offset: offset, more: more, tool: Self.name, budget: budget)
        return ToolAnswer(json: json)
    }
}
