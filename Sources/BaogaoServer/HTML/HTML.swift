/// Escaping for everything that reaches a page: text nodes and double-quoted attribute values.
///
/// Every string from the index or the request goes through ``escape(_:)`` before it is put
/// into HTML; URLs are built with ``Link`` (percent-encoded, then escaped).
///
/// ```swift
/// HTML.escape(#"<script>alert(1)</script> "x" & 'y'"#)
/// // "&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &amp; &#39;y&#39;"
/// ```
enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe as text and inside a quoted
    /// attribute value. Control characters other than tab and line breaks become U+FFFD.
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `name="value"` with the value escaped.
    static func attribute(_ name: String, _ value: some StringProtocol) -> String {
        "\(name)=\"\(escape(value))\""
    }
}

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
