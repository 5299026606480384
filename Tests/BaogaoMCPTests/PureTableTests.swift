@testable import BaogaoMCP
import MCP
import Testing

/// The MCP target's pure logic, by tables: windows, URIs, path lookup, the budget, arguments.
struct PureTableTests {
    @Test(arguments: [
        // text, highlights, size → text, highlights
        ("乡村振兴", [[0, 4]], 8, "乡村振兴", [[0, 4]]),
        ("一二三四五六七八九十甲乙", [[9, 11]], 8, "…五六七八九十甲乙", [[6, 8]]),
        ("一二三四五六七八九十甲乙", [[0, 2]], 8, "一二三四五六七八…", [[0, 2]]),
        ("一二三四五六七八九十甲乙丙丁", [[6, 8]], 6, "…六七八九十甲…", [[2, 4]]),
        ("一二三四五六七八九十", [], 4, "一二三四…", []),
        ("一二三四五六七八九十", [[1, 9]], 4, "一二三四…", [[1, 4]]),
    ])
    func passageWindow(text: String, highlights: [[Int]], size: Int, expected: String, moved: [[Int]]) {
        let (trimmed, kept) = PassageWindow(size: size).trim(text: text, highlights: highlights)
        #expect(trimmed == expected)
        #expect(kept == moved)
        for range in kept {  // the highlights still cover the same characters
            let scalars = Array(trimmed.unicodeScalars)
            #expect(range[0] >= 0 && range[1] <= scalars.count)
        }
    }

    @Test(arguments: [
        ("a.txt", 31 as Int?, "baogao://report/a.txt#L31"),
        ("sub/市XX办_2021_总结.txt", nil, "baogao://report/sub/%E5%B8%82XX%E5%8A%9E_2021_%E6%80%BB%E7%BB%93.txt"),
        ("a b#c?d%.txt", 2, "baogao://report/a%20b%23c%3Fd%25.txt#L2"),
        ("laws.csv#12", 3, "baogao://report/laws.csv%2312#L3"),
    ])
    func reportURIRoundTrips(path: String, line: Int?, uri: String) throws {
        #expect(ReportURI(path: path, line: line).string == uri)
        let parsed = try #require(ReportURI(parsing: uri))
        #expect(parsed.path == path && parsed.line == line)
    }

    @Test(arguments: ["file:///etc/passwd", "baogao://report/", "baogao://report/a.txt#31", "baogao://report/a.txt#L0",
                      "baogao://report/a.txt#Lx", "baogao://report/%E5%", "baogao://other/a.txt", "baogao://report/a.txt#L٣"])
    func reportURIRefuses(uri: String) {
        #expect(ReportURI(parsing: uri) == nil)
    }

    @Test func reportLookup() {
        let paths = ["市XX办_2021_机关党建工作总结.txt", "sub/市农业农村局_2023_工作总结.txt", "a/总结.txt", "b/总结.txt"]
        #expect(ReportLookup.resolve("市XX办_2021_机关党建工作总结.txt", among: paths) == .found("市XX办_2021_机关党建工作总结.txt"))
        #expect(ReportLookup.resolve("市农业农村局_2023_工作总结.txt", among: paths) == .found("sub/市农业农村局_2023_工作总结.txt"))
        #expect(ReportLookup.resolve("/data/reports/sub/市农业农村局_2023_工作总结.txt", among: paths)
                == .found("sub/市农业农村局_2023_工作总结.txt"))
        guard case .notFound(let twice) = ReportLookup.resolve("总结.txt", among: paths) else { Issue.record("ambiguous"); return }
        #expect(twice.contains("matches 2 indexed reports: a/总结.txt, b/总结.txt"))
        guard case .notFound(let near) = ReportLookup.resolve("市XX办_机关党建.txt", among: paths) else { Issue.record("near"); return }
        #expect(near.contains("the nearest are 市XX办_2021_机关党建工作总结.txt"))
        guard case .notFound(let none) = ReportLookup.resolve("zz", among: paths) else { Issue.record("none"); return }
        #expect(!none.contains("nearest"))
    }

    @Test func budgetFitsWholeItems() {
        let budget = AnswerBudget(maxCharacters: 100)
        #expect(budget.fitting(costs: [40, 40, 40], fixed: 10) == 2)
        #expect(budget.fitting(costs: [], fixed: 10) == 0)
        #expect(budget.fitting(costs: [89], fixed: 10) == 1)
        #expect(budget.fitting(costs: [90], fixed: 10) == 0)
    }

    @Test func argumentsAreReadLenientlyAndCheckedStrictly() throws {
        let arguments = try ToolArguments(["limit": 5.0, "offset": " 7 ", "query": 2021], tool: "search",
                                          accepted: ["query", "limit", "offset"])
        #expect(try arguments.int("limit", default: 10, in: 1...50) == 5)
        #expect(try arguments.int("offset", default: 0, in: 0...100) == 7)
        #expect(try arguments.text("query") == "2021")
        #expect(throws: ToolError("limit must be a whole number from 1 to 50")) {
            try ToolArguments(["limit": 2.5], tool: "search", accepted: ["limit"]).int("limit", default: 10, in: 1...50)
        }
        #expect(throws: ToolError("search takes no argument “page”; its arguments are query, limit")) {
            try ToolArguments(["page": 2], tool: "search", accepted: ["query", "limit"])
        }
    }
}
