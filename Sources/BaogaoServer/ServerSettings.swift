/// Where the server listens and the limits it keeps.
///
/// ```swift
/// var settings = ServerSettings()          // 127.0.0.1:8080, loopback only
/// settings.port = 0                        // any free port (the callback says which)
/// ```
public struct ServerSettings: Sendable {
    /// The address to bind: loopback unless the user says otherwise.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// How long one request may wait for the index before it is answered with 503.
    public var readTimeout: Duration
    /// How long an idle connection stays open.
    public var idleTimeout: Duration
    /// The longest URL (path and query string), in bytes; longer gets 414.
    public var maxURIBytes: Int
    /// The largest request body accepted (the server reads none); larger gets 413.
    public var maxBodyBytes: Int
    /// The longest query, in characters; longer gets 400.
    public var maxQueryCharacters: Int
    /// Hits per results page.
    public var pageSize: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, readTimeout: Duration = .seconds(10),
                idleTimeout: Duration = .seconds(30), maxURIBytes: Int = 8192, maxBodyBytes: Int = 16384,
                maxQueryCharacters: Int = 500, pageSize: Int = 10) {
        self.host = host
        self.port = port
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.maxURIBytes = maxURIBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxQueryCharacters = maxQueryCharacters
        self.pageSize = pageSize
    }
}
