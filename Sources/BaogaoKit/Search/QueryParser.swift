/// Turns a query string into terms. Pure; every input is either terms or a ``QueryError``.
enum QueryParser {
    static func parse(_ text: String) throws(QueryError) -> [SearchQuery.Term] {
        var terms: [SearchQuery.Term] = []
        var chars = Array(text)
        chars.append(" ")
        var i = 0
        var current = ""
        var start = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }

        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                if !current.isEmpty {
                    throw QueryError("a quote must start a term: put a space before the quote at column \(i + 1)",
                                     column: i + 1)
                }
                let open = i
                var phrase = ""
                i += 1
                var closed = false
                while i < chars.count - 1 {
                    if chars[i] == "\"" {
                        if i + 1 < chars.count - 1 && chars[i + 1] == "\"" {
                            phrase.append("\"")
                            i += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    phrase.append(chars[i])
                    i += 1
                }
                guard closed else {
                    throw QueryError("unbalanced quote at column \(open + 1)", column: open + 1)
                }
                i += 1
                if i < chars.count, !isSpace(chars[i]) {
                    throw QueryError("a closing quote must end a term: put a space after the quote at column \(i)",
                                     column: i)
                }
                let trimmed = phrase.trimmingWhitespace()
                guard !trimmed.isEmpty else {
                    throw QueryError("empty quotes at column \(open + 1)", column: open + 1)
                }
                terms.append(.init(text: trimmed, quoted: true, column: open + 1))
                continue
            }
            if isSpace(c) {
                if !current.isEmpty {
                    terms.append(.init(text: current, quoted: false, column: start + 1))
                    current = ""
                }
            } else {
                if current.isEmpty { start = i }
                current.append(c)
            }
            i += 1
        }
        guard !terms.isEmpty else { throw QueryError("empty query: type a word or phrase to search for") }
        return terms
    }
}

extension String {
    /// The string without leading and trailing whitespace (full-width spaces included).
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
