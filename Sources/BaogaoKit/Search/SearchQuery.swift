/// A parsed search query: terms that must all match, each as a phrase.
///
/// ```swift
/// let query = try SearchQuery(parsing: "乡村振兴 \"数字 政府\"")
/// query.terms.map(\.text)  // ["乡村振兴", "数字 政府"]
/// ```
public struct SearchQuery: Sendable, Hashable {
    /// One term of a query.
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

    public var terms: [Term]

    public init(terms: [Term]) {
        self.terms = terms
    }

    /// Parses `text`: space-separated terms; `"…"` is one term that may hold spaces, and `""`
    /// inside it stands for one `"`.
    public init(parsing text: String) throws(QueryError) {
        self.terms = try QueryParser.parse(text)
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
