/// Builds the query tree from tokens: OR binds looser than AND (implicit between terms);
/// `-` negates the term, filter or group after it; parentheses group. Pure.
struct QueryParser {
    private let tokens: [QueryLexer.Token]
    private let length: Int
    private var at = 0

    init(_ text: String) throws(QueryError) {
        self.tokens = try QueryLexer.tokens(text)
        self.length = text.count
    }

    mutating func parse() throws(QueryError) -> SearchQuery.Node {
        guard !tokens.isEmpty else { throw QueryError("empty query: type a word or phrase to search for") }
        let node = try parseOr()
        if at < tokens.count {
            let token = tokens[at]
            if token.kind == .close {
                throw QueryError("unbalanced parenthesis: “)” at column \(token.column) has no “(”", column: token.column)
            }
            throw QueryError("unexpected input at column \(token.column)", column: token.column)
        }
        if case .and = node { return node }
        return .and([node])
    }

    private mutating func parseOr() throws(QueryError) -> SearchQuery.Node {
        var parts = [try parseAnd()]
        while at < tokens.count, tokens[at].kind == .or {
            let or = tokens[at]
            at += 1
            guard at < tokens.count, startsOperand(tokens[at].kind) else {
                throw QueryError("OR at column \(or.column) needs a term after it", column: or.column)
            }
            parts.append(try parseAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws(QueryError) -> SearchQuery.Node {
        var parts: [SearchQuery.Node] = []
        while at < tokens.count {
            let token = tokens[at]
            if token.kind == .or || token.kind == .close { break }
            if token.kind == .and {
                at += 1
                guard !parts.isEmpty, at < tokens.count, startsOperand(tokens[at].kind) else {
                    throw QueryError("AND at column \(token.column) needs a term on both sides", column: token.column)
                }
                continue
            }
            parts.append(try parseUnary())
        }
        guard !parts.isEmpty else {
            let column = at < tokens.count ? tokens[at].column : length + 1
            if at < tokens.count, tokens[at].kind == .or {
                throw QueryError("OR at column \(column) needs a term before it", column: column)
            }
            throw QueryError("expected a term at column \(column)", column: column)
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseUnary() throws(QueryError) -> SearchQuery.Node {
        let token = tokens[at]
        switch token.kind {
        case .minus:
            at += 1
            guard at < tokens.count, startsOperand(tokens[at].kind), tokens[at].kind != .minus else {
                throw QueryError("“-” at column \(token.column) must stand right before a term, e.g. -疫情",
                                 column: token.column)
            }
            return .not(try parseUnary())
        case .open:
            at += 1
            guard at < tokens.count else {
                throw QueryError("unbalanced parenthesis: “(” at column \(token.column) is never closed", column: token.column)
            }
            if tokens[at].kind == .close {
                throw QueryError("empty parentheses at column \(token.column)", column: token.column)
            }
            let inner = try parseOr()
            guard at < tokens.count, tokens[at].kind == .close else {
                throw QueryError("unbalanced parenthesis: “(” at column \(token.column) is never closed", column: token.column)
            }
            at += 1
            return inner
        case .word(let text):
            at += 1
            return .term(.init(text: text, quoted: false, column: token.column))
        case .quoted(let text):
            at += 1
            let trimmed = text.trimmingWhitespace()
            guard !trimmed.isEmpty else {
                throw QueryError("empty quotes at column \(token.column)", column: token.column)
            }
            return .term(.init(text: trimmed, quoted: true, column: token.column))
        case .filter(let name, let value, _):
            at += 1
            return .filter(try Self.filter(name, value.trimmingWhitespace(), column: token.column), column: token.column)
        case .or, .and, .close:
            throw QueryError("expected a term at column \(token.column)", column: token.column)
        }
    }

    private func startsOperand(_ kind: QueryLexer.Kind) -> Bool {
        switch kind {
        case .or, .and, .close: return false
        default: return true
        }
    }

    static func filter(_ name: String, _ value: String, column: Int) throws(QueryError) -> SearchQuery.Filter {
        switch name {
        case "unit": return .unit(value)
        case "section": return .section(value)
        case "title": return .title(value)
        default: return .year(try yearRange(value, column: column))
        }
    }

    /// `2021`, `2019..2021`, `2019-2021`, `2019~2021`; full-width digits fold.
    static func yearRange(_ value: String, column: Int) throws(QueryError) -> ClosedRange<Int> {
        let folded = ScalarFolding.fold(value)
        var parts: [Substring] = []
        for separator in ["..", "-", "~", "～", "—", "–"] where folded.contains(separator) {
            parts = folded.split(separator: separator, omittingEmptySubsequences: false).map { $0 }
            break
        }
        if parts.isEmpty { parts = [Substring(folded)] }
        func year(_ s: Substring) -> Int? {
            let digits = s.hasSuffix("年") ? s.dropLast() : s
            guard digits.count == 4, let n = Int(digits), (1900...2200).contains(n) else { return nil }
            return n
        }
        guard parts.count <= 2, let first = parts.first.flatMap(year), let last = parts.last.flatMap(year) else {
            throw QueryError("year:\(value) at column \(column) is not a year or range: write year:2021 or year:2019..2021",
                             column: column)
        }
        guard first <= last else {
            throw QueryError("year range \(first)..\(last) at column \(column) is empty: write year:\(last)..\(first)",
                             column: column)
        }
        return first...last
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
