/// A parsed search query: terms (each a phrase) combined with AND, OR, `-` and parentheses,
/// and filters on unit, year, section and title.
///
/// ```swift
/// let query = try SearchQuery(parsing: "乡村振兴 OR 乡村全面振兴 -疫情 unit:农业 year:2021..2023")
/// query.root  // and([or([term 乡村振兴, term 乡村全面振兴]), not(term 疫情), filter unit, filter year])
/// ```
public struct SearchQuery: Sendable, Hashable {
    /// One term of a query: a phrase to find.
    public struct Term: Sendable, Hashable {
        /// The term's text, without quotes.
        public var text: String
        /// Whether the term was written in double quotes.
        public var quoted: Bool
        /// The 1-based column (in characters) where the term starts in the query.
        public var column: Int

        public init(text: String, quoted: Bool, column: Int) {
            self.text = text
            self.quoted = quoted
            self.column = column
        }
    }

    /// A restriction on where passages come from.
    public enum Filter: Sendable, Hashable {
        /// A unit: its exact name, a unique prefix, or a unique part of it.
        case unit(String)
        /// Years, inclusive.
        case year(ClosedRange<Int>)
        /// Passages whose section headings (any level) contain the text.
        case section(String)
        /// Reports whose title contains the text.
        case title(String)
    }

    /// A node of the query tree.
    public indirect enum Node: Sendable, Hashable {
        case term(Term)
        case filter(Filter, column: Int)
        case and([Node])
        case or([Node])
        case not(Node)
    }

    /// The query tree; `and` of everything typed at the top level.
    public var root: Node

    public init(root: Node) {
        self.root = root
    }

    /// Parses `text`. Every input is either a query or a ``QueryError`` pointing at the problem.
    public init(parsing text: String) throws(QueryError) {
        var parser = try QueryParser(text)
        self.root = try parser.parse()
    }

    /// Every term of the query, in the order typed (negated ones included).
    public var terms: [Term] {
        var out: [Term] = []
        func walk(_ node: Node) {
            switch node {
            case .term(let t): out.append(t)
            case .filter: break
            case .and(let xs), .or(let xs): xs.forEach(walk)
            case .not(let x): walk(x)
            }
        }
        walk(root)
        return out
    }

    /// The terms a hit must contain somewhere (not negated): what highlights show.
    public var positiveTerms: [Term] {
        var out: [Term] = []
        func walk(_ node: Node) {
            switch node {
            case .term(let t): out.append(t)
            case .filter, .not: break
            case .and(let xs), .or(let xs): xs.forEach(walk)
            }
        }
        walk(root)
        return out
    }
}

/// Why a query string is not a valid query; the message points at the problem.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The 1-based column (in characters) of the problem, when there is one.
    public var column: Int?

    public init(_ message: String, column: Int? = nil) {
        self.message = message
        self.column = column
    }

    public var description: String { message }
}
