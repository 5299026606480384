import BaogaoKit
import BaogaoServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Bad requests get a 4xx and a message, as JSON under /api/ and as a page elsewhere; nothing
/// crashes, and no path reaches a file outside the index.
struct ErrorTests {
    /// (request, status, a part of the error message)
    static let badAPIRequests: [(String, Int, String)] = [
        ("/api/search", 400, "q is required"),
        ("/api/search?q=", 400, "q is required"),
        ("/api/search?q=%22%E4%B9%A1%E6%9D%91", 400, "unbalanced quote at column 1"),
        ("/api/search?q=%E4%B9%A1%E6%9D%91+unit:%E6%B0%B4%E5%88%A9", 400, "unknown unit"),
        ("/api/search?q=-%E7%96%AB%E6%83%85", 400, "nothing to search for"),
        ("/api/search?q=%E4%B9%A1&limit=abc", 400, "limit must be a whole number"),
        ("/api/search?q=%E4%B9%A1&limit=0", 400, "limit must be a whole number from 1 to 1000"),
        ("/api/search?q=%E4%B9%A1&offset=-1", 400, "offset must be"),
        ("/api/search?q=%E4%B9%A1%E6", 400, "not UTF-8"),
        ("/api/search?q=%zz", 400, "two hex digits"),
        ("/api/search?q=%", 400, "two hex digits"),
        ("/api/search?q=" + String(repeating: "%E4%B9%A1", count: 501), 400, "longer than 500 characters"),
        ("/api/units?q=%E4%B9%A1&by=month", 400, "by must be unit, year or report"),
        ("/api/units", 400, "q is required"),
        ("/api/reports?q=year:1800", 400, "bad query"),
        ("/api/report", 400, "path is required"),
        ("/api/section?path=x.txt", 400, "line is required"),
        ("/api/section?path=x.txt&line=two", 400, "line must be a whole number"),
        ("/api/section?path=%E5%B8%82XX%E5%8A%9E_2021_%E6%9C%BA%E5%85%B3%E5%85%9A%E5%BB%BA%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93.txt&line=999", 404, "has no line 999"),
        ("/api/nothing", 404, "no such page"),
        ("/api", 404, "no such page"),
    ]

    @Test func badAPIRequestsGetAStatusAndAMessage() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            for (path, status, message) in Self.badAPIRequests {
                let response = try await client.get(path)
                #expect(Int(response.status.code) == status, "\(path): \(response.text)")
                let error = try response.json()["error"] as? String
                #expect(error?.contains(message) == true, "\(path): \(error ?? response.text)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
        }
    }

    /// Paths that are not exactly an indexed report's path: parent folders, absolute paths
    /// (also of the indexed file itself), the file name alone for a report in a subfolder,
    /// encoded dots, NUL.
    static func traversals(_ fixture: Fixture) -> [String] {
        let indexed = "市XX办_2021_机关党建工作总结.txt"
        return [
            "../" + indexed,
            "../reports/" + indexed,
            "../../../../../../etc/passwd",
            "/etc/passwd",
            fixture.folder.appendingPathComponent(indexed).path,
            fixture.indexURL.path,
            "reports/" + indexed,
            "./" + indexed,
            "市农业农村局_2023_工作总结.txt",
            "sub/../" + indexed,
            "..%2f" + indexed,
            indexed + "\u{0}",
            "~/" + indexed,
        ]
    }

    @Test func noPathOutsideTheIndexIsServed() async throws {
        let fixture = try Fixture.get()
        let traversals = Self.traversals(fixture)
        try await withApp(fixture.index) { client in
            for path in traversals {
                for endpoint in ["/api/report", "/api/section"] {
                    let response = try await client.get(url(endpoint, ["path": path, "line": "1"]))
                    #expect(response.status == .notFound, "\(endpoint) \(path): \(response.text)")
                    #expect((try response.json()["error"] as? String)?.contains("no report at") == true)
                }
                let page = try await client.get(url("/report", ["path": path, "line": "1"]))
                #expect(page.status == .notFound, "/report \(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.text.contains("没有找到"))
                #expect(!page.text.contains("root:"), "a system file leaked")
            }
            // The same report by its indexed path is served.
            let good = try await client.get(url("/api/report", ["path": "市XX办_2021_机关党建工作总结.txt"]))
            #expect(good.status == .ok)
        }
    }

    @Test func assetsAreServedByNameOnly() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            let css = try await client.get("/assets/baogao.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("line-height: 1.8"))
            let js = try await client.get("/assets/baogao.js")
            #expect(js.headers[.contentType] == "text/javascript; charset=utf-8")
            for path in ["/assets/..%2FPackage.swift", "/assets/../Package.swift", "/assets/%2e%2e%2f%2e%2e%2fPackage.swift",
                         "/assets/Package.swift", "/assets/", "/assets/baogao.css/x"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("PackageDescription"))
            }
        }
    }

    @Test func pagesAnswerErrorsAsPages() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            let missing = try await client.get("/nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<!doctype html>"))
            #expect(missing.text.contains("no such page: /nowhere"))

            let bad = try await client.get(url("/", ["q": "乡村 (振兴"]))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("查询无法执行"))
            #expect(bad.text.contains("unbalanced"))
            #expect(bad.text.contains("<mark class=\"caret\">(</mark>"))
            // The search box keeps the query for fixing.
            #expect(attributeValues("value", in: bad.text).contains("乡村 (振兴"))

            let unknownUnit = try await client.get(url("/", ["q": "乡村振兴 unit:水利局"]))
            #expect(unknownUnit.status == .badRequest)
            #expect(unknownUnit.text.contains("unknown unit"))

            for path in ["/?q=%E4%B9%A1&page=0", "/?q=%E4%B9%A1&page=x", "/?q=%E4%B9%A1&chart=pie", "/?q=%E4%B9%A1%E6",
                         "/report", "/report?path=x&line=-3"] {
                let response = try await client.get(path)
                #expect(response.status == .badRequest, "\(path): \(response.status)")
                #expect(response.text.contains("<!doctype html>"))
            }
        }
    }

    @Test func onlyGETAndHEADAreServed() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                let response = try await client.execute(uri: "/api/search?q=%E4%B9%A1", method: method)
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
                #expect((try response.json()["error"] as? String)?.contains("only GET and HEAD") == true)
            }
            let head = try await client.execute(uri: "/?q=%E4%B9%A1", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test func requestSizeIsLimited() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            let long = try await client.get("/api/search?q=" + String(repeating: "a", count: 9000))
            #expect(long.status == .uriTooLong)
            #expect((try long.json()["error"] as? String)?.contains("longer than 8192 bytes") == true)

            let body = try await client.execute(uri: "/api/search?q=%E4%B9%A1", method: .get,
                                                headers: [.contentLength: "1048576"], body: ByteBuffer(repeating: 0x61, count: 1_048_576))
            #expect(body.status == .contentTooLarge)
        }
    }

    @Test func aSlowReadIsAnsweredWith503() async throws {
        let fixture = try Fixture.get()
        var settings = ServerSettings()
        settings.readTimeout = .nanoseconds(1)
        try await withApp(fixture.index, settings: settings) { client in
            let api = try await client.get(url("/api/search", ["q": "乡村振兴"]))
            #expect(api.status == .serviceUnavailable)
            #expect((try api.json()["error"] as? String)?.contains("did not answer within") == true)
            let page = try await client.get(url("/", ["q": "乡村振兴"]))
            #expect(page.status == .serviceUnavailable)
        }
    }

    @Test func responsesCarrySecurityHeaders() async throws {
        let fixture = try Fixture.get()
        try await withApp(fixture.index) { client in
            for path in ["/", "/?q=%E4%B9%A1", "/api/reports", "/nowhere"] {
                let response = try await client.get(path)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'"), "\(path)")
                #expect(!csp.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}

/// Any string a client can send as a query, a path or a number is answered below 500.
struct RandomInputTests {
    /// A deterministic generator, so every run sends the same requests.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["乡村振兴", "万人助万企", "\"", "(", ")", "-", " OR ", "unit:", "year:", "..", "section:", "title:",
                         ":", "%", "%2", "%zz", "+", "&", "=", "#", "?", "/", "../", "\u{0}", "\u{1B}", "😀", "ＡＰＰ",
                         "<script>", "'", "\\", "年", " ", "2021", "%E4", "%FF", "%00", "。"]

    @Test func randomRequestsNeverFailTheServer() async throws {
        let fixture = try Fixture.get()
        var rng = SplitMix64(state: 20_260_101)
        var targets: [String] = []
        for _ in 0..<400 {
            let count = Int.random(in: 1...6, using: &rng)
            let raw = (0..<count).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            // Half the time the raw text (malformed escapes and all), half the time encoded.
            let value = Bool.random(using: &rng) ? raw.replacingOccurrences(of: "#", with: "%23").replacingOccurrences(of: " ", with: "+")
                                                 : encode(raw)
            let endpoint = ["/?q=", "/api/search?q=", "/api/units?by=year&q=", "/api/reports?q=", "/api/report?path=",
                            "/api/section?line=2&path=", "/report?line=3&path=", "/api/search?q=%E4%B9%A1&limit=",
                            "/?q=%E4%B9%A1&page="].randomElement(using: &rng)!
            targets.append(endpoint + value)
        }
        let requests = targets
        let answered = try await withApp(fixture.index) { client in
            var statuses: [String: Int] = [:]
            for target in requests {
                statuses[target] = Int(try await client.get(target).status.code)
            }
            return statuses
        }
        let failures = answered.filter { $0.value >= 500 }
        #expect(failures.isEmpty, "\(failures)")
        #expect(answered.values.contains(200))
        #expect(answered.values.contains(400))
    }
}
