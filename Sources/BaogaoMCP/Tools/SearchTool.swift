import BaogaoKit
import MCP

/// `search {query, limit?, offset?}`: the best passages, as `search --json` gives them, each
/// trimmed to the window around its matches and linked as a resource.
struct SearchTool: Sendable {
    static let name = "search"
    static let maxLimit = 50

    var query: String
    var parsed: SearchQuery
    var limit: Int
    var offset: Int

    init(_ arguments: [String: Value]?) throws(ToolError) {
        let arguments = try ToolArguments(arguments, tool: Self.name, accepted: ["query", "limit", "offset"])
        query = try arguments.requiredText("query", example: "乡村振兴 unit:农业 year:2021..2023")
        parsed = try QueryText.parse(query)
        limit = try arguments.int("limit", default: 10, in: 1...Self.maxLimit)!
        offset = try arguments.int("offset", default: 0, in: 0...1_000_000)!
    }

    /// The answer's own keys, before the page of hits.
    struct Head: Encodable {
        var query: String
        var totalHits: Int
        var totalReports: Int
    }

    /// Passages are cut to this many characters around their matches.
    static let window = PassageWindow(size: 240)

    func answer(_ index: IndexDatabase, budget: AnswerBudget) throws -> ToolAnswer {
        // One more than asked says whether more follow.
        let results = try Searcher(index: index).search(parsed, limit: limit + 1, offset: offset)
        let hits = results.hits.prefix(limit).map { Self.window.trim($0) }
        let more = results.hits.count > limit
        let head = Head(query: query, totalHits: results.totalHits, totalReports: results.totalReports)
        let (json, shown) = try PagedAnswer.fitting(head: head, items: hits, itemsKey: "hits", offset: offset, more: more,
                                                    tool: Self.name, budget: budget, extraCost: { HitLink.cost(HitLink.link($0)) })
        return ToolAnswer(json: json, links: hits.prefix(shown).map(HitLink.link))
    }
}
