import BaogaoKit
import Hummingbird
import HummingbirdCore
import HummingbirdTLS

/// Builds the web application over an open index: the JSON API, MCP at `/mcp`, the pages, the
/// assets and the operations routes (`/healthz`, `/metrics`), behind middleware that observes
/// every request (metrics, access log), adds security headers, answers errors as JSON or pages,
/// asks for a login when the settings name users, and refuses what a read-only server never
/// needs. The index keeps its passages' lengths in memory from then on
/// (``IndexDatabase/keepPassageLengths(waiting:)``). Tests call it and drive the router without
/// a socket.
///
/// ```swift
/// let app = try buildApplication(index: index, settings: ServerSettings(port: 0)) { host, port in
///     print("listening on http://\(host):\(port)/")
/// }
/// try await app.test(.router) { client in … }   // or: try await app.runService()
/// ```
public func buildApplication(
    index: IndexDatabase,
    settings: ServerSettings = ServerSettings(),
    onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
) throws -> some ApplicationProtocol {
    try index.keepPassageLengths()
    let router = buildRouter(index: index, settings: settings)
    let http = HTTPServerBuilder.http1(configuration: .init(
        idleTimeout: .seconds(settings.idleTimeout.components.seconds),
        httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100)))
    return Application(
        router: router,
        server: try settings.tls.map { try HTTPServerBuilder.tls(http, tlsConfiguration: $0) } ?? http,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "baogao"),
        onServerRunning: { channel in
            onListening(settings.host, channel.localAddress?.port ?? settings.port)
        }
    )
}

/// The routes and middleware, in the order a request meets them. The login comes before
/// every route, so every route added to this router (now or later) needs one, but for the
/// health check and the assets.
func buildRouter(index: IndexDatabase, settings: ServerSettings) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    let metrics = ServerMetrics()
    // Middleware first: a route takes the middleware added before it.
    router.add(middleware: ObservingMiddleware(metrics: metrics, accessLog: settings.accessLog, logQueries: settings.logQueries))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    if let users = settings.users {
        router.add(middleware: LoginMiddleware(users: users, metrics: metrics))
    }
    router.add(middleware: RequestLimitsMiddleware(maxURIBytes: settings.maxURIBytes, maxBodyBytes: settings.maxBodyBytes,
                                                   postPaths: [MCPRoutes.path]))
    let reader = IndexReader(index: index, timeout: settings.readTimeout)
    APIRoutes(reader: reader, settings: settings).add(to: router)
    MCPRoutes(reader: reader, settings: settings).add(to: router)
    PageRoutes(reader: reader, settings: settings).add(to: router)
    AssetRoutes(assets: Assets.bundled).add(to: router)
    OperationsRoutes(reader: reader, metrics: metrics).add(to: router)
    return router
}

/// Serves `index` until SIGINT or SIGTERM: the `baogao serve` command.
///
/// ```swift
/// try await serve(index: index, settings: ServerSettings(port: 8080)) { host, port in … }
/// ```
public func serve(
    index: IndexDatabase,
    settings: ServerSettings = ServerSettings(),
    onListening: @escaping @Sendable (_ host: String, _ port: Int) -> Void = { _, _ in }
) async throws {
    try await buildApplication(index: index, settings: settings, onListening: onListening).runService()
}
