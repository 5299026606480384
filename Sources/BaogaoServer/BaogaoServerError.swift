/// Why the server cannot start: a users file, a certificate or a key it cannot use, named.
///
/// ```swift
/// throw BaogaoServerError("the users file users.htpasswd, line 3: …")
/// ```
public struct BaogaoServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}
