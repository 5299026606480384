import BaogaoSpawn
import BaogaoTestSupport
import Foundation
import Testing

/// Headless Chromium on the page served by the real binary over the sample corpus: the DOM
/// after the browser ran the page holds the expected hit and breadcrumb, and no payload ever
/// becomes an element. `.ci/run` installs Debian's chromium; without it these tests are
/// skipped with the reason.
@Suite(.serialized, .enabled(if: Chromium.executable != nil,
                             "chromium is not installed (apt-get install -y chromium): the browser tests are skipped"))
struct BrowserTests {
    @Test func theSampleCorpusSearchShowsTheHitAndItsBreadcrumb() async throws {
        let sample = try Fixture.sample.get()
        let server = try RunningServer(["--index", sample.indexURL.path], in: sample.root)
        defer { server.stop() }
        let page = URL(string: url("/", ["q": "万人助万企"]), relativeTo: server.base)!.absoluteString

        let dom = try Chromium.dumpDOM(page)
        #expect(dom.contains("<mark>万人助万企</mark>"))
        // The report of the sample corpus about 万人助万企, with its unit, year and title …
        #expect(dom.contains("<span class=\"unit\">市工业和信息化局</span><i> · </i><span class=\"year\">2022</span>"))
        #expect(dom.contains("万人助万企活动调研报告</a>"))
        // … and the breadcrumb of a hit, as `search` prints it.
        let cli = try BinaryRunner.run(["search", "万人助万企", "--index", sample.indexURL.path, "--json"], in: sample.root)
        let first = try #require(try BinaryRunner.jsonLines(cli).first)
        let crumbs = (first["section"] as! [String]).map { "<span>\($0)</span>" }.joined(separator: "<i> › </i>")
        #expect(!crumbs.isEmpty)
        #expect(dom.contains("<div class=\"crumbs\">\(crumbs)</div>"))
        #expect(dom.contains("<svg class=\"chart chart-year\""))

        // A screenshot to look at, kept out of git.
        let artifacts = repositoryRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        for (name, width) in [("search-desktop.png", 1280), ("search-phone.png", 420)] {
            let shot = artifacts.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: shot)
            try Chromium.screenshot(page, to: shot, width: width, height: width > 800 ? 1100 : 1600)
            #expect(FileManager.default.fileExists(atPath: shot.path))
            print("screenshot: test-artifacts/\(name)")
        }
        // The report view of the first hit (without its line: headless screenshots of a
        // scrolled page come out blank at the top).
        let path = try #require(attributeValues("data-path", in: dom).first)
        let report = url("/report", ["path": path, "q": "万人助万企"])
        try Chromium.screenshot(URL(string: report, relativeTo: server.base)!.absoluteString,
                                to: artifacts.appendingPathComponent("report.png"), width: 1280, height: 1100)
    }

    @Test func identicalPassagesOpenToTheirPlacesWithoutScript() async throws {
        let fixture = try CopiesPageTests.fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        let page = URL(string: url("/", ["q": CopiesPageTests.query]), relativeTo: server.base)!.absoluteString
        let dom = try Chromium.dumpDOM(page)
        let details = try #require(matches(of: #"(<details class="copies">.*?</details>)"#, in: dom).first)
        #expect(details.contains("<summary>另有 5 处相同段落</summary>"))
        // Closed, the list is in the document all the same: the browser opens it, no script.
        #expect(attributeValues("href", in: details).filter { $0.hasPrefix("/report?") }.count == 5)
        #expect(details.contains("丙市人民政府_2025_政府工作报告.txt:3"))
        let artifacts = repositoryRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        try Chromium.screenshot(page, to: artifacts.appendingPathComponent("search-copies.png"), width: 1280, height: 900)
    }

    @Test(.enabled(if: Tools.missing == nil, "\(Tools.missing ?? "")"))
    func aColleagueLogsInToThePageOverHTTPS() async throws {
        let sample = try Fixture.sample.get()
        let team = try TeamFixture()
        let server = try RunningServer(["--index", sample.indexURL.path, "--users", team.users.path,
                                        "--tls-cert", team.certificate.path, "--tls-key", team.key.path], in: sample.root)
        defer { server.stop() }
        let page = try #require(URL(string: url("/", ["q": "万人助万企"]), relativeTo: server.base)?.absoluteURL)
        // The certificate is the test's own: the browser is told to accept it.
        let options = ["--ignore-certificate-errors"]

        // Without a login the browser gets a 401 asking for one (headless, nobody answers the
        // prompt: no page at all), never the results.
        let refused = try Chromium.dumpDOM(page.absoluteString, options: options)
        #expect(!refused.contains("<mark>"))
        #expect(!refused.contains("万人助万企活动调研报告"))

        var login = try #require(URLComponents(url: page, resolvingAgainstBaseURL: true))
        login.user = TeamFixture.alice.0
        login.password = TeamFixture.alice.1
        let dom = try Chromium.dumpDOM(try #require(login.url).absoluteString, options: options)
        #expect(dom.contains("<mark>万人助万企</mark>"))
        #expect(dom.contains("万人助万企活动调研报告</a>"))
        let log = server.accessLog()
        #expect(log.contains { $0.contains(" alice GET / 200 ") }, "\(log)")
        #expect(log.contains { $0.contains(" - GET / 401 ") }, "\(log)")
    }

    @Test func noPayloadBecomesAnElementInTheBrowser() async throws {
        let fixture = try Fixture.get()
        let server = try RunningServer(["--index", fixture.indexURL.path], in: fixture.root)
        defer { server.stop() }
        for target in [url("/", ["q": "乡村振兴", "chart": "unit"]),
                       url("/report", ["path": EscapingTests.xssPath, "line": "3", "q": "乡村振兴"]), "/"] {
            let dom = try Chromium.dumpDOM(URL(string: target, relativeTo: server.base)!.absoluteString)
            #expect(dom.contains("&lt;script&gt;alert(1)"), "\(target)")
            #expect(!dom.contains("<img"), "\(target)")
            #expect(!dom.contains("<script>alert"), "\(target)")
            #expect(matches(of: "(<script)", in: dom).count == 1, "\(target)")
        }
    }
}

/// Debian's headless Chromium, run as a process.
enum Chromium {
    static let executable: URL? = {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        return nil
    }()

    static func dumpDOM(_ url: String, options: [String] = []) throws -> String {
        try run(options + ["--dump-dom", url])
    }

    static func screenshot(_ url: String, to file: URL, width: Int, height: Int) throws {
        _ = try run(["--screenshot=\(file.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", url])
    }

    private static func run(_ arguments: [String]) throws -> String {
        let profile = TestFolders.root.appendingPathComponent("baogao-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = SpawnedProcess()
        process.executableURL = executable
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // A browser that hangs must not hang the test run.
        DispatchQueue.global().asyncAfter(deadline: .now() + 90) { if process.isRunning { process.terminate() } }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError("chromium \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
