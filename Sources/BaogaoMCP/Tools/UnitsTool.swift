import BaogaoKit
import MCP

/// `units {query, by?, limit?, offset?}`: matching passages counted per unit, year or report,
/// as `units --json` gives the rows; each row's best hit trimmed to a short window.
struct UnitsTool: Sendable {
    static let name = "units"
    static let maxLimit = 500

    var query: String
    var parsed: SearchQuery
    var by: Grouping
    var limit: Int
    var offset: Int

    init(_ arguments: [String: Value]?) throws(ToolError) {
        let arguments = try ToolArguments(arguments, tool: Self.name, accepted: ["query", "by", "limit", "offset"])
        query = try arguments.requiredText("query", example: "乡村振兴 OR 乡村全面振兴")
        parsed = try QueryText.parse(query)
        let by = try arguments.text("by") ?? Grouping.unit.rawValue
        guard let grouping = Grouping(rawValue: by) else { throw ToolError("by must be unit, year or report, not “\(by)”") }
        self.by = grouping
        limit = try arguments.int("limit", default: 100, in: 1...Self.maxLimit)!
        offset = try arguments.int("offset", default: 0, in: 0...1_000_000)!
    }

    /// The answer's own keys, before the page of rows.
    struct Head: Encodable {
        var query: String
        var by: Grouping
        var totalPassages: Int
        var totalReports: Int
        var totalRows: Int
    }

    /// The best hit of a row is a pointer, not reading matter: a short window.
    static let window = PassageWindow(size: 80)

    func answer(_ index: IndexDatabase, budget: AnswerBudget) throws -> ToolAnswer {
        // Only the page's rows have their best hit read.
        let aggregation = try Aggregator(index: index).aggregate(parsed, by: by, limit: limit, offset: offset)
        let rows = aggregation.rows.map { row -> AggregateRow in
            var trimmed = row
            trimmed.best = Self.window.trim(row.best)
            return trimmed
        }
        let more = offset + rows.count < aggregation.totalRows
        let head = Head(query: query, by: by, totalPassages: aggregation.totalHits, totalReports: aggregation.totalReports,
                        totalRows: aggregation.totalRows)
        let (json, _) = try PagedAnswer.fitting(head: head, items: rows, itemsKey: "rows", offset: offset, more: more,
                                                tool: Self.name, budget: budget)
        return ToolAnswer(json: json)
    }
}
