@testable import BaogaoServer
import Testing

/// The throttle's arithmetic, on a clock the test sets: 10 failures within a minute make
/// an address wait until the minute since the first of them is over.
struct FailedLoginsTests {
    let start = ContinuousClock.now

    func failures(_ count: Int, every step: Duration = .seconds(1), from address: String = "10.0.0.7") -> FailedLogins {
        var failures = FailedLogins()
        for i in 0..<count { failures.record(address, at: start + step * i) }
        return failures
    }

    @Test func nineFailuresDoNotBlock() {
        #expect(failures(9).retryAfter("10.0.0.7", at: start + .seconds(9)) == nil)
    }

    @Test(arguments: [(9.0, 51), (30.0, 30), (59.5, 1)] as [(Double, Int)])
    func theTenthBlocksUntilTheMinuteIsOver(at seconds: Double, expected: Int) {
        #expect(failures(10).retryAfter("10.0.0.7", at: start + .seconds(seconds)) == expected)
    }

    @Test func theMinuteOverTheAddressMayTryAgain() {
        let blocked = failures(10)
        #expect(blocked.retryAfter("10.0.0.7", at: start + .seconds(60)) == nil)
        // … and one more failure blocks it again until the second failure is a minute old.
        var again = blocked
        again.record("10.0.0.7", at: start + .seconds(60))
        #expect(again.retryAfter("10.0.0.7", at: start + .seconds(60)) == 1)
    }

    @Test func failuresSpreadOverMoreThanAMinuteNeverBlock() {
        let slow = failures(30, every: .seconds(7))
        #expect(slow.retryAfter("10.0.0.7", at: start + .seconds(7 * 29)) == nil)
    }

    @Test func anotherAddressIsNotSlowed() {
        #expect(failures(20).retryAfter("10.0.0.8", at: start + .seconds(20)) == nil)
    }

    @Test func oldAddressesAreForgotten() {
        var failures = FailedLogins()
        for i in 0..<2000 { failures.record("10.0.\(i / 256).\(i % 256)", at: start) }
        failures.record("10.9.9.9", at: start + .seconds(61))
        for i in 0..<1024 { failures.record("10.8.\(i / 256).\(i % 256)", at: start + .seconds(62)) }
        #expect(failures.addresses <= 1025 + 1)
    }
}

/// One access-log line: what it holds and what it never holds.
struct AccessLogLineTests {
    @Test func fieldsInOrder() throws {
        let time = try #require(ISO8601Parse.date("2026-12-03T09:15:02Z")).addingTimeInterval(0.114)
        var line = AccessLogLine(time: time, address: "10.0.0.7", user: "王芳", method: "GET", path: "/api/search",
                                 status: 200, milliseconds: 3.24, query: nil)
        #expect(line.text == "2026-12-03T09:15:02.114Z 10.0.0.7 王芳 GET /api/search 200 3.2ms")
        line.query = "乡村振兴 \"数字 政府\""
        #expect(line.text.hasSuffix(#" 200 3.2ms q="乡村振兴 \"数字 政府\"""#))
        line.user = nil
        line.path = "/a b\nc"
        #expect(line.text.contains(#" - GET "/a b\nc" 200"#))
    }
}
