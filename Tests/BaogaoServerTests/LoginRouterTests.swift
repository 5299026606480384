import BaogaoKit
@testable import BaogaoServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Logins through the router, without a socket: every route the router has needs one (but
/// `/healthz` and the assets), with users files made by `htpasswd -B`.
@Suite(.serialized, .enabled(if: Tools.missing == nil, "\(Tools.missing ?? "")"))
struct LoginRouterTests {
    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    func settings(_ team: TeamFixture) throws -> ServerSettings {
        ServerSettings(port: 0, users: try UsersFile(url: team.users))
    }

    /// A request for each route of the router (parameters filled in), and whether it is open.
    static func requests(of router: Router<AppRequestContext>) -> [(path: String, method: HTTPRequest.Method, open: Bool)] {
        router.routes.map { route in
            let path = route.path.description.replacingOccurrences(of: "{name}", with: "baogao.css")
                .replacingOccurrences(of: ":name", with: "baogao.css")
            let full = path.hasPrefix("/") ? path : "/" + path
            return (full, route.method, LoginMiddleware.isOpen(full))
        }
    }

    @Test func everyRouteButHealthAndAssetsNeedsALogin() async throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        let settings = try settings(team)
        let routes = Self.requests(of: buildRouter(index: fixture.index, settings: settings))
        let paths = Set(routes.map(\.path))
        // The routes this server must have; a route added later is covered by the same loop.
        for expected in ["/", "/report", "/api/search", "/api/units", "/api/reports", "/api/report", "/api/section",
                         "/metrics", "/healthz", "/assets/baogao.css"] {
            #expect(paths.contains(expected), "\(expected) not in \(paths.sorted())")
        }
        // A fresh application per route: the failed logins of one route must not throttle the next.
        for (path, method, open) in routes + [("/nowhere", .get, false)] {
            try await withApp(fixture.index, settings: settings) { client in
                let none = try await client.execute(uri: path, method: method)
                let wrong = try await client.execute(uri: path, method: method, headers: Self.basic("alice", "wrong"))
                let right = try await client.execute(uri: path, method: method, headers: Self.basic(TeamFixture.alice.0, TeamFixture.alice.1))
                if open {
                    #expect(none.status == .ok, "\(method) \(path) is open")
                    #expect(wrong.status == .ok, "\(method) \(path) is open")
                } else {
                    for answer in [none, wrong] {
                        #expect(answer.status == .unauthorized, "\(method) \(path)")
                        #expect(answer.headers[.wwwAuthenticate]?.hasPrefix(#"Basic realm="Baogao""#) == true, "\(method) \(path)")
                    }
                    #expect(right.status != .unauthorized, "\(method) \(path) with the right login")
                }
            }
        }
        try await withApp(fixture.index, settings: settings) { client in
            // Right: the real answers.
            let search = try await client.get(url("/api/search", ["q": "乡村振兴"]), headers: Self.basic(TeamFixture.wang.0, TeamFixture.wang.1))
            #expect(search.status == .ok)
            #expect(try search.json()["totalHits"] as? Int ?? 0 > 0)
            // The open prefix never opens another route: dot segments are not resolved.
            for sneaky in ["/assets/../api/search?q=%E4%B9%A1", "/assets/%2e%2e/api/search?q=%E4%B9%A1",
                           "/healthz/../api/reports", "/assets/baogao.css/../../api/reports"] {
                let answer = try await client.get(sneaky)
                #expect(answer.status == .notFound || answer.status == .unauthorized, "\(sneaky): \(answer.status)")
                #expect(!answer.text.contains("totalHits"), "\(sneaky)")
            }
            // A 401 answers JSON under /api/ and a page elsewhere, and never leaks results.
            let api = try await client.get(url("/api/search", ["q": "乡村振兴"]))
            #expect(try api.json()["error"] as? String == "please log in")
            let page = try await client.get(url("/", ["q": "乡村振兴"]))
            #expect(page.text.contains("需要登录"))
            #expect(!page.text.contains("<mark>"))
        }
    }

    @Test func tenFailuresFromOneAddressAreThrottledAndTheRightLoginToo() async throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        try await withApp(fixture.index, settings: try settings(team)) { client in
            for _ in 0..<10 {
                let wrong = try await client.get("/api/reports", headers: Self.basic("alice", "guess"))
                #expect(wrong.status == .unauthorized)
            }
            for headers in [Self.basic("alice", "guess"), Self.basic(TeamFixture.alice.0, TeamFixture.alice.1), [:]] {
                let blocked = try await client.get("/api/reports", headers: headers)
                #expect(blocked.status == .tooManyRequests)
                let wait = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...60).contains(wait))
            }
            // The health check is not behind the login, nor behind the throttle.
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    @Test func manySuccessfulLoginsAreNeverThrottled() async throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        try await withApp(fixture.index, settings: try settings(team)) { client in
            for _ in 0..<30 {
                let right = try await client.get("/api/reports", headers: Self.basic(TeamFixture.alice.0, TeamFixture.alice.1))
                #expect(right.status == .ok)
            }
        }
    }

    @Test func theUsersFileIsReadAgainWhenItChanges() async throws {
        let fixture = try Fixture.get()
        let team = try TeamFixture()
        let problems = ProblemList()
        let users = try UsersFile(url: team.users) { problems.append($0) }
        try await withApp(fixture.index, settings: ServerSettings(port: 0, users: users)) { client in
            #expect(try await client.get("/api/reports", headers: Self.basic("bob", "new colleague")).status == .unauthorized)
            try Tools.htpasswd(team.users, "bob", "new colleague")
            #expect(try await client.get("/api/reports", headers: Self.basic("bob", "new colleague")).status == .ok)
            // alice's password changed: the old one (remembered after its first check) no longer opens.
            #expect(try await client.get("/api/reports", headers: Self.basic(TeamFixture.alice.0, TeamFixture.alice.1)).status == .ok)
            try Tools.htpasswd(team.users, "alice", "a new password")
            #expect(try await client.get("/api/reports", headers: Self.basic(TeamFixture.alice.0, TeamFixture.alice.1)).status == .unauthorized)
            #expect(try await client.get("/api/reports", headers: Self.basic("alice", "a new password")).status == .ok)
            // A change that does not parse is reported and ignored: the users before stay.
            let md5 = try Tools.run("htpasswd", ["-m", "-b", team.users.path, "carol", "md5 password"])
            #expect(md5.status == 0)
            #expect(try await client.get("/api/reports", headers: Self.basic("bob", "new colleague")).status == .ok)
            #expect(problems.all.count == 1)
            #expect(problems.all.first?.contains("line 4") == true, "\(problems.all)")
            #expect(problems.all.first?.contains("MD5") == true, "\(problems.all)")
            #expect(try await client.get("/api/reports", headers: Self.basic("carol", "md5 password")).status == .unauthorized)
        }
    }

    @Test func anOpenServerAsksNoLogin() async throws {
        let fixture = try Fixture.get()
        let status = try await withApp(fixture.index, settings: ServerSettings(port: 0)) { client in
            try await client.get("/api/reports").status
        }
        #expect(status == .ok)
    }
}

final class ProblemList: @unchecked Sendable {
    private let lock = NSLock()
    private var problems: [String] = []
    func append(_ problem: String) { lock.withLock { problems.append(problem) } }
    var all: [String] { lock.withLock { problems } }
}

/// The bcrypt check is made once per credential; the cache compares in constant time.
struct CachedBcryptVerifierTests {
    @Test(arguments: [("", "", true), ("a", "a", true), ("密码", "密码", true), ("a", "b", false), ("ab", "a", false),
                      ("a", "ab", false), ("", "a", false)])
    func constantTimeEqual(a: String, b: String, equal: Bool) {
        #expect(CachedBcryptVerifier.constantTimeEqual(Array(a.utf8), Array(b.utf8)) == equal)
    }

    @Test func aHashFromHtpasswdVerifiesAndIsRemembered() async throws {
        let team = try TeamFixture()
        let users = try UsersFile(url: team.users)
        let hash = try #require(users.users.hashes["alice"])
        let checks = ProblemList()
        let verifier = CachedBcryptVerifier { checks.append("bcrypt") }
        #expect(try await verifier.verifyPassword(TeamFixture.alice.1, createsHash: hash))
        #expect(checks.all.count == 1)
        // Remembered: the same password again needs no bcrypt check …
        for _ in 0..<100 { #expect(try await verifier.verifyPassword(TeamFixture.alice.1, createsHash: hash)) }
        #expect(checks.all.count == 1)
        // … a wrong one always does, and never passes.
        #expect(try await !verifier.verifyPassword("wrong", createsHash: hash))
        #expect(try await !verifier.verifyPassword(TeamFixture.alice.1 + "x", createsHash: hash))
        #expect(try await !verifier.verifyPassword(String(TeamFixture.alice.1.dropLast()), createsHash: hash))
        #expect(checks.all.count == 4)
        // Another user's hash is another key.
        let wang = try #require(users.users.hashes["王芳"])
        #expect(try await !verifier.verifyPassword(TeamFixture.alice.1, createsHash: wang))
        #expect(try await verifier.verifyPassword(TeamFixture.wang.1, createsHash: wang))
    }
}
