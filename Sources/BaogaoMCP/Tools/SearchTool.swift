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

    struct Answer: Encodable {
        var query: String
        var totalHits: Int
        var totalReports: Int
        var offset: Int
        var nextOffset: Int?
        var hits: ArraySlice<SearchHit>
        var note: String?

        private enum CodingKeys: String, CodingKey { case query, totalHits, totalReports, offset, nextOffset, hits, note }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(query, forKey: .query)
            try c.encode(totalHits, forKey: .totalHits)
            try c.encode(totalReports, forKey: .totalReports)
            try c.encode(offset, forKey: .offset)
            try c.encode(nextOffset, forKey: .nextOffset)
            try c.encode(Array(hits), forKey: .hits)
            try c.encode(note, forKey: .note)
        }
    }

    /// Passages are cut to this many characters around their matches.
    static let window = PassageWindow(size: 240)

    func answer(_ index: IndexDatabase, budget: AnswerBudget) throws -> ToolAnswer {
        // One more than asked says whether more follow.
        let results = try Searcher(index: index).search(parsed, limit: limit + 1, offset: offset)
        let hits = results.hits.prefix(limit).map { Self.window.trim($0) }
        let more = results.hits.count > limit
        let (json, shown) = try ToolAnswer.fitting(hits, budget: budget, extraCost: { HitLink.cost(HitLink.link($0)) }) { page, cut in
            let next = cut || more ? offset + page.count : nil
            let note = cut ? "cut at \(budget.maxCharacters) characters after \(page.count) hits: call search with offset \(next ?? 0) for the next ones" : nil
            return Answer(query: query, totalHits: results.totalHits, totalReports: results.totalReports, offset: offset,
                          nextOffset: next, hits: page, note: note)
        }
        return ToolAnswer(json: json, links: hits.prefix(shown).map(HitLink.link))
    }
}
