import BaogaoKit
import Foundation
import Testing

/// The real `baogao serve` for a team, over loopback: logins from htpasswd files made by
/// `htpasswd -B`, HTTPS with a certificate made by `openssl`, curl as the client.
@Suite(.serialized, .enabled(if: Tools.missing == nil, "\(Tools.missing ?? "")"))
struct TeamServeTests {
    /// The routes and a request for each that succeeds with a login.
    static let routes: [(path: String, ok: String)] = [
        ("/", url("/", ["q": "乡村振兴"])),
        ("/report", url("/report", ["path": "市XX办_2021_机关党建工作总结.txt", "line": "5"])),
        ("/api/search", url("/api/search", ["q": "乡村振兴"])),
        ("/api/units", url("/api/units", ["q": "乡村振兴"])),
        ("/api/reports", "/api/reports"),
        ("/api/report", url("/api/report", ["path": "市XX办_2021_机关党建工作总结.txt"])),
        ("/api/section", url("/api/section", ["path": "市XX办_2021_机关党建工作总结.txt", "line": "5"])),
        ("/metrics", "/metrics"),
    ]

    @Test func everyRouteNeedsALoginOverHTTPS() async throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        let server = try RunningServer(["--index", fixture.indexURL.path, "--users", team.users.path,
                                        "--tls-cert", team.certificate.path, "--tls-key", team.key.path], in: fixture.root)
        defer { server.stop() }
        #expect(server.base.scheme == "https")
        let base = server.base.absoluteString.dropLast()
        func get(_ path: String, _ login: (String, String)? = nil) throws -> Curl.Answer {
            try Curl.get(base + path, login: login, caCertificate: team.certificate)
        }
        var expected: [String: Int] = [:]   // "route status" → requests made
        for (number, (route, path)) in Self.routes.enumerated() {
            // Wrong logins on the first four routes only: 8 failures stay under the throttle's 10.
            let guesses = number < 4 ? [try get(path, ("alice", "not the password")), try get(path, ("mallory", TeamFixture.alice.1))] : []
            let none = try get(path)
            for answer in [none] + guesses {
                #expect(answer.status == 401, "\(path): \(answer.status)")
                #expect(answer.headers["www-authenticate"]?.hasPrefix(#"Basic realm="Baogao""#) == true, "\(path)")
                #expect(!answer.body.contains("乡村振兴</mark>"))
            }
            let right = try get(path, TeamFixture.alice)
            #expect(right.status == 200, "\(path): \(right.status) \(right.body.prefix(300))")
            expected["\(route) 401", default: 0] += 1 + guesses.count
            if route != "/metrics" { expected["\(route) 200", default: 0] += 1 }
        }
        // A Chinese user name and password, as curl sends them (UTF-8).
        let wang = try get(url("/api/search", ["q": "万人助万企"]), TeamFixture.wang)
        #expect(wang.status == 200)
        #expect(wang.body.contains("万人助万企"))
        expected["/api/search 200", default: 0] += 1
        // Open: the health check and the page's assets.
        #expect(try get("/healthz").status == 200)
        #expect(try get("/assets/baogao.css").status == 200)
        // An unknown path asks for a login too: it tells nothing about what exists.
        #expect(try get("/no/such/page").status == 401)
        #expect(try get("/no/such/page", TeamFixture.alice).status == 404)

        // Plain HTTP to the HTTPS port gets no HTTP answer.
        let plain = try Curl.get("http://127.0.0.1:\(server.base.port!)/healthz")
        #expect(plain.status == 0)
        #expect(plain.exit != 0)
        #expect(!plain.body.contains("HTTP/1"))

        // The metrics count exactly what was asked (the scrape itself counts in the next one).
        let scrape = try get("/metrics", TeamFixture.alice)
        let metrics = try PrometheusText(scrape.body)
        for (key, count) in expected {
            let parts = key.split(separator: " ")
            #expect(metrics.requests(String(parts[0]), Int(parts[1])!) == Double(count), "\(key)")
        }
        #expect(metrics.requests("/metrics", 200) == 1)
        #expect(metrics["baogao_login_failures_total"] == 8)
        #expect(metrics["baogao_searches_total"] == 4)   // /, /api/search twice, /api/units
        #expect(metrics["baogao_index_reports"] == Double(Fixture.reports.count))
        // bcrypt ran once per wrong login and once for each right credential, not per request.
        #expect(metrics["baogao_login_bcrypt_checks_total"] == Double(8 + 2))

        // One access-log line per request: time, address, user, method, path, status, ms; no query text.
        let log = server.accessLog()
        let lines = log.filter { $0.contains(" GET /api/search ") }
        #expect(lines.contains { $0.contains(" 127.0.0.1 alice GET /api/search 200 ") }, "\(lines)")
        #expect(lines.contains { $0.contains(" 127.0.0.1 王芳 GET /api/search 200 ") }, "\(lines)")
        #expect(lines.contains { $0.contains(" 127.0.0.1 - GET /api/search 401 ") }, "\(lines)")
        #expect(lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z .* \d+\.\dms$"#, options: .regularExpression) != nil }, "\(lines)")
        #expect(!server.stdout.contains("乡村振兴") && !server.stdout.contains("q="), "queries stay out of the log")
        #expect(log.count >= expected.values.reduce(0, +) + 6)
        #expect(server.stop() == 0)
    }

    @Test func tenFailedLoginsFromOneAddressGet429UntilTheMinuteIsOver() async throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        let server = try RunningServer(["--index", fixture.indexURL.path, "--users", team.users.path], in: fixture.root)
        defer { server.stop() }
        let search = URL(string: url("api/search", ["q": "乡村振兴"]), relativeTo: server.base)!.absoluteString
        #expect(try Curl.get(search, login: TeamFixture.alice).status == 200)
        for _ in 0..<10 {
            #expect(try Curl.get(search, login: ("alice", "guess")).status == 401)
        }
        for login in [("alice", "guess"), TeamFixture.alice] {
            let blocked = try Curl.get(search, login: login)
            #expect(blocked.status == 429)
            let wait = try #require(blocked.headers["retry-after"].flatMap { Int($0) })
            #expect((1...60).contains(wait))
            #expect(blocked.body.contains("too many failed logins"))
        }
        #expect(try Curl.get(URL(string: "healthz", relativeTo: server.base)!.absoluteString).status == 200)
        #expect(server.accessLog().filter { $0.contains(" 429 ") }.count == 2)
    }

    @Test func aUsersFileWithAnotherHashIsRefusedAtStartWithItsLine() throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        let md5 = try Tools.run("htpasswd", ["-m", "-b", team.users.path, "carol", "password"])
        #expect(md5.status == 0)
        let refused = try BinaryRunner.run(["serve", "--index", fixture.indexURL.path, "--users", team.users.path, "--port", "0"],
                                           in: fixture.root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(team.users.path), "\(refused.stderr)")
        #expect(refused.stderr.contains("line 3"), "\(refused.stderr)")
        #expect(refused.stderr.contains("MD5"), "\(refused.stderr)")
        #expect(refused.stderr.contains("htpasswd -B"), "\(refused.stderr)")
        let md5Hash = try String(contentsOf: team.users, encoding: .utf8).split(separator: "\n").last!.split(separator: "$").last!
        #expect(!refused.stderr.contains(md5Hash), "never the hash")

        let missing = try BinaryRunner.run(["serve", "--index", fixture.indexURL.path, "--users", "nowhere.htpasswd", "--port", "0"],
                                           in: fixture.root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.htpasswd"), "\(missing.stderr)")
    }

    @Test func anotherHostNeedsUsersOrPublic() throws {
        let fixture = try Fixture.get()
        let refused = try BinaryRunner.run(["serve", "--index", fixture.indexURL.path, "--host", "0.0.0.0", "--port", "0"],
                                           in: fixture.root)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--users"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--public"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty, "it never listened")

        let open = try RunningServer(["--index", fixture.indexURL.path, "--host", "0.0.0.0", "--public"], in: fixture.root)
        defer { open.stop() }
        #expect(open.stderr.contains("--public: no login is asked"), "\(open.stderr)")
        let answer = try Curl.get("http://127.0.0.1:\(open.base.port!)/api/reports")
        #expect(answer.status == 200)
    }

    @Test func logQueriesWritesTheQueryText() throws {
        let fixture = try Fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path, "--log-queries"], in: fixture.root)
        defer { server.stop() }
        let answer = try Curl.get(URL(string: url("api/search", ["q": "乡村振兴 \"数字 政府\""]), relativeTo: server.base)!.absoluteString)
        #expect(answer.status == 200)
        let line = try #require(server.accessLog().first { $0.contains("/api/search") })
        #expect(line.contains(#" - GET /api/search 200 "#), "\(line)")
        #expect(line.hasSuffix(#"ms q="乡村振兴 \"数字 政府\"""#), "\(line)")
    }

    @Test func healthIs503OnceTheIndexIsGone() async throws {
        let own = try Fixture(reports: ["单位_2024_总结.txt": "一、工作\n推进乡村振兴。\n"], name: "baogao-health-e2e")
        let server = try RunningServer(["--index", own.indexURL.path], in: own.root)
        defer { server.stop() }
        let health = URL(string: "healthz", relativeTo: server.base)!.absoluteString
        #expect(try Curl.get(health).status == 200)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: own.indexURL.path + suffix) }
        let gone = try Curl.get(health)
        #expect(gone.status == 503)
        #expect(gone.body.contains("gone"))
    }
}
