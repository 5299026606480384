/// Byte counts as people write them: `100MB`, `1.5 GB`, `512k`, `64MiB`, `4096`.
///
/// Decimal units are powers of 1000 (MB = 1,000,000 bytes), binary units powers of 1024
/// (MiB = 1,048,576 bytes); a bare number is bytes.
///
/// ```swift
/// ByteSize.parse("100MB")   // 100_000_000
/// ByteSize.format(63_400_000)  // "63.4 MB"
/// ```
public enum ByteSize {
    /// The byte count of `text`, or `nil` when it is not a size.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.filter { $0 != " " && $0 != "_" }
        let split = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? trimmed.endIndex
        let number = trimmed[..<split]
        let unit = trimmed[split...].lowercased()
        guard !number.isEmpty, let value = Double(number), value >= 0 else { return nil }
        let multipliers: [String: Double] = [
            "": 1, "b": 1,
            "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let bytes = (value * multiplier).rounded()
        guard bytes < Double(Int.max) else { return nil }
        return Int(bytes)
    }

    /// `bytes` in decimal megabytes, one decimal: "63.4 MB" (kilobytes below 0.1 MB).
    public static func format(_ bytes: Int) -> String {
        if bytes < 100_000 { return "\(Double(bytes / 100) / 10) kB" }
        return "\(Double((bytes + 50_000) / 100_000) / 10) MB"
    }

    /// A short label for a size given as a parameter: "10MB", "1.5GB", "512kB".
    public static func label(_ bytes: Int) -> String {
        func trim(_ v: Double) -> String {
            v == v.rounded() ? String(Int(v)) : String(v)
        }
        if bytes >= 1_000_000_000 { return trim(Double(bytes) / 1e9) + "GB" }
        if bytes >= 1_000_000 { return trim(Double(bytes) / 1e6) + "MB" }
        if bytes >= 1_000 { return trim(Double(bytes) / 1e3) + "kB" }
        return "\(bytes)B"
    }
}
