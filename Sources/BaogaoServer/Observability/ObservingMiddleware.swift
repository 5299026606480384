import Foundation
import Hummingbird

/// The outermost middleware: times every request and, once it is answered (errors already
/// turned into pages or JSON), counts it in the metrics and writes its access-log line.
struct ObservingMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let metrics: ServerMetrics
    /// Where access-log lines go; nil: nowhere.
    let accessLog: (@Sendable (String) -> Void)?
    let logQueries: Bool

    /// The routes whose successful answers are searches.
    static let searchRoutes: Set<String> = ["/api/search", "/api/units"]

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let time = Date()
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            observe(request, context, status: status, since: start, at: time)
            return response
        } catch {
            observe(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start, at: time)
            throw error
        }
    }

    private func observe(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant, at time: Date) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Hummingbird names no route (a login refused first) or "NotFound": both are unmatched.
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        metrics.request(route: route, status: status, seconds: seconds)
        let query = (try? QueryString(request.uri.query))?.text("q")
        if status == 200, Self.searchRoutes.contains(route) || (route == "/" && query != nil) {
            metrics.searches.increment()
        }
        guard let accessLog else { return }
        let line = AccessLogLine(time: time, address: context.clientAddress, user: context.record.user.withLock { $0 },
                                 method: request.method.rawValue, path: request.uri.path, status: status,
                                 milliseconds: seconds * 1000, query: logQueries ? query : nil)
        accessLog(line.text)
    }
}
