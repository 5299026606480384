import BaogaoKit
@testable import BaogaoServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/healthz` and `/metrics` through the router, without a socket.
@Suite(.serialized)
struct OperationsRouterTests {
    @Test func metricsCountRequestsByRouteAndStatusAndDescribeTheIndex() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            for _ in 0..<3 { #expect(try await client.get(url("/api/search", ["q": "乡村振兴"])).status == .ok) }
            for _ in 0..<2 { #expect(try await client.get("/api/search").status == .badRequest) }
            #expect(try await client.get(url("/api/units", ["q": "乡村振兴"])).status == .ok)
            #expect(try await client.get(url("/", ["q": "万人助万企"])).status == .ok)
            #expect(try await client.get("/").status == .ok)
            #expect(try await client.get("/no/such/page").status == .notFound)
            #expect(try await client.get("/assets/baogao.css").status == .ok)
            let scrape = try await client.get("/metrics")
            #expect(scrape.status == .ok)
            #expect(scrape.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let metrics = try PrometheusText(scrape.text)
            #expect(metrics.requests("/api/search", 200) == 3)
            #expect(metrics.requests("/api/search", 400) == 2)
            #expect(metrics.requests("/api/units", 200) == 1)
            #expect(metrics.requests("/", 200) == 2)
            #expect(metrics.requests("unmatched", 404) == 1)
            #expect(metrics.samples.keys.contains { $0.hasPrefix(#"baogao_http_requests_total{route="/assets/"#) })
            // Searches: the two API searches and the page with a query, not the home page nor errors.
            #expect(metrics["baogao_searches_total"] == 5)
            #expect(metrics.types["baogao_http_request_duration_seconds"] == "histogram")
            #expect(metrics[#"baogao_http_request_duration_seconds_count{route="/api/search"}"#] == 5)
            #expect(metrics[#"baogao_http_request_duration_seconds_bucket{route="/api/search",le="+Inf"}"#] == 5)
            // The index, as the library counts it.
            let statistics = try fixture.index.statistics()
            #expect(metrics["baogao_index_reports"] == Double(Fixture.reports.count))
            #expect(metrics["baogao_index_passages"] == Double(statistics.passages))
            #expect(statistics.passages > Fixture.reports.count)
            #expect(metrics["baogao_index_size_bytes"] == Double(statistics.bytes))
            // A fresh build: one segment.
            #expect(statistics.ftsSegments == 1)
            #expect(metrics["baogao_index_fts_segments"] == 1)
            let updated = try #require(metrics["baogao_index_last_update_timestamp_seconds"])
            #expect(abs(updated - (statistics.lastUpdate?.timeIntervalSince1970 ?? 0)) < 1)
            #expect(updated > Date().timeIntervalSince1970 - 3600)
            // The scrape counts itself in the next one.
            let again = try PrometheusText(try await client.get("/metrics").text)
            #expect(again.requests("/metrics", 200) == 1)
        }
    }

    /// A server searches many times: its index keeps the passages' lengths in memory.
    @Test func theServersIndexKeepsItsPassagesLengths() async throws {
        let own = try Fixture(reports: ["单位_2024_总结.txt": "一、工作\n推进乡村振兴。\n"], name: "baogao-lengths")
        #expect(!own.index.keepsPassageLengths)
        try await withApp(own.index) { client in
            let found = try await client.get(url("/api/search", ["q": "乡村振兴"]))
            #expect(found.status == .ok)
        }
        #expect(own.index.keepsPassageLengths)
    }

    @Test func healthIsOkWhileTheIndexAnswersAnd503OnceItIsGone() async throws {
        let own = try Fixture(reports: ["单位_2024_总结.txt": "一、工作\n推进乡村振兴。\n"], name: "baogao-health")
        try await withApp(own.index) { client in
            let ok = try await client.get("/healthz")
            #expect(ok.status == .ok)
            #expect(ok.text == "ok\n")
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: own.indexURL.path + suffix)
            }
            let gone = try await client.get("/healthz")
            #expect(gone.status == .serviceUnavailable)
            #expect(gone.text.contains("is gone"), "\(gone.text)")
        }
    }
}
