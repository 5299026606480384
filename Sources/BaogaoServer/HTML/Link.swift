/// The server's own URLs, percent-encoded and ready for an `href` (already HTML-escaped).
///
/// ```swift
/// Link.search("乡村振兴 unit:农业", page: 2)  // "/?q=%E4%B9%A1…&amp;page=2"
/// Link.report(path: "a b.txt", line: 3, query: nil)  // "/report?path=a%20b.txt&amp;line=3#L3"
/// ```
enum Link {
    static func search(_ query: String, page: Int = 1, chart: String? = nil) -> String {
        var parameters = [("q", query)]
        if page > 1 { parameters.append(("page", String(page))) }
        if let chart { parameters.append(("chart", chart)) }
        return HTML.escape("/?" + encode(parameters))
    }

    static func report(path: String, line: Int?, query: String?) -> String {
        var parameters = [("path", path)]
        if let line { parameters.append(("line", String(line))) }
        if let query, !query.isEmpty { parameters.append(("q", query)) }
        return HTML.escape("/report?" + encode(parameters) + (line.map { "#L\($0)" } ?? ""))
    }

    /// `name=value&…`, each part percent-encoded.
    static func encode(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes every byte but ASCII letters, digits and `-._~`.
    static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
