import Foundation
import MCP

/// Reading a tool's result in tests: its JSON text, parsed, and its resource links.
extension CallTool.Result {
    /// The first text content.
    var text: String {
        for item in content { if case .text(let text, _, _) = item { return text } }
        return ""
    }

    /// The text as a JSON object.
    var json: [String: Any] {
        get throws {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw FixtureError("not a JSON object: \(text.prefix(200))")
            }
            return object
        }
    }

    /// The resource links: (uri, name).
    var links: [(uri: String, name: String)] {
        content.compactMap { item in
            if case .resourceLink(let uri, let name, _, _, _, _) = item { return (uri, name) }
            return nil
        }
    }

    /// Every character the answer holds: the text and the links.
    var characters: Int {
        content.reduce(0) { total, item in
            switch item {
            case .text(let text, _, _): return total + text.unicodeScalars.count
            case .resourceLink(let uri, let name, let title, let description, _, _):
                return total + [uri, name, title ?? "", description ?? ""].reduce(0) { $0 + $1.unicodeScalars.count }
            default: return total
            }
        }
    }
}

/// JSON of any shape, compared after sorting keys.
func canonical(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
}
