import BaogaoKit
import Hummingbird

/// The routes for those who run the server: `/healthz` (200 when the index opens and answers
/// a query, 503 with the reason otherwise; no login, for load balancers and systemd) and
/// `/metrics` (Prometheus' text format; behind the login like every other route).
///
/// ```text
/// GET /healthz   →  200 "ok"  |  503 "unavailable: the index /srv/baogao.sqlite is gone"
/// GET /metrics   →  200 text/plain; version=0.0.4
/// ```
struct OperationsRoutes: Sendable {
    let reader: IndexReader
    let metrics: ServerMetrics

    func add(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in try await self.health() }
        router.get("metrics") { _, _ in try await self.scrape() }
    }

    func health() async throws -> Response {
        do {
            try await reader.run { try $0.checkHealth() }
            return Self.text("ok\n", status: .ok)
        } catch let error as BaogaoError {
            return Self.text("unavailable: \(error.message)\n", status: .serviceUnavailable)
        } catch let error as RequestError {
            return Self.text("unavailable: \(error.message)\n", status: .serviceUnavailable)
        }
    }

    func scrape() async throws -> Response {
        let statistics = try await reader.run { try $0.statistics() }
        metrics.update(with: statistics)
        return Self.text(metrics.text, status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    private static func text(_ body: String, status: HTTPResponse.Status,
                             contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
