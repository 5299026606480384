import NIOSSL

/// Where the server listens, who may log in, and the limits it keeps.
///
/// ```swift
/// var settings = ServerSettings()          // 127.0.0.1:8080, loopback only, no login
/// settings.port = 0                        // any free port (the callback says which)
/// settings.users = try UsersFile(url: …)   // HTTP Basic logins from an htpasswd file
/// settings.tls = try ServerTLS.configuration(certificate: …, key: …)
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
    /// The most rows or reports one answer of `/api/units` and `/api/reports` holds: the
    /// default `limit` and its largest value (a row per report of a common phrase in 532,250
    /// reports was 1.25 GB of memory in one answer).
    public var maxRowsPerAnswer: Int
    /// The logins; nil serves everyone.
    public var users: UsersFile?
    /// HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: TLSConfiguration?
    /// Receives one access-log line per request; nil logs nothing.
    public var accessLog: (@Sendable (String) -> Void)?
    /// Whether access-log lines hold the query text (queries can be sensitive).
    public var logQueries: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, readTimeout: Duration = .seconds(10),
                idleTimeout: Duration = .seconds(30), maxURIBytes: Int = 8192, maxBodyBytes: Int = 16384,
                maxQueryCharacters: Int = 500, pageSize: Int = 10, maxRowsPerAnswer: Int = 10_000, users: UsersFile? = nil,
                tls: TLSConfiguration? = nil, accessLog: (@Sendable (String) -> Void)? = nil, logQueries: Bool = false) {
        self.host = host
        self.port = port
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.maxURIBytes = maxURIBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxQueryCharacters = maxQueryCharacters
        self.pageSize = pageSize
        self.maxRowsPerAnswer = maxRowsPerAnswer
        self.users = users
        self.tls = tls
        self.accessLog = accessLog
        self.logQueries = logQueries
    }
}
