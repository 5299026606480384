import BaogaoKit
import Prometheus

/// The server's metrics in Prometheus' text format (swift-prometheus), served at `/metrics`:
/// requests by route and status, their latency, searches, failed and throttled logins, and
/// the index's size, reports, passages, full-text segments and last update, read when scraped.
///
/// ```text
/// baogao_http_requests_total{route="/api/search",status="200"} 42
/// baogao_http_request_duration_seconds_bucket{route="/api/search",le="0.01"} 40
/// baogao_index_reports 812
/// ```
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let searches: Counter
    let loginFailures: Counter
    let throttled: Counter
    let bcryptChecks: Counter
    private let indexBytes: Gauge
    private let indexReports: Gauge
    private let indexPassages: Gauge
    private let indexLastUpdate: Gauge
    private let indexSegments: Gauge

    /// Latency buckets, in seconds: a search takes milliseconds, a hard one up to the read timeout.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    static var requests: MetricNameDescriptor { name("http_requests", "total", "HTTP requests answered, by route and status.") }
    static var duration: MetricNameDescriptor { name("http_request_duration", "seconds", "Time to answer a request, by route.") }

    init() {
        searches = registry.makeCounter(descriptor: Self.name("searches", "total", "Searches answered (API and page)."))
        loginFailures = registry.makeCounter(descriptor: Self.name("login_failures", "total", "Requests with a wrong user name or password."))
        throttled = registry.makeCounter(descriptor: Self.name("login_throttled", "total", "Requests refused with 429 after too many failed logins."))
        bcryptChecks = registry.makeCounter(descriptor: Self.name("login_bcrypt_checks", "total", "Full bcrypt checks (a login not seen before, or a wrong one)."))
        indexBytes = registry.makeGauge(descriptor: Self.name("index_size", "bytes", "The index file and its write-ahead log."))
        indexReports = registry.makeGauge(descriptor: Self.name("index_reports", "", "Reports in the index."))
        indexPassages = registry.makeGauge(descriptor: Self.name("index_passages", "", "Passages in the index."))
        indexLastUpdate = registry.makeGauge(descriptor: Self.name("index_last_update", "timestamp_seconds",
                                                                   "When the index last changed (Unix time)."))
        indexSegments = registry.makeGauge(descriptor: Self.name("index_fts_segments", "",
                                                                 "Segments of the full-text index, each opened by every search."))
    }

    /// Counts one answered request. `route` is the router's pattern (`/api/search`,
    /// `/assets/:name`) or `unmatched`, so that random paths cannot grow the series.
    func request(route: String, status: Int, seconds: Double) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("status", String(status))]).increment()
        registry.makeValueHistogram(descriptor: Self.duration, labels: [("route", route)], buckets: Self.buckets).record(seconds)
    }

    func update(with statistics: IndexStatistics) {
        indexBytes.set(Double(statistics.bytes))
        indexReports.set(Double(statistics.reports))
        indexPassages.set(Double(statistics.passages))
        indexLastUpdate.set(statistics.lastUpdate?.timeIntervalSince1970 ?? 0)
        indexSegments.set(Double(statistics.ftsSegments ?? 0))
    }

    var text: String { registry.emitToString() }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "baogao", metricName: metric, unitName: unit, helpText: help)
    }
}
