import Testing
@testable import BaogaoKit

struct QueryParserTests {
    @Test(arguments: [
        ("乡村振兴", ["乡村振兴"]),
        ("乡村振兴 营商环境", ["乡村振兴", "营商环境"]),
        ("  乡村振兴\u{3000}营商环境 ", ["乡村振兴", "营商环境"]),
        (#""数字 政府""#, ["数字 政府"]),
        (#""数字 政府" 乡村"#, ["数字 政府", "乡村"]),
        (#""说""好""""#, [#"说"好""#]),
        ("or", ["or"]),
        ("a*b", ["a*b"]),
        ("NEAR", ["NEAR"]),
        ("1-2家", ["1-2家"]),
        ("（一）", ["（一）"]),
    ])
    func terms(_ query: String, _ expected: [String]) throws {
        #expect(try SearchQuery(parsing: query).terms.map(\.text) == expected)
    }

    @Test(arguments: [
        (#""乡村振兴"#, "unbalanced quote at column 1"),
        (#"数字 "政府"#, "unbalanced quote at column 4"),
        ("", "empty query"),
        ("   ", "empty query"),
        (#""  ""#, "empty quotes at column 1"),
        (#"a"b""#, "a quote must start a term"),
        (#""a"b"#, "a closing quote must end a term"),
    ])
    func errors(_ query: String, _ message: String) {
        #expect {
            _ = try SearchQuery(parsing: query)
        } throws: { error in
            (error as? QueryError)?.message.contains(message) == true
        }
    }
}
