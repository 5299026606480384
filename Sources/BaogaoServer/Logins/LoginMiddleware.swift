import Hummingbird
import HummingbirdAuth
import HummingbirdBasicAuth

/// HTTP Basic logins over every route but `/healthz` and the assets: a request without a
/// valid login gets `401` with `WWW-Authenticate: Basic realm="Baogao"`, which makes a browser
/// ask for one. Names and passwords come from the users file (bcrypt, checked by
/// hummingbird-auth's `BasicAuthenticator`, once per credential); an address with 10 failed
/// logins within a minute gets `429` with `Retry-After` until that minute is over.
///
/// Added to the router before any route, so that every route, including those added later,
/// is behind it.
struct LoginMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let challenge = #"Basic realm="Baogao", charset="UTF-8""#

    let authenticator: BasicAuthenticator<AppRequestContext, UsersFile, CachedBcryptVerifier>
    let throttle: LoginThrottle
    let metrics: ServerMetrics

    init(users: UsersFile, metrics: ServerMetrics, throttle: FailedLogins = FailedLogins()) {
        authenticator = BasicAuthenticator(users: users, passwordHashVerifier: CachedBcryptVerifier { metrics.bcryptChecks.increment() },
                                           context: AppRequestContext.self)
        self.throttle = LoginThrottle(throttle)
        self.metrics = metrics
    }

    /// The paths anyone may fetch: the health check for load balancers, the page's static files.
    static func isOpen(_ path: String) -> Bool {
        path == "/healthz" || path.hasPrefix("/assets/")
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isOpen(request.uri.path) { return try await next(request, context) }
        let address = context.clientAddress
        if let wait = throttle.retryAfter(address) {
            metrics.throttled.increment()
            throw RequestError(.tooManyRequests, "too many failed logins from \(address): try again in \(wait) s",
                               headers: [.retryAfter: String(wait)])
        }
        guard let user = try await authenticator.authenticate(request: request, context: context) else {
            if request.headers[.authorization] != nil {
                throttle.recordFailure(address)
                metrics.loginFailures.increment()
                throw RequestError(.unauthorized, "wrong user name or password", headers: [.wwwAuthenticate: Self.challenge])
            }
            throw RequestError(.unauthorized, "please log in", headers: [.wwwAuthenticate: Self.challenge])
        }
        var context = context
        context.identity = user
        context.record.user.withLock { $0 = user.name }
        return try await next(request, context)
    }
}
