import BaogaoKit
import BaogaoServer
import Foundation
import Hummingbird
import HummingbirdTesting

/// Drives the application built by `buildApplication` through Hummingbird's router test
/// client: no socket, the real routes and middleware.
func withApp<T>(_ index: IndexDatabase, settings: ServerSettings = ServerSettings(),
                          _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
    try await buildApplication(index: index, settings: settings).test(.router, body)
}

extension TestClientProtocol {
    /// GET `path` (already encoded).
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: path, method: .get, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FixtureError("not a JSON object: \(text)")
        }
        return object
    }
}

/// `path?name=value&…` with every name and value percent-encoded (spaces as %20).
func url(_ path: String, _ parameters: KeyValuePairs<String, String> = [:]) -> String {
    guard !parameters.isEmpty else { return path }
    return path + "?" + parameters.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
}

func encode(_ text: String) -> String {
    var allowed = CharacterSet()
    allowed.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed)!
}

/// The value of every `name="…"` attribute in `html`, unescaped.
func attributeValues(_ name: String, in html: String) -> [String] {
    matches(of: #"\b"# + name + #"="([^"]*)""#, in: html).map(unescapeHTML)
}

/// The first capture group of every match of `pattern`.
func matches(of pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
        $0.numberOfRanges > 1 ? ns.substring(with: $0.range(at: 1)) : ns.substring(with: $0.range)
    }
}

func unescapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// The `q` of a link the page gives (`/?q=…&page=…`), decoded as the server decodes it.
func queryParameter(_ name: String, of href: String) -> String? {
    guard let query = href.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
    for pair in query.split(separator: "#")[0].split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        if parts[0] == name {
            return parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding : ""
        }
    }
    return nil
}

/// Canonical JSON text of a value, for comparing API and CLI output.
func canonical(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
}
