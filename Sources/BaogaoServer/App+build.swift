import BaogaoKit
import Hummingbird

/// The request context of every route.
typealias AppRequestContext = BasicRequestContext

/// Builds the web application over an open index: the JSON API, MCP at `/mcp`, the pages and the assets,
/// behind middleware that answers errors as JSON or pages, refuses what a read-only server
/// never needs, and adds security headers. Tests call it and drive the router without a socket.
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
) -> some ApplicationProtocol {
    let router = buildRouter(index: index, settings: settings)
    return Application(
        router: router,
        server: .http1(configuration: .init(
            idleTimeout: .seconds(settings.idleTimeout.components.seconds),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024, maxHeaderFieldCount: 100))),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "baogao"),
        onServerRunning: { channel in
            onListening(settings.host, channel.localAddress?.port ?? settings.port)
        }
    )
}

/// The routes and middleware, in the order a request meets them.
func buildRouter(index: IndexDatabase, settings: ServerSettings) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Middleware first: a route takes the middleware added before it.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: RequestLimitsMiddleware(maxURIBytes: settings.maxURIBytes, maxBodyBytes: settings.maxBodyBytes,
                                                   postPaths: [MCPRoutes.path]))
    let reader = IndexReader(index: index, timeout: settings.readTimeout)
    APIRoutes(reader: reader, settings: settings).add(to: router)
    MCPRoutes(reader: reader, settings: settings).add(to: router)
    PageRoutes(reader: reader, settings: settings).add(to: router)
    AssetRoutes(assets: Assets.bundled).add(to: router)
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
