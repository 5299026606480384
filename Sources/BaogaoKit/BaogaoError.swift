/// An error a user can act on: the message names the file or query and the reason.
///
/// The command line prints ``message`` and exits with status 2; no SQLite error text or stack
/// reaches the user.
public struct BaogaoError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Whether the query is at fault (an unknown unit, nothing to search for) rather than the
    /// index or the files: a server answers these with 400, the others with 500.
    public var isQueryError: Bool

    public init(_ message: String, isQueryError: Bool = false) {
        self.message = message
        self.isQueryError = isQueryError
    }

    public var description: String { message }
}
