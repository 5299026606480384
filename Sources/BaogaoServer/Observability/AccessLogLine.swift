import Foundation

/// One line of the access log: time (UTC, milliseconds), client address, user (`-` when
/// none), method, path (never the query string), status and milliseconds; the query text
/// (`q`, JSON-quoted) only when the server was started with `--log-queries`.
///
/// ```text
/// 2026-12-03T09:15:02.114Z 10.0.0.7 alice GET /api/search 200 3.2ms
/// 2026-12-03T09:15:02.114Z 10.0.0.7 alice GET /api/search 200 3.2ms q="乡村振兴 year:2023"
/// ```
struct AccessLogLine: Sendable, Equatable {
    var time: Date
    var address: String
    var user: String?
    var method: String
    var path: String
    var status: Int
    var milliseconds: Double
    var query: String?

    var text: String {
        var line = "\(Self.timestamp(time)) \(address) \(user.map(Self.token) ?? "-") \(method) \(Self.token(path)) "
            + "\(status) \(String(format: "%.1f", milliseconds))ms"
        if let query { line += " q=\(Self.quoted(query))" }
        return line
    }

    /// A field without spaces or control characters, so that a line splits on spaces.
    static func token(_ text: String) -> String {
        text.contains(where: { $0.isWhitespace || $0 == "\"" || $0.asciiValue.map { $0 < 0x20 } == true }) ? quoted(text) : text
    }

    /// `text` as a JSON string: one line whatever it holds.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(text)) ?? Data("\"?\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var whole = time_t(total / 1000)
        let millis = Int(total % 1000)
        var parts = tm()
        gmtime_r(&whole, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }
}
