@testable import BaogaoServer
import Testing

/// The users file format, as a table: what `htpasswd -B` writes is accepted; every other kind
/// of line is refused with its number and why, never echoing the hash.
struct HtpasswdTests {
    static let bcrypt = "$2y$05$YigXQ2FNe9vwemv63Q8JPeZvPznRENuZ4SVZoS6DTuu.GSFPy4XXC"

    @Test func bcryptEntriesAreAccepted() throws {
        let users = try Htpasswd(parsing: "\u{FEFF}alice:\(Self.bcrypt)\r\n\n# a comment\n王芳:\(Self.bcrypt.replacingOccurrences(of: "$2y$", with: "$2b$"))\n")
        #expect(users.hashes.count == 2)
        // htpasswd's $2y$ is bcrypt's $2b$: the verifier reads the latter.
        #expect(users.hashes["alice"] == "$2b$" + Self.bcrypt.dropFirst(4))
        #expect(users.hashes["王芳"]?.hasPrefix("$2b$05$") == true)
    }

    @Test(arguments: [
        ("alice:secret", 1, "plain text"),
        ("alice:\(bcrypt)\nbob:$apr1$9O0Ha1Y5$8Ve1AQb6YPkTtR7qOH7Yh/", 2, "MD5 hash ($apr1$"),
        ("bob:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=", 1, "SHA-1"),
        ("bob:rqXexS6ZhobKA", 1, "crypt (DES)"),
        ("bob:$1$abc$def", 1, "MD5 crypt"),
        ("bob:$6$salt$hash", 1, "SHA-2 crypt"),
        ("alice:\(bcrypt.dropLast())", 1, "damaged bcrypt"),
        ("alice:$2y$03$YigXQ2FNe9vwemv63Q8JPeZvPznRENuZ4SVZoS6DTuu.GSFPy4XXC", 1, "damaged bcrypt"),
        ("# users\n\nalice", 3, "no “:”"),
        (":\(bcrypt)", 1, "user name is empty"),
        ("alice:\(bcrypt)\nalice:\(bcrypt)", 2, "already defined"),
        ("", 0, "no users"),
        ("# only a comment\n", 0, "no users"),
    ] as [(String, Int, String)])
    func otherLinesAreRefusedWithTheirNumber(entry: (String, Int, String)) {
        let (text, line, reason) = entry
        #expect(throws: Htpasswd.Problem.self) { try Htpasswd(parsing: text) }
        do {
            _ = try Htpasswd(parsing: text)
        } catch {
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
            #expect(!error.reason.contains("secret") && !error.reason.contains("5en6G6"), "never the hash or password")
            if line > 0 { #expect(error.description.hasPrefix("line \(line): ")) }
        }
    }
}

/// Which `--host` values reach this machine only.
struct ListenAddressTests {
    @Test(arguments: [("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
                      ("0.0.0.0", false), ("::", false), ("192.168.1.10", false), ("127.0.0.1.example.com", false),
                      ("127.0.0.256", false), ("example.org", false)])
    func loopback(host: String, expected: Bool) {
        #expect(ListenAddress.isLoopback(host) == expected)
    }
}
