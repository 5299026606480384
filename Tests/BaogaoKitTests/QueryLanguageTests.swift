import Testing
@testable import BaogaoKit

/// The query language, one parser for every command: tables of queries and the tree or the
/// message they give.
struct QueryLanguageTests {
    /// A compact rendering of a tree, for tables.
    static func render(_ node: SearchQuery.Node) -> String {
        switch node {
        case .term(let t): return t.quoted ? "\"\(t.text)\"" : t.text
        case .filter(let f, _):
            switch f {
            case .unit(let u): return "unit:\(u)"
            case .year(let r): return "year:\(r.lowerBound)..\(r.upperBound)"
            case .section(let s): return "section:\(s)"
            case .title(let t): return "title:\(t)"
            }
        case .and(let xs): return "and(" + xs.map(render).joined(separator: " ") + ")"
        case .or(let xs): return "or(" + xs.map(render).joined(separator: " ") + ")"
        case .not(let x): return "not(" + render(x) + ")"
        }
    }

    @Test(arguments: [
        ("乡村振兴", "and(乡村振兴)"),
        ("乡村振兴 营商环境", "and(乡村振兴 营商环境)"),
        ("乡村振兴 AND 营商环境", "and(乡村振兴 营商环境)"),
        (#""数字 政府""#, #"and("数字 政府")"#),
        ("乡村振兴 OR 乡村全面振兴", "and(or(乡村振兴 乡村全面振兴))"),
        ("a b OR c", "and(or(and(a b) c))"),
        ("(乡村振兴 OR 乡村全面振兴) -疫情", "and(or(乡村振兴 乡村全面振兴) not(疫情))"),
        ("-(疫情 OR 防控) 乡村", "and(not(or(疫情 防控)) 乡村)"),
        ("unit:市XX办 year:2021", "and(unit:市XX办 year:2021..2021)"),
        ("year:2019..2021 乡村", "and(year:2019..2021 乡村)"),
        ("year:２０１９-２０２１ 乡村", "and(year:2019..2021 乡村)"),
        ("year:2021年 乡村", "and(year:2021..2021 乡村)"),
        ("UNIT:农业 乡村", "and(unit:农业 乡村)"),
        (#"section:"营商 环境" 企业"#, "and(section:营商 环境 企业)"),
        ("title:总结 -unit:市XX办 党建", "and(title:总结 not(unit:市XX办) 党建)"),
        ("1-2家", "and(1-2家)"),
        ("乡村 - 振兴", "and(乡村 - 振兴)"),
        ("or", "and(or)"),
        ("（一）", "and(（一）)"),
        ("http://x.cn", "and(http://x.cn)"),
        ("note:乡村", "and(note:乡村)"),
    ])
    func trees(_ query: String, _ expected: String) throws {
        #expect(Self.render(try SearchQuery(parsing: query).root) == expected)
    }

    @Test(arguments: [
        (#""乡村振兴"#, "unbalanced quote at column 1"),
        ("(乡村 OR 振兴", "“(” at column 1 is never closed"),
        ("乡村)", "“)” at column 3 has no “(”"),
        ("()", "empty parentheses at column 1"),
        ("OR 乡村", "OR at column 1 needs a term before it"),
        ("乡村 OR", "OR at column 4 needs a term after it"),
        ("乡村 OR OR 振兴", "OR at column 4 needs a term after it"),
        ("AND 乡村", "AND at column 1 needs a term on both sides"),
        ("unit:", "unit: needs a value at column 1"),
        ("year:去年", "year:去年 at column 1 is not a year or range"),
        ("year:2023..2021", "year range 2023..2021 at column 1 is empty"),
        ("year:21", "is not a year or range"),
        (#"a"b""#, "a quote must start a term"),
        (#""a"b"#, "a closing quote must end a term"),
        ("", "empty query"),
        ("乡村 -OR 振兴", "“-” at column 4 must stand right before a term"),
    ])
    func errors(_ query: String, _ message: String) {
        #expect {
            _ = try SearchQuery(parsing: query)
        } throws: { error in
            (error as? QueryError)?.message.contains(message) == true
        }
    }

    @Test func columnsPointAtTheProblem() {
        do {
            _ = try SearchQuery(parsing: "乡村振兴 \"数字")
            Issue.record("should fail")
        } catch {
            #expect(error.column == 6)
        }
    }

    @Test func supersetOfExclusionKeepsInexactTermsOutOfNOT() throws {
        // "乡村。" holds punctuation: FTS5 cannot exclude it exactly, so it stays out of NOT
        // and the exact check decides.
        let expression = TextExpression.and([.term(TermPlan("振兴")!), .not(.term(TermPlan("乡村。")!))])
        #expect(expression.superset() == .expression(#"("振兴")"#))
        #expect(expression.needsVerification)
        let exact = TextExpression.and([.term(TermPlan("振兴")!), .not(.term(TermPlan("疫情")!))])
        #expect(exact.superset() == .expression(#"(("振兴")) NOT (("疫情"))"#))
        #expect(!exact.needsVerification)
    }

    @Test(arguments: [
        ("农业", ["市农业农村局"]),
        ("市农业农村局", ["市农业农村局"]),
        ("县", ["县教育局"]),
        ("ＸＸ办", ["市XX办"]),
        ("市发改委", ["市发展和改革委员会"]),
        ("市委XX办", ["市XX办"]),
    ])
    func unitNames(_ name: String, _ expected: [String]) throws {
        let resolver = UnitResolver(units: ["市XX办", "市农业农村局", "县教育局", "市发展和改革委员会"],
                                    aliases: ["市委XX办": "市XX办"])
        #expect(try resolver.resolve(name, column: 1) == expected)
    }

    @Test func unknownAndAmbiguousUnitsSaySo() {
        let resolver = UnitResolver(units: ["市XX办", "市农业农村局", "县教育局", "市发展和改革委员会"])
        #expect {
            _ = try resolver.resolve("市农业局", column: 1)
        } throws: { error in
            let message = (error as? QueryError)?.message ?? ""
            return message.contains("unknown unit “市农业局”") && message.contains("nearest known units: 市农业农村局")
        }
        #expect {
            _ = try resolver.resolve("市", column: 1)
        } throws: { error in
            (error as? QueryError)?.message.contains("matches 3 units") == true
        }
    }
}
