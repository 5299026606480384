import BaogaoTestSupport
import Foundation

/// The programs the login and HTTPS tests drive: `htpasswd` (Debian's apache2-utils) makes the
/// users files, `openssl` the throwaway certificates, `curl` is the client. `.ci/run`
/// installs them; without them those tests are skipped with the reason.
enum Tools {
    static func path(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var missing: String? {
        let absent = ["htpasswd", "openssl", "curl"].filter { path($0) == nil }
        return absent.isEmpty ? nil : "\(absent.joined(separator: ", ")) not installed (apt-get install -y apache2-utils openssl curl)"
    }

    typealias Output = BaogaoBinary.Output

    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> Output {
        try BaogaoBinary.runProgram(URL(fileURLWithPath: path(name) ?? "/usr/bin/\(name)"), arguments)
    }

    /// Adds (or changes) `user` in the htpasswd file with a bcrypt hash, as an admin would:
    /// `htpasswd -B`, creating the file when it does not exist.
    static func htpasswd(_ file: URL, _ user: String, _ password: String) throws {
        let create = FileManager.default.fileExists(atPath: file.path) ? [] : ["-c"]
        let result = try run("htpasswd", ["-B", "-b"] + create + [file.path, user, password])
        guard result.status == 0 else { throw FixtureError("htpasswd failed: \(result.stderr)") }
    }

    /// A self-signed certificate for 127.0.0.1 and its key, made with openssl in `folder`.
    static func certificate(in folder: URL) throws -> (certificate: URL, key: URL) {
        let certificate = folder.appendingPathComponent("cert.pem")
        let key = folder.appendingPathComponent("key.pem")
        let result = try run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                         "-nodes", "-keyout", key.path, "-out", certificate.path, "-days", "2",
                                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        guard result.status == 0 else { throw FixtureError("openssl failed: \(result.stderr)") }
        return (certificate, key)
    }
}

/// curl as the HTTP client: status, headers (lower-cased names) and body of one request.
enum Curl {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
        /// curl's own exit status: 0 when an HTTP answer came.
        var exit: Int32
    }

    static func get(_ url: String, login: (String, String)? = nil, caCertificate: URL? = nil,
                    arguments: [String] = []) throws -> Answer {
        var args = ["-s", "-i", "--max-time", "20"]
        if let login { args += ["-u", "\(login.0):\(login.1)"] }
        if let caCertificate { args += ["--cacert", caCertificate.path] }
        let result = try Tools.run("curl", args + arguments + [url])
        guard result.status == 0 else { return Answer(status: 0, headers: [:], body: result.stdout, exit: result.status) }
        var text = result.stdout
        // Skip interim answers (100 Continue).
        while text.hasPrefix("HTTP/1.1 1") , let end = text.range(of: "\r\n\r\n") { text = String(text[end.upperBound...]) }
        guard let end = text.range(of: "\r\n\r\n") else { throw FixtureError("no HTTP head in: \(text)") }
        let head = text[..<end.lowerBound].components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: headers, body: String(text[end.upperBound...]), exit: 0)
    }
}

/// A folder with a users file (alice, and 王芳 with a Chinese password) and a certificate.
struct TeamFixture {
    let folder: URL
    let users: URL
    let certificate: URL
    let key: URL

    static let alice = ("alice", "correct horse battery")
    static let wang = ("王芳", "报告密码2026")

    init() throws {
        folder = TestFolders.root.appendingPathComponent("baogao-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        users = folder.appendingPathComponent("users.htpasswd")
        try Tools.htpasswd(users, Self.alice.0, Self.alice.1)
        try Tools.htpasswd(users, Self.wang.0, Self.wang.1)
        (certificate, key) = try Tools.certificate(in: folder)
    }
}
