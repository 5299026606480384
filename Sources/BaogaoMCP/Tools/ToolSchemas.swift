import MCP

/// The JSON Schemas of the tools' inputs and outputs. Outputs name every key the answers
/// always have and allow more, so a field added to hits later (or by a client's version)
/// still validates.
enum ToolSchemas {
    static func object(_ properties: [String: Value], required: [String] = []) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map(Value.string))])
    }

    static func string(_ description: String) -> Value { .object(["type": "string", "description": .string(description)]) }

    static func integer(_ description: String, minimum: Int, maximum: Int? = nil, default fallback: Int? = nil) -> Value {
        var schema: [String: Value] = ["type": "integer", "description": .string(description), "minimum": .int(minimum)]
        if let maximum { schema["maximum"] = .int(maximum) }
        if let fallback { schema["default"] = .int(fallback) }
        return .object(schema)
    }

    static func nullable(_ type: String) -> Value { .object(["type": .array([.string(type), "null"])]) }
    static func array(of items: Value) -> Value { .object(["type": "array", "items": items]) }
    static let strings = array(of: ["type": "string"])
    static let integers = array(of: ["type": "integer"])
    static let ranges = array(of: array(of: ["type": "integer"]))

    // MARK: Outputs

    static let hit = object([
        "path": ["type": "string"], "line": ["type": "integer"], "section": strings, "text": ["type": "string"],
        "highlights": ranges, "unit": nullable("string"), "year": nullable("integer"), "title": nullable("string"),
        "score": ["type": "number"], "match": ["type": "string", "enum": ["exact", "variant", "related"]],
        "duplicates": ["type": "integer"],
    ], required: ["path", "line", "section", "text", "highlights", "unit", "year", "title", "score", "match"])

    static let report = object([
        "path": ["type": "string"], "unit": nullable("string"), "year": nullable("integer"), "title": nullable("string"),
        "passages": ["type": "integer"], "encoding": ["type": "string"], "note": nullable("string"),
        "sources": ["type": "object"], "matches": ["type": "integer"],
    ], required: ["path", "unit", "year", "title", "passages"])

    static let searchOutput = object([
        "query": ["type": "string"], "totalHits": ["type": "integer"], "totalReports": ["type": "integer"],
        "offset": ["type": "integer"], "nextOffset": nullable("integer"), "hits": array(of: hit), "note": nullable("string"),
    ], required: ["query", "totalHits", "totalReports", "offset", "nextOffset", "hits"])

    static let unitsOutput = object([
        "query": ["type": "string"], "by": ["type": "string", "enum": ["unit", "year", "report"]],
        "totalPassages": ["type": "integer"], "totalReports": ["type": "integer"], "totalRows": ["type": "integer"],
        "offset": ["type": "integer"], "nextOffset": nullable("integer"), "note": nullable("string"),
        "rows": array(of: object([
            "unit": nullable("string"), "year": nullable("integer"), "path": ["type": "string"], "title": nullable("string"),
            "reports": ["type": "integer"], "passages": ["type": "integer"], "years": integers, "best": hit,
        ], required: ["reports", "passages", "years", "best"])),
    ], required: ["query", "by", "totalPassages", "totalReports", "rows"])

    static let showOutput = object([
        "report": report, "section": .object(["type": .array(["array", "null"]), "items": ["type": "string"]]),
        "focus": nullable("integer"),
        "lines": .object(["type": .array(["array", "null"]), "items": object(
            ["line": ["type": "integer"], "text": ["type": "string"], "highlights": ranges], required: ["line", "text"])]),
        "outline": .object(["type": .array(["array", "null"]), "items": object(
            ["line": ["type": "integer"], "depth": ["type": "integer"], "heading": ["type": "string"]], required: ["line", "heading"])]),
        "nextLine": nullable("integer"), "note": nullable("string"),
    ], required: ["report"])

    static let reportsOutput = object([
        "query": nullable("string"), "total": ["type": "integer"], "offset": ["type": "integer"],
        "nextOffset": nullable("integer"), "reports": array(of: report), "note": nullable("string"),
    ], required: ["total", "offset", "nextOffset", "reports"])
}
