/// Splits a query string into tokens for ``QueryParser``. Pure.
///
/// ```swift
/// QueryLexer.tokens(#"(乡村 OR "数字 政府") -疫情 year:2021"#)
/// // ( 乡村 OR "数字 政府" ) - 疫情 year:2021
/// ```
struct QueryLexer {
    enum Kind: Hashable {
        case open, close, minus, or, and
        case word(String)
        case quoted(String)
        case filter(name: String, value: String, quoted: Bool)
    }

    struct Token: Hashable {
        var kind: Kind
        /// 1-based column in characters.
        var column: Int
    }

    static let filterNames: Set<String> = ["unit", "year", "section", "title"]

    static func tokens(_ text: String) throws(QueryError) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0

        func readQuoted(from open: Int) throws(QueryError) -> (String, Int) {
            var phrase = ""
            var k = open + 1
            while k < chars.count {
                if chars[k] == "\"" {
                    if k + 1 < chars.count && chars[k + 1] == "\"" {
                        phrase.append("\"")
                        k += 2
                        continue
                    }
                    let after = k + 1
                    if after < chars.count, !isBoundary(chars[after]) {
                        throw QueryError("a closing quote must end a term: put a space after the quote at column \(k + 1)",
                                         column: k + 1)
                    }
                    return (phrase, after)
                }
                phrase.append(chars[k])
                k += 1
            }
            throw QueryError("unbalanced quote at column \(open + 1)", column: open + 1)
        }

        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let column = i + 1
            if c == "(" { tokens.append(Token(kind: .open, column: column)); i += 1; continue }
            if c == ")" { tokens.append(Token(kind: .close, column: column)); i += 1; continue }
            if c == "-", i + 1 < chars.count, !chars[i + 1].isWhitespace, chars[i + 1] != ")" {
                tokens.append(Token(kind: .minus, column: column))
                i += 1
                continue
            }
            if c == "\"" {
                let (phrase, next) = try readQuoted(from: i)
                tokens.append(Token(kind: .quoted(phrase), column: column))
                i = next
                continue
            }
            var word = ""
            var k = i
            while k < chars.count, !isBoundary(chars[k]) {
                if chars[k] == "\"" {
                    // name:"value" is a filter with a quoted value; any other quote must start a term.
                    if word.hasSuffix(":"), Self.filterNames.contains(String(word.dropLast()).lowercased()) {
                        break
                    }
                    throw QueryError("a quote must start a term: put a space before the quote at column \(k + 1)",
                                     column: k + 1)
                }
                word.append(chars[k])
                k += 1
            }
            if let colon = word.firstIndex(of: ":"),
               Self.filterNames.contains(String(word[..<colon]).lowercased()) {
                let name = String(word[..<colon]).lowercased()
                var value = String(word[word.index(after: colon)...])
                var quoted = false
                if value.isEmpty, k < chars.count, chars[k] == "\"" {
                    let (phrase, next) = try readQuoted(from: k)
                    value = phrase
                    quoted = true
                    k = next
                }
                guard !value.trimmingWhitespace().isEmpty else {
                    throw QueryError("\(name): needs a value at column \(column), e.g. \(example(name))", column: column)
                }
                tokens.append(Token(kind: .filter(name: name, value: value, quoted: quoted), column: column))
            } else if word == "OR" {
                tokens.append(Token(kind: .or, column: column))
            } else if word == "AND" {
                tokens.append(Token(kind: .and, column: column))
            } else {
                tokens.append(Token(kind: .word(word), column: column))
            }
            i = k
        }
        return tokens
    }

    private static func isBoundary(_ c: Character) -> Bool {
        c.isWhitespace || c == "(" || c == ")"
    }

    static func example(_ name: String) -> String {
        switch name {
        case "unit": return "unit:市农业农村局"
        case "year": return "year:2021 or year:2019..2021"
        case "section": return "section:营商环境"
        default: return "title:工作总结"
        }
    }
}
