/// An error a user can act on: the message names the file or query and the reason.
///
/// The command line prints ``message`` and exits with status 2; no SQLite error text or stack
/// reaches the user.
public struct BaogaoError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
