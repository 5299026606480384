import ArgumentParser
import BaogaoKit
import BaogaoServer
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search page and the JSON API over the index.",
        discussion: """
            Opens the index once, read-only, and answers on http://HOST:PORT/ until Ctrl-C:
              baogao serve                              # http://127.0.0.1:8080/
              baogao serve --index ~/reports.sqlite --port 9000
              baogao serve --host 0.0.0.0 --users users.htpasswd --tls-cert cert.pem --tls-key key.pem
            The page: /?q=乡村振兴. The API: /api/search, /api/units, /api/reports, /api/report,
            /api/section (see the README). MCP's streamable HTTP, for AI assistants: /mcp.
            /healthz answers 200 while the index answers (no login); /metrics gives Prometheus
            metrics. Listens on loopback unless --host says otherwise; another address needs
            --users (logins) or --public (no login).
            --port 0 picks a free port. The line "listening on http://…/" says where; then one
            access-log line per request (time, address, user, method, path, status, ms).
            """
    )

    @OptionGroup var location: IndexLocation

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network, which needs --users or --public).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(name: .customLong("users"), help: ArgumentHelp(
        "Ask for a login: an Apache htpasswd file of bcrypt entries (htpasswd -B -c FILE NAME), re-read when it changes.",
        valueName: "file"))
    var usersFile: String?

    @Flag(help: "Serve another address than loopback without any login (a trusted network only); warns at every start.")
    var `public` = false

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM).", valueName: "pem"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The private key of --tls-cert (PEM, unencrypted).", valueName: "pem"))
    var tlsKey: String?

    @Flag(help: "Write each request's query text (q) in the access log (off by default: queries can be sensitive).")
    var logQueries = false

    @Flag(help: "Write no access log.")
    var noAccessLog = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: the certificate and its private key")
        }
        if usersFile != nil && self.public {
            throw ValidationError("--users asks for logins and --public serves without any: choose one")
        }
        if !ListenAddress.isLoopback(host) && usersFile == nil && !self.public {
            throw ValidationError("""
                --host \(host) serves other machines, and without logins anyone who reaches it reads every report: \
                give --users FILE (an htpasswd file of bcrypt logins: htpasswd -B -c FILE NAME), \
                or --public to serve it open on a network you trust
                """)
        }
    }

    func run() throws {
        MallocArenas.limit()
        var settings = ServerSettings(host: host, port: port, logQueries: logQueries)
        do {
            if let usersFile {
                settings.users = try UsersFile(url: URL(fileURLWithPath: usersFile)) { problem in
                    Terminal.warn(problem)
                }
            }
            if let tlsCertificate, let tlsKey {
                settings.tls = try ServerTLS.configuration(certificate: tlsCertificate, key: tlsKey)
            }
        } catch {
            throw BaogaoError(error.message)
        }
        if !noAccessLog { settings.accessLog = { line in AccessLogWriter.shared.write(line) } }
        if self.public {
            Terminal.warn("--public: no login is asked; anyone who reaches \(host):\(port) can read every report")
        } else if settings.users != nil && settings.tls == nil && !ListenAddress.isLoopback(host) {
            Terminal.warn("passwords cross the network in clear text over plain HTTP: add --tls-cert and --tls-key, or put nginx with HTTPS in front")
        }
        let index = try location.openForSearch(connections: .pool)
        let indexPath = location.url.relativePath
        let scheme = settings.tls == nil ? "http" : "https"
        let host = self.host
        let port = self.port
        do {
            try BlockingTask.run { [settings] in
                try await serve(index: index, settings: settings) { host, port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    Output.write("baogao: serving \(indexPath), listening on \(scheme)://\(shown):\(port)/ (Ctrl-C stops)\n")
                }
            }
        } catch {
            throw BaogaoError("cannot serve on \(host):\(port): \(error)")
        }
    }
}
