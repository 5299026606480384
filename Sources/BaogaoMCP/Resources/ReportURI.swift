import Foundation

/// The address of a report, or of one line of it, as a resource: `baogao://report/PATH#L31`,
/// PATH as hits give it (relative to the indexed folder), percent-encoded.
///
/// ```swift
/// ReportURI(path: "sub/市XX办_2021_总结.txt", line: 31).string
/// // "baogao://report/sub/%E5%B8%82XX%E5%8A%9E_2021_%E6%80%BB%E7%BB%93.txt#L31"
/// ReportURI(parsing: "baogao://report/a.txt#L31")  // path "a.txt", line 31
/// ```
public struct ReportURI: Sendable, Hashable {
    public static let prefix = "baogao://report/"
    /// The template a client fills in: `resources/templates/list` names it.
    public static let template = "baogao://report/{+path}"

    public var path: String
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// Reads a URI of this shape; nil for any other (another scheme, no path, a fragment that
    /// is not `L` and a line number, bad percent-encoding).
    public init?(parsing uri: String) {
        guard uri.hasPrefix(Self.prefix) else { return nil }
        var rest = Substring(uri.dropFirst(Self.prefix.count))
        var line: Int?
        if let hash = rest.firstIndex(of: "#") {
            let fragment = rest[rest.index(after: hash)...]
            guard fragment.first == "L", let number = Int(fragment.dropFirst()), number >= 1,
                  fragment.dropFirst().allSatisfy(\.isASCII) else { return nil }
            line = number
            rest = rest[..<hash]
        }
        guard !rest.isEmpty, let path = String(rest).removingPercentEncoding, !path.isEmpty else { return nil }
        self.init(path: path, line: line)
    }

    /// Characters kept as they are in the path: RFC 3986's unreserved ones and `/`.
    private static let kept = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")

    public var string: String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: Self.kept) ?? path
        return Self.prefix + encoded + (line.map { "#L\($0)" } ?? "")
    }
}
