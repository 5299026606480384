/// The parameters of a URL's query string, decoded strictly: `+` is a space, `%XX` a byte, and
/// the bytes must be UTF-8. Malformed input is a 400, never a guess.
///
/// ```swift
/// let query = try QueryString("q=%E4%B9%A1%E6%9D%91+OR+x&page=2")
/// query["q"]                                    // "乡村 OR x"
/// try query.int("page", default: 1, in: 1...1000) // 2
/// ```
struct QueryString: Sendable {
    private var values: [String: String] = [:]

    /// Parses the part of a URL after `?` (nil or empty: no parameters). The first of
    /// repeated names wins.
    init(_ raw: String?) throws(RequestError) {
        guard let raw, !raw.isEmpty else { return }
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            if values[name] == nil { values[name] = value }
        }
    }

    /// The value of `name`, or nil when absent.
    subscript(_ name: String) -> String? { values[name] }

    /// The value of `name` with surrounding whitespace removed; nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// A whole number in `range`; `fallback` when absent or blank; a 400 otherwise.
    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(RequestError) -> Int {
        guard let text = text(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw RequestError(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Decodes one name or value: `+` → space, `%XX` → byte, then UTF-8.
    static func decode(_ encoded: Substring) throws(RequestError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.utf8.count)
        var iterator = encoded.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw RequestError(.badRequest, "malformed query string: “%” must be followed by two hex digits")
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RequestError(.badRequest, "malformed query string: the parameters are not UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace (including full-width spaces).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
