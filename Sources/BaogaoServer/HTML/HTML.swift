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
