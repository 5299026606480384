import BaogaoKit
import MCP

/// A tool's answer: its JSON, given both as `structuredContent` and as text (clients read one
/// or the other), and resource links after the text.
struct ToolAnswer: Sendable {
    var json: String
    var links: [Tool.Content] = []

    var result: CallTool.Result {
        get throws {
            let structured = try JSONValue.value(of: json)
            return CallTool.Result(content: [.text(text: json, annotations: nil, _meta: nil)] + links,
                                   structuredContent: Optional(structured), isError: false)
        }
    }

    /// The answer `make` builds from as many `items` as fit the budget, in order, cut at a
    /// whole item. `make` gets the items shown and whether some were left out; `extraCost`
    /// counts what an item adds outside the JSON (its resource link), `reserved` what the
    /// answer adds outside it whatever is shown.
    static func fitting<Item: Encodable, Answer: Encodable>(
        _ items: [Item], budget: AnswerBudget, extraCost: (Item) -> Int = { _ in 0 }, reserved: Int = 0,
        make: (ArraySlice<Item>, _ cut: Bool) -> Answer
    ) throws -> (json: String, shown: Int) {
        let costs = try items.map { AnswerBudget.characters(try JSONValue.encode($0)) + extraCost($0) }
        // Room for the numbers and the note of a cut answer, whatever they turn out to be.
        let fixed = AnswerBudget.characters(try JSONValue.encode(make([], true))) + 24 + reserved
        var shown = budget.fitting(costs: costs, fixed: fixed)
        if shown == 0 && !items.isEmpty { shown = 1 }  // always make progress
        return (try JSONValue.encode(make(items.prefix(shown), shown < items.count)), shown)
    }

    /// The error result: `isError` and the message, no structured content.
    static func error(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}

/// The query argument every tool takes, parsed with the one query parser.
enum QueryText {
    /// Longer queries are refused: no useful query is near this long.
    static let maxCharacters = 1000

    static func parse(_ text: String) throws(ToolError) -> SearchQuery {
        guard text.count <= maxCharacters else {
            throw ToolError("the query is longer than \(maxCharacters) characters")
        }
        do {
            return try SearchQuery(parsing: text)
        } catch {
            throw ToolError("bad query: \(error.message)")
        }
    }
}

extension ToolError {
    /// The message of an error from BaogaoKit, as a model should read it.
    init(_ error: BaogaoError) {
        self.init(error.isQueryError ? "bad query: \(error.message)" : error.message)
    }
}
