import MCP

/// The four tools as `tools/list` gives them: read-only, each with input and output schemas
/// and a description that teaches the query language in a few lines.
enum ToolCatalog {
    static let queryLanguage = """
        Query language: each term matches as an exact phrase (no word splitting needed: 乡村振兴 finds \
        exactly that, and near variants such as 乡村全面振兴 rank after it). Space = AND. \
        "数字 政府" in double quotes keeps a space inside one phrase. A OR B (OR in capitals). \
        -疫情 excludes. (A OR B) -C groups. Filters: unit:农业 (a unit's name or a unique part), \
        year:2021 or year:2019..2021, section:营商环境 (under a heading), title:总结. \
        Do not add wildcards, quotes around every word, or boolean words in Chinese.
        """

    static let readOnly = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    static let query = ToolSchemas.string("The query, e.g. 乡村振兴 unit:农业 year:2021..2023")

    /// The `limit` and `offset` of a tool that pages through `noun`.
    static func paging(_ noun: String, max: Int, default fallback: Int) -> [String: Value] {
        ["limit": ToolSchemas.integer("How many \(noun) (1–\(max))", minimum: 1, maximum: max, default: fallback),
         "offset": ToolSchemas.integer("\(noun.prefix(1).uppercased() + noun.dropFirst()) to skip: the nextOffset of the previous answer",
                                       minimum: 0, default: 0)]
    }

    static let search = Tool(
        name: SearchTool.name, title: "Search the reports",
        description: """
            Find passages of the user's indexed reports (work summaries, party-building and government \
            work reports) that match a query, best first. Each hit gives path:line, the section \
            breadcrumb (一、… › （三）…), unit · year · title and the passage trimmed to a window around \
            the matches (highlights are [start, end) offsets in characters). Quote passages with their \
            path:line. Use show with path and line for the whole section; nextOffset pages on.
            \(queryLanguage)
            """,
        inputSchema: ToolSchemas.object(paging("hits", max: SearchTool.maxLimit, default: 10).merging(["query": query]) { $1 },
                                        required: ["query"]),
        annotations: readOnly, outputSchema: ToolSchemas.searchOutput)

    static let units = Tool(
        name: UnitsTool.name, title: "Count matches per unit, year or report",
        description: """
            Which units (or years, or reports) mention something, with exact counts of matching \
            passages and reports, the years, and each row's best hit as a short pointer — one call \
            answers "which units mention X" or "how did mentions change by year" without reading passages. \
            by: unit (default), year or report.
            \(queryLanguage)
            """,
        inputSchema: ToolSchemas.object(paging("rows", max: UnitsTool.maxLimit, default: 100).merging([
            "query": query,
            "by": .object(["type": "string", "enum": ["unit", "year", "report"], "default": "unit",
                           "description": "Group by unit, year or report"]),
        ]) { $1 }, required: ["query"]),
        annotations: readOnly, outputSchema: ToolSchemas.unitsOutput)

    static let show = Tool(
        name: ShowTool.name, title: "Read a section or a report's outline",
        description: """
            Read the whole section holding a line of a report: its breadcrumb, unit · year · title and \
            every line with its number, the query's matches highlighted. Without line: the report's \
            outline (every heading with its line). path is as hits give it; "path:31" also works. \
            A long section is cut at a whole line and says nextLine.
            """,
        inputSchema: ToolSchemas.object([
            "path": ToolSchemas.string("The report's path, as a hit gives it"),
            "line": ToolSchemas.integer("A line of the report, e.g. a hit's line; omit for the outline", minimum: 1),
            "query": ToolSchemas.string("Highlight this query's matches (same language as search)"),
        ], required: ["path"]),
        annotations: readOnly, outputSchema: ToolSchemas.showOutput)

    static let reports = Tool(
        name: ReportsTool.name, title: "List the indexed reports",
        description: """
            List the indexed reports with unit, year, title, passages and path, ordered by unit and year. \
            A query narrows the list: filters alone (unit:农业 year:2021..2023 title:总结) keep those \
            reports; terms keep the reports that mention them, with their number of matches.
            \(queryLanguage)
            """,
        inputSchema: ToolSchemas.object(paging("reports", max: ReportsTool.maxLimit, default: 50).merging([
            "query": ToolSchemas.string("Optional filters and terms, e.g. unit:农业 year:2021"),
        ]) { $1 }),
        annotations: readOnly, outputSchema: ToolSchemas.reportsOutput)

    static let all = [search, units, show, reports]
}
